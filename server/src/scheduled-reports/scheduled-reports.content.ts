import { columnKind, type TLocale, type TReport, type TReportColumn, type TReportMetrics, type TScheduledReportFigures, type TScheduledReportKind } from '@kefu/shared';
import { format } from '@kefu/shared/i18n';
import { portalReportsEn, type TPortalReportsKey } from '@kefu/shared/i18n/portal.reports.en';
import { portalReportsZhCN } from '@kefu/shared/i18n/portal.reports.zh-CN';
import { scheduledReportsEn, type TScheduledReportsKey } from '@kefu/shared/i18n/server.scheduled-reports.en';
import { scheduledReportsZhCN } from '@kefu/shared/i18n/server.scheduled-reports.zh-CN';
import { BOM, reportCsv, rowName } from '../reports/reports.csv';

const TEXT: Record<TLocale, Record<TScheduledReportsKey, string>> = { en: scheduledReportsEn, 'zh-CN': scheduledReportsZhCN };
const COLUMNS: Record<TLocale, Record<TPortalReportsKey, string>> = { en: portalReportsEn, 'zh-CN': portalReportsZhCN };

/** The figures a mail lists for the whole period, by section (the CSV has every column). */
const SUMMARY: { section: 'conversations' | 'complaints' | 'care'; columns: TReportColumn[] }[] = [
  { section: 'conversations', columns: ['conversationsNew', 'conversationsResolved', 'conversationsMissed', 'conversationsReopened', 'resolutionRate', 'firstResponseP50', 'firstResponseP90', 'firstResponseAvg', 'resolutionTimeP50', 'queueWaitP50', 'queueWaitP90', 'queueWaitMax'] },
  { section: 'complaints', columns: ['complaintsNew', 'complaintsAccepted', 'complaintsRejected', 'complaintsResolvedOnTime', 'complaintsBreached', 'complaintsReopened', 'complaintRate'] },
  { section: 'care', columns: ['surveysSent', 'surveysAnswered', 'csat', 'surveyResponseRate', 'followUpsDue', 'followUpsDone', 'followUpsOverdue', 'qaReviews', 'qaAverage', 'flaggedReplies'] },
];
/** Rows per table in a mail; the CSV has them all. */
const MAIL_ROWS = 30;

export type ReportPeriod = { kind: TScheduledReportKind; from: string; to: string; timeZone: string };

function texts(locale: TLocale) {
  const t = (key: TScheduledReportsKey, params?: Record<string, string | number>) => format(TEXT[locale][key], params);
  const col = (key: TPortalReportsKey) => COLUMNS[locale][key];
  return { t, col };
}

/** "45 s", "3 min 12 s", "2 h 5 min" — durations in a mail. */
function duration(t: ReturnType<typeof texts>['t'], seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return t('seconds', { n: s });
  if (s < 3600) return t('minutes', { m: Math.floor(s / 60), s: s % 60 });
  return t('hours', { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
}

function value(t: ReturnType<typeof texts>['t'], column: TReportColumn, m: TReportMetrics): string {
  const v = m[column];
  if (v === null) return t('na');
  return columnKind(column) === 'seconds' ? duration(t, v) : String(v);
}

/** "2026-11-30" or "2026-11-01 to 2026-11-30". */
function periodText(p: ReportPeriod, locale: TLocale): string {
  const { t } = texts(locale);
  return p.from === p.to ? t('period.day', { from: p.from }) : t('period.range', { from: p.from, to: p.to });
}

/** The mail's subject in `locale`. */
export function reportSubject(p: ReportPeriod, locale: TLocale): string {
  const { t } = texts(locale);
  return t('subject', { kind: t(`kind.${p.kind}`), period: periodText(p, locale) });
}

function rowLines(report: TReport, locale: TLocale): string[] {
  const { t } = texts(locale);
  if (report.rows.length === 0) return [`  ${t('noRows')}`];
  const lines = report.rows.slice(0, MAIL_ROWS).map((r) =>
    `  ${t('row', {
      name: rowName(report, r, locale),
      new: r.metrics.conversationsNew,
      resolved: r.metrics.conversationsResolved,
      frt: value(t, 'firstResponseP50', r.metrics),
      csat: r.metrics.csat === null ? t('na') : `${r.metrics.csat}%`,
      complaints: r.metrics.complaintsNew,
    })}`,
  );
  if (report.rows.length > MAIL_ROWS) lines.push(`  ${t('more', { n: report.rows.length - MAIL_ROWS })}`);
  return lines;
}

/**
 * The report as a plain-text mail in `locale`: the period's totals by section, then one line per
 * team and per agent, and where to find everything.
 */
export function reportText(p: ReportPeriod, figures: TScheduledReportFigures, locale: TLocale, url: string): string {
  const { t, col } = texts(locale);
  const total = figures.agents.total;
  const lines = [t('intro', { kind: t(`kind.${p.kind}`), period: periodText(p, locale), timeZone: p.timeZone }), ''];
  for (const s of SUMMARY) {
    lines.push(t(`section.${s.section}`));
    for (const c of s.columns) lines.push(`  ${col(`col.${c}`)}: ${value(t, c, total)}`);
    lines.push('');
  }
  lines.push(t('section.teams'), ...rowLines(figures.teams, locale), '');
  lines.push(t('section.agents'), ...rowLines(figures.agents, locale), '');
  lines.push(t('footer', { url }));
  return lines.join('\n');
}

/** The report as one CSV document (UTF-8 with BOM): the team table, a blank line, the agent table. */
export function reportCsvDocument(figures: TScheduledReportFigures, locale: TLocale): string {
  const strip = (csv: string) => (csv.startsWith(BOM) ? csv.slice(BOM.length) : csv);
  return BOM + strip(reportCsv(figures.teams, locale)) + '\r\n' + strip(reportCsv(figures.agents, locale));
}
