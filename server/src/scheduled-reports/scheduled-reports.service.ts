import type { TLocale, TScheduledReport, TScheduledReportFigures } from '@kefu/shared';
import type { Ctx } from '../platform/context';
import { sendMail } from '../mail/mail.service';
import { buildReport } from '../reports/reports.service';
import { reportSubject, reportText, type ReportPeriod } from './scheduled-reports.content';
import { duePeriods } from './scheduled-reports.periods';
import * as repo from './scheduled-reports.repository';

type Recipient = { email: string; locale: TLocale };

/** KEFU_REPORT_RECIPIENTS when set (each in the language of the account with that address, else zh-CN), otherwise every active manager (zh-CN when they chose none). */
async function recipientsOf(ctx: Ctx): Promise<Recipient[]> {
  const configured = ctx.config.scheduledReports.recipients;
  if (configured.length > 0) {
    const users = await ctx.db.selectFrom('users').select(['email', 'locale']).where('email', 'in', configured).execute();
    const locales = new Map(users.map((u) => [u.email.toLowerCase(), u.locale]));
    return configured.map((email) => ({ email, locale: locales.get(email.toLowerCase()) ?? 'zh-CN' }));
  }
  const managers = await ctx.db.selectFrom('users').select(['email', 'locale']).where('active', '=', true).where('role', '=', 'manager').orderBy('email').execute();
  // A manager who never chose a language gets Chinese.
  return managers.map((m) => ({ email: m.email, locale: m.locale ?? 'zh-CN' }));
}

/** The period's figures by team and by agent, from the reports service (docs/metrics.md). */
async function figuresFor(ctx: Ctx, p: ReportPeriod): Promise<TScheduledReportFigures> {
  const query = { from: p.from, to: p.to, timeZone: p.timeZone, now: ctx.clock() };
  return {
    teams: await buildReport(ctx.db, { ...query, groupBy: 'team' }),
    agents: await buildReport(ctx.db, { ...query, groupBy: 'agent' }),
  };
}

/** Where a reader finds the stored reports (and their CSV) in the portal. */
export function scheduledReportsUrl(ctx: Ctx): string {
  return `${ctx.config.publicUrl}/portal/#/reports/scheduled`;
}

/**
 * Makes a claimed report: figures, then one mail per recipient in their language when SMTP is
 * configured (`sent`); without SMTP it is only stored for download (`stored`). Failures are kept
 * on the row (`failed`), which a later run retries (repository RETRY_AFTER_MS).
 */
async function makeReport(ctx: Ctx, id: string, p: ReportPeriod): Promise<void> {
  try {
    const figures = await figuresFor(ctx, p);
    const recipients = ctx.config.mail.smtpUrl ? await recipientsOf(ctx) : [];
    const failed: string[] = [];
    for (const r of recipients) {
      const mail = await sendMail(ctx, { to: r.email, subject: reportSubject(p, r.locale), text: reportText(p, figures, r.locale, scheduledReportsUrl(ctx)) });
      if (mail.status === 'failed') failed.push(r.email);
    }
    const allFailed = recipients.length > 0 && failed.length === recipients.length;
    await repo.finishReport(ctx.db, id, {
      status: !ctx.config.mail.smtpUrl || recipients.length === 0 ? 'stored' : allFailed ? 'failed' : 'sent',
      madeAt: ctx.clock(),
      recipients: recipients.map((r) => r.email).filter((e) => !failed.includes(e)),
      subject: reportSubject(p, 'zh-CN'),
      figures,
      error: failed.length > 0 ? `mail not sent to ${failed.join(', ')}` : null,
    });
  } catch (err) {
    ctx.log.warn('scheduled report failed', { kind: p.kind, from: p.from, err: String(err) });
    await repo.finishReport(ctx.db, id, { status: 'failed', madeAt: ctx.clock(), recipients: [], subject: null, figures: null, error: String(err).slice(0, 500) });
  }
}

/**
 * Makes every report that is due now (docs/api.md, "Scheduled reports") and not yet made by any
 * process: each (kind, period) is claimed by inserting its row first, so with several server
 * processes each report is made and mailed once. Returns the reports this call made.
 * @example await runScheduledReports(ctx) // at 10:00 in KEFU_TIMEZONE: yesterday's daily report
 */
export async function runScheduledReports(ctx: Ctx): Promise<TScheduledReport[]> {
  if (!ctx.config.scheduledReports.enabled) return [];
  const now = ctx.clock();
  const timeZone = ctx.config.timeZone;
  const made: string[] = [];
  for (const due of duePeriods(now, { timeZone, dailyAt: ctx.config.scheduledReports.dailyAt })) {
    const period = { kind: due.kind, from: due.from, to: due.to, timeZone };
    const id = await repo.claimReport(ctx.db, period, now);
    if (!id) continue;
    await makeReport(ctx, id, period);
    made.push(id);
  }
  const rows = await Promise.all(made.map((id) => repo.findReport(ctx.db, id)));
  return rows.filter((r) => r !== undefined).map(repo.toScheduledReport);
}

/** Checks for due reports at start and every `intervalMs` (a minute); returns the stop function. */
export function startScheduledReports(ctx: Ctx, opts: { intervalMs?: number } = {}): () => void {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = runScheduledReports(ctx)
      .catch((err: unknown) => ctx.log.warn('scheduled reports run failed', { err: String(err) }))
      .finally(() => (running = null));
  };
  tick();
  const timer = setInterval(tick, opts.intervalMs ?? 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
