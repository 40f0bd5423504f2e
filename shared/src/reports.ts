import { z } from 'zod';
import { ZId } from './common';
import { COMPLAINT_CATEGORIES, type TComplaintCategory } from './complaints';

/** How a report splits its figures (docs/metrics.md, "Grouping"). */
export const REPORT_GROUPINGS = ['day', 'week', 'month', 'site', 'team', 'agent', 'channel', 'category', 'region'] as const;
export const ZReportGrouping = z.enum(REPORT_GROUPINGS);
export type TReportGrouping = z.infer<typeof ZReportGrouping>;

/** Groupings over time: every bucket of the range is listed, empty ones too. */
export const TIME_GROUPINGS = ['day', 'week', 'month'] as const satisfies readonly TReportGrouping[];
export function isTimeGrouping(g: TReportGrouping): g is (typeof TIME_GROUPINGS)[number] {
  return (TIME_GROUPINGS as readonly string[]).includes(g);
}

const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const ZMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
export const ZReportTimeZone = z.string().min(1).max(64).refine(isTimeZone, 'unknown time zone');

/**
 * A report request: local dates `from`..`to` (both included). A site's own time zone (from its
 * business hours) decides its days; `timeZone` is used for sites without one.
 */
export const ZReportQuery = z
  .object({
    from: ZDate,
    to: ZDate,
    timeZone: ZReportTimeZone.default('Asia/Shanghai'),
    groupBy: ZReportGrouping.default('day'),
    siteId: ZId.optional(),
    teamId: ZId.optional(),
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
  .refine((q) => daysBetween(q.from, q.to) <= 400, { message: 'at most 400 days', path: ['to'] });
export type TReportQuery = z.infer<typeof ZReportQuery>;
export type TReportQueryInput = z.input<typeof ZReportQuery>;

/** Whole days from `a` to `b` (YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * Every figure of a report row. Durations are seconds, rates are percentages (0–100, one decimal).
 * `null` means "no data" (shown as n/a): an empty period has no median, no CSAT, no rate.
 */
export const ZReportMetrics = z.object({
  conversationsNew: z.number().int(),
  conversationsResolved: z.number().int(),
  /** Left the queue without ever having an agent. */
  conversationsMissed: z.number().int(),
  conversationsReopened: z.number().int(),
  resolutionRate: z.number().nullable(),
  firstResponseP50: z.number().nullable(),
  firstResponseP90: z.number().nullable(),
  firstResponseAvg: z.number().nullable(),
  /** Conversations that had a first response (the base of the three above). */
  firstResponseCount: z.number().int(),
  resolutionTimeP50: z.number().nullable(),
  resolutionTimeP90: z.number().nullable(),
  resolutionTimeAvg: z.number().nullable(),
  queueWaitP50: z.number().nullable(),
  queueWaitP90: z.number().nullable(),
  queueWaitMax: z.number().nullable(),
  complaintsNew: z.number().int(),
  complaintsByCategory: z.record(z.enum(COMPLAINT_CATEGORIES), z.number().int()),
  complaintsAccepted: z.number().int(),
  complaintsRejected: z.number().int(),
  complaintsResolvedOnTime: z.number().int(),
  complaintsBreached: z.number().int(),
  complaintsReopened: z.number().int(),
  /** Complaints ÷ new conversations × 100. */
  complaintRate: z.number().nullable(),
  surveysSent: z.number().int(),
  surveysAnswered: z.number().int(),
  csat: z.number().nullable(),
  surveyResponseRate: z.number().nullable(),
  followUpsDue: z.number().int(),
  followUpsDone: z.number().int(),
  followUpsOverdue: z.number().int(),
  qaReviews: z.number().int(),
  qaAverage: z.number().nullable(),
  /** Agent replies that matched a prohibited phrase, and the matches (one reply may match several). */
  flaggedReplies: z.number().int(),
  flaggedPhrases: z.number().int(),
});
export type TReportMetrics = z.infer<typeof ZReportMetrics>;
export type TReportMetricKey = keyof TReportMetrics;

/** One row: `key` is a date (day/week start YYYY-MM-DD, month YYYY-MM), an id, a channel, a category or a region; null = none. */
export const ZReportRow = z.object({
  key: z.string().nullable(),
  /** Site, team or agent name where the key is an id; otherwise null (the portal names channels and categories). */
  label: z.string().nullable(),
  metrics: ZReportMetrics,
});
export type TReportRow = z.infer<typeof ZReportRow>;

export const ZReport = z.object({
  query: z.object({
    from: ZDate,
    to: ZDate,
    timeZone: z.string(),
    groupBy: ZReportGrouping,
    siteId: ZId.nullable(),
    teamId: ZId.nullable(),
  }),
  rows: z.array(ZReportRow),
  total: ZReportMetrics,
  generatedAt: z.string(),
  /** Milliseconds the database took. */
  tookMs: z.number(),
});
export type TReport = z.infer<typeof ZReport>;

export const ZAgentScorecardQuery = z.object({
  month: ZMonth,
  timeZone: ZReportTimeZone.default('Asia/Shanghai'),
  agentId: ZId.optional(),
});
export type TAgentScorecardQuery = z.infer<typeof ZAgentScorecardQuery>;
export type TAgentScorecardQueryInput = z.input<typeof ZAgentScorecardQuery>;

/** 绩效考核表: one agent's month. */
export const ZAgentScorecardRow = z.object({
  agentId: ZId,
  agentName: z.string(),
  /** Conversations credited to the agent (首问负责人) that started in the month. */
  handled: z.number().int(),
  resolved: z.number().int(),
  resolutionRate: z.number().nullable(),
  firstResponseP50: z.number().nullable(),
  firstResponseP90: z.number().nullable(),
  firstResponseAvg: z.number().nullable(),
  surveysAnswered: z.number().int(),
  csat: z.number().nullable(),
  qaReviews: z.number().int(),
  qaAverage: z.number().nullable(),
  /** Complaint deadlines of the agent's complaints that fell due in the month. */
  slaDeadlines: z.number().int(),
  slaMet: z.number().int(),
  slaCompliance: z.number().nullable(),
  flaggedReplies: z.number().int(),
  topPhrases: z.array(z.object({ phrase: z.string(), count: z.number().int() })),
});
export type TAgentScorecardRow = z.infer<typeof ZAgentScorecardRow>;

export const ZAgentScorecard = z.object({
  month: ZMonth,
  timeZone: z.string(),
  agents: z.array(ZAgentScorecardRow),
  generatedAt: z.string(),
});
export type TAgentScorecard = z.infer<typeof ZAgentScorecard>;

/** What a report can be narrowed to: the sites, teams and active agents (names only). */
export const ZReportFilters = z.object({
  sites: z.array(z.object({ id: ZId, name: z.string() })),
  teams: z.array(z.object({ id: ZId, name: z.string() })),
  agents: z.array(z.object({ id: ZId, name: z.string() })),
});
export type TReportFilters = z.infer<typeof ZReportFilters>;

/** Columns of a report table and its CSV, in order (categories follow the complaint count). */
export const REPORT_COLUMNS = [
  'conversationsNew',
  'conversationsResolved',
  'conversationsMissed',
  'conversationsReopened',
  'resolutionRate',
  'firstResponseP50',
  'firstResponseP90',
  'firstResponseAvg',
  'resolutionTimeP50',
  'resolutionTimeP90',
  'resolutionTimeAvg',
  'queueWaitP50',
  'queueWaitP90',
  'queueWaitMax',
  'complaintsNew',
  'complaintsAccepted',
  'complaintsRejected',
  'complaintsResolvedOnTime',
  'complaintsBreached',
  'complaintsReopened',
  'complaintRate',
  'surveysSent',
  'surveysAnswered',
  'csat',
  'surveyResponseRate',
  'followUpsDue',
  'followUpsDone',
  'followUpsOverdue',
  'qaReviews',
  'qaAverage',
  'flaggedReplies',
  'flaggedPhrases',
] as const satisfies readonly Exclude<TReportMetricKey, 'complaintsByCategory' | 'firstResponseCount'>[];
export type TReportColumn = (typeof REPORT_COLUMNS)[number];

/** The report's tables: conversations, complaints, and after-care (surveys, follow-ups, QA, flags). */
export const REPORT_SECTIONS = ['conversations', 'complaints', 'care'] as const;
export const ZReportSection = z.enum(REPORT_SECTIONS);
export type TReportSection = z.infer<typeof ZReportSection>;

/** The columns of one section, in table order. */
export function sectionColumns(section: TReportSection): TReportColumn[] {
  const first = section === 'conversations' ? 'conversationsNew' : section === 'complaints' ? 'complaintsNew' : 'surveysSent';
  const last = section === 'conversations' ? 'queueWaitMax' : section === 'complaints' ? 'complaintRate' : 'flaggedPhrases';
  return REPORT_COLUMNS.slice(REPORT_COLUMNS.indexOf(first), REPORT_COLUMNS.indexOf(last) + 1);
}

/** How a column's value reads: a count, a duration in seconds, a percentage, or a 0–100 score. */
export function columnKind(c: TReportColumn): 'count' | 'seconds' | 'percent' | 'score' {
  if (/P50|P90|Avg|Max/.test(c) && c !== 'qaAverage') return 'seconds';
  if (c === 'resolutionRate' || c === 'complaintRate' || c === 'csat' || c === 'surveyResponseRate') return 'percent';
  if (c === 'qaAverage') return 'score';
  return 'count';
}

export type TCategoryCounts = Record<TComplaintCategory, number>;
