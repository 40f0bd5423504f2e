import { COMPLAINT_CATEGORIES, REPORT_COLUMNS, columnKind, sectionColumns, type TAgentScorecard, type TLocale, type TReport, type TReportRow, type TReportSection } from '@kefu/shared';
import { format } from '@kefu/shared/i18n';
import { portalReportsEn, type TPortalReportsKey } from '@kefu/shared/i18n/portal.reports.en';
import { portalReportsZhCN } from '@kefu/shared/i18n/portal.reports.zh-CN';

const CATALOGS: Record<TLocale, { readonly [K in TPortalReportsKey]: string }> = { en: portalReportsEn, 'zh-CN': portalReportsZhCN };

/** Excel reads a UTF-8 file as UTF-8 (Chinese intact) only when it starts with a byte-order mark. */
export const BOM = '\uFEFF';

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break; quotes doubled. A
 * leading =, +, - or @ in text is prefixed with ' so a spreadsheet does not run it as a formula.
 */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A whole CSV document: BOM, header, rows, CRLF line ends. */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  return BOM + [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function text(locale: TLocale) {
  return (key: TPortalReportsKey, params?: Record<string, string | number>) => format(CATALOGS[locale][key], params);
}

/** The name a row's key shows: a date, a name, or a translated channel/category; "None" for null. */
export function rowName(report: Pick<TReport, 'query'>, row: Pick<TReportRow, 'key' | 'label'>, locale: TLocale): string {
  const t = text(locale);
  if (row.key === null) return t('r.none');
  if (row.label) return row.label;
  const g = report.query.groupBy;
  if (g === 'channel' && (row.key === 'widget' || row.key === 'phone' || row.key === 'conversation')) return t(`r.channel.${row.key}`);
  if (g === 'category' && (COMPLAINT_CATEGORIES as readonly string[]).includes(row.key)) return t(`r.cat.${row.key as (typeof COMPLAINT_CATEGORIES)[number]}`);
  return row.key;
}

/**
 * The report as CSV in the reader's language: one line per row, then the total; durations in
 * seconds, blanks for n/a. A section narrows it to that table's columns (complaints add categories).
 */
export function reportCsv(report: TReport, locale: TLocale, section?: TReportSection): string {
  const t = text(locale);
  const cols = section ? sectionColumns(section) : [...REPORT_COLUMNS];
  const cats = !section || section === 'complaints' ? COMPLAINT_CATEGORIES : [];
  const columns = cols.map((c) => (columnKind(c) === 'seconds' ? t('csv.seconds', { label: t(`col.${c}`) }) : t(`col.${c}`)));
  const categories = cats.map((c) => `${t('col.complaintsNew')}: ${t(`r.cat.${c}`)}`);
  const header = [t(`r.group.${report.query.groupBy}`), ...columns, ...categories];
  const line = (name: string, m: TReport['total']) => [name, ...cols.map((c) => m[c]), ...cats.map((c) => m.complaintsByCategory[c])];
  return toCsv(header, [...report.rows.map((r) => line(rowName(report, r, locale), r.metrics)), line(t('r.total'), report.total)]);
}

const SCORECARD_COLUMNS = ['handled', 'resolved', 'resolutionRate', 'firstResponseP50', 'firstResponseP90', 'firstResponseAvg', 'surveysAnswered', 'csat', 'qaReviews', 'qaAverage', 'slaDeadlines', 'slaCompliance', 'flaggedReplies'] as const;

/** The scorecard as CSV; flagged phrases as "phrase ×n" joined by "; ". */
export function scorecardCsv(card: TAgentScorecard, locale: TLocale): string {
  const t = text(locale);
  const header = [t('sc.month'), t('sc.agent'), ...SCORECARD_COLUMNS.map((c) => (c.startsWith('firstResponse') ? t('csv.seconds', { label: t(`sc.${c}`) }) : t(`sc.${c}`))), t('sc.topPhrases')];
  const rows = card.agents.map((a) => [card.month, a.agentName, ...SCORECARD_COLUMNS.map((c) => a[c]), a.topPhrases.map((p) => `${p.phrase} ×${p.count}`).join('; ')]);
  return toCsv(header, rows);
}
