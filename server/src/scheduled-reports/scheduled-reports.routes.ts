import { Hono } from 'hono';
import { ZId, ZScheduledReportDownload, ZScheduledReportsQuery, type TLocale } from '@kefu/shared';
import { recordAudit } from '../audit/audit.service';
import { AppError } from '../platform/errors';
import { requirePermission, type AppEnv } from '../platform/http';
import { parseInput } from '../platform/validate';
import { reportCsvDocument, reportText } from './scheduled-reports.content';
import { findReport, listReports } from './scheduled-reports.repository';
import { scheduledReportsUrl } from './scheduled-reports.service';

/** Past scheduled reports (日报/周报/月报) and their downloads, for roles holding `reports.view`; downloads are audited. */
export const scheduledReportsRoutes = new Hono<AppEnv>()
  .use(requirePermission('reports.view'))
  .get('/', async (c) => {
    const q = parseInput(ZScheduledReportsQuery, c.req.query());
    const { config } = c.var.ctx;
    const schedule = { enabled: config.scheduledReports.enabled, dailyAt: config.scheduledReports.dailyAt, timeZone: config.timeZone, mail: Boolean(config.mail.smtpUrl) };
    return c.json({ ok: true as const, reports: await listReports(c.var.ctx.db, q), schedule });
  })
  .get('/:id/download', async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    const q = parseInput(ZScheduledReportDownload, c.req.query());
    const ctx = c.var.ctx;
    const row = await findReport(ctx.db, id);
    if (!row) throw new AppError('not_found', 'no such report');
    if (!row.figures) throw new AppError('not_found', row.status === 'making' ? 'the report is still being made' : 'this report has no figures (it failed)');
    const locale: TLocale = q.locale ?? (c.req.header('accept-language')?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en');
    const ip = c.req.header('x-forwarded-for')?.split(',')[0]?.trim() ?? null;
    await recordAudit(ctx.db, { actorId: c.var.agent.id, action: 'data.exported', targetType: 'scheduled_report', detail: { id, kind: row.kind, from: row.period_from, format: q.format }, ip }, ctx.clock());
    const period = { kind: row.kind, from: row.period_from, to: row.period_to, timeZone: row.time_zone };
    const name = `kefu-${row.kind}-${row.period_from}${row.period_to === row.period_from ? '' : `-${row.period_to}`}.${q.format}`;
    const body = q.format === 'csv' ? reportCsvDocument(row.figures, locale) : reportText(period, row.figures, locale, scheduledReportsUrl(ctx));
    return c.body(body, 200, {
      'content-type': q.format === 'csv' ? 'text/csv; charset=utf-8' : 'text/plain; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'no-store',
    });
  });
