import {
  COMPLAINT_CATEGORIES,
  ZReportQuery,
  isTimeGrouping,
  type TReport,
  type TReportGrouping,
  type TReportMetrics,
  type TReportQueryInput,
  type TReportRow,
} from '@kefu/shared';
import type { DbOrTrx } from '../db/database';
import { AppError } from '../platform/errors';
import { complaintAggregates, type ComplaintAggregate } from './reports.complaints';
import { conversationAggregates, type ConversationAggregate } from './reports.conversations';
import {
  flagAggregates,
  followUpAggregates,
  qaAggregates,
  surveyAggregates,
  type FlagAggregate,
  type FollowUpAggregate,
  type QaAggregate,
  type SurveyAggregate,
} from './reports.care';
import { num, percent, type ReportScope } from './reports.scope';
import { timeBuckets } from './reports.buckets';

export type BuildReportOptions = TReportQueryInput & { now?: Date };

/** All figures zero / n/a: the start of every row. */
export function emptyMetrics(): TReportMetrics {
  return {
    conversationsNew: 0,
    conversationsResolved: 0,
    conversationsMissed: 0,
    conversationsReopened: 0,
    resolutionRate: null,
    firstResponseP50: null,
    firstResponseP90: null,
    firstResponseAvg: null,
    firstResponseCount: 0,
    resolutionTimeP50: null,
    resolutionTimeP90: null,
    resolutionTimeAvg: null,
    queueWaitP50: null,
    queueWaitP90: null,
    queueWaitMax: null,
    complaintsNew: 0,
    complaintsByCategory: Object.fromEntries(COMPLAINT_CATEGORIES.map((c) => [c, 0])) as TReportMetrics['complaintsByCategory'],
    complaintsAccepted: 0,
    complaintsRejected: 0,
    complaintsResolvedOnTime: 0,
    complaintsBreached: 0,
    complaintsReopened: 0,
    complaintRate: null,
    surveysSent: 0,
    surveysAnswered: 0,
    csat: null,
    surveyResponseRate: null,
    followUpsDue: 0,
    followUpsDone: 0,
    followUpsOverdue: 0,
    qaReviews: 0,
    qaAverage: null,
    flaggedReplies: 0,
    flaggedPhrases: 0,
  };
}

type Sources = {
  conversations: ConversationAggregate[];
  complaints: ComplaintAggregate[];
  surveys: SurveyAggregate[];
  followUps: FollowUpAggregate[];
  qa: QaAggregate[];
  flags: FlagAggregate[];
};

function applyConversations(m: TReportMetrics, a: ConversationAggregate): void {
  m.conversationsNew = a.new;
  m.conversationsResolved = a.resolved;
  m.conversationsMissed = a.missed;
  m.conversationsReopened = a.reopened;
  m.firstResponseCount = a.frt_count;
  m.firstResponseP50 = num(a.frt_p50);
  m.firstResponseP90 = num(a.frt_p90);
  m.firstResponseAvg = num(a.frt_avg);
  m.resolutionTimeP50 = num(a.res_p50);
  m.resolutionTimeP90 = num(a.res_p90);
  m.resolutionTimeAvg = num(a.res_avg);
  m.queueWaitP50 = num(a.wait_p50);
  m.queueWaitP90 = num(a.wait_p90);
  m.queueWaitMax = num(a.wait_max);
}

function applyComplaints(m: TReportMetrics, a: ComplaintAggregate): void {
  m.complaintsNew = a.new;
  m.complaintsAccepted = a.accepted;
  m.complaintsRejected = a.rejected;
  m.complaintsResolvedOnTime = a.resolved_on_time;
  m.complaintsBreached = a.breached;
  m.complaintsReopened = a.reopened;
  for (const c of COMPLAINT_CATEGORIES) m.complaintsByCategory[c] = a[`cat_${c}`];
}

/** Rates that combine sources, once every source is in. */
function finish(m: TReportMetrics): TReportMetrics {
  m.resolutionRate = percent(m.conversationsResolved, m.conversationsNew);
  m.complaintRate = percent(m.complaintsNew, m.conversationsNew);
  m.surveyResponseRate = percent(m.surveysAnswered, m.surveysSent);
  return m;
}

/** Merges the per-source aggregates into rows by key (and the total). */
function merge(sources: Sources): { byKey: Map<string | null, TReportMetrics>; total: TReportMetrics } {
  const byKey = new Map<string | null, TReportMetrics>();
  const total = emptyMetrics();
  const at = (r: { key: string | null; is_total: boolean }) => {
    if (r.is_total) return total;
    let m = byKey.get(r.key);
    if (!m) byKey.set(r.key, (m = emptyMetrics()));
    return m;
  };
  for (const r of sources.conversations) applyConversations(at(r), r);
  for (const r of sources.complaints) applyComplaints(at(r), r);
  for (const r of sources.surveys) {
    const m = at(r);
    m.surveysSent = r.sent;
    m.surveysAnswered = r.answered;
    m.csat = percent(r.satisfied, r.answered);
  }
  for (const r of sources.followUps) Object.assign(at(r), { followUpsDue: r.due, followUpsDone: r.done, followUpsOverdue: r.overdue });
  for (const r of sources.qa) Object.assign(at(r), { qaReviews: r.reviews, qaAverage: num(r.average, 1) });
  for (const r of sources.flags) Object.assign(at(r), { flaggedReplies: r.replies, flaggedPhrases: r.phrases });
  for (const m of byKey.values()) finish(m);
  finish(total);
  return { byKey, total };
}

/** Names of the sites, teams or agents a report's keys refer to. */
async function labelsFor(db: DbOrTrx, groupBy: TReportGrouping, keys: string[]): Promise<Map<string, string>> {
  const table = groupBy === 'site' ? 'sites' : groupBy === 'team' ? 'teams' : groupBy === 'agent' ? 'users' : null;
  if (!table || keys.length === 0) return new Map();
  const rows = await db.selectFrom(table).select(['id', 'name']).where('id', 'in', keys).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * A report over local days `from`..`to`, grouped by time or by a dimension, with its total.
 * Reads only; figures a source has no data for stay null ("n/a"). See docs/metrics.md.
 * @example await buildReport(db, { from: '2026-11-01', to: '2026-11-30', timeZone: 'Asia/Shanghai', groupBy: 'agent' })
 */
export async function buildReport(db: DbOrTrx, options: BuildReportOptions): Promise<TReport> {
  const parsed = ZReportQuery.safeParse(options);
  if (!parsed.success) throw new AppError('bad_request', parsed.error.issues.map((i) => i.message).join('; '));
  const q = parsed.data;
  const started = Date.now();
  const scope: ReportScope = { from: q.from, to: q.to, timeZone: q.timeZone, groupBy: q.groupBy, siteId: q.siteId ?? null, teamId: q.teamId ?? null, now: options.now ?? new Date() };
  // One after another: PGlite runs one query at a time anyway, and a pool of 10 serves other requests meanwhile.
  const sources: Sources = {
    conversations: await conversationAggregates(db, scope),
    complaints: await complaintAggregates(db, scope),
    surveys: await surveyAggregates(db, scope),
    followUps: await followUpAggregates(db, scope),
    qa: await qaAggregates(db, scope),
    flags: await flagAggregates(db, scope),
  };
  const { byKey, total } = merge(sources);
  let rows: TReportRow[];
  if (isTimeGrouping(q.groupBy)) {
    rows = timeBuckets(q.groupBy, q.from, q.to).map((key) => ({ key, label: null, metrics: byKey.get(key) ?? finish(emptyMetrics()) }));
  } else {
    const labels = await labelsFor(db, q.groupBy, [...byKey.keys()].filter((k): k is string => k !== null));
    rows = [...byKey.entries()].map(([key, metrics]) => ({ key, label: key === null ? null : (labels.get(key) ?? null), metrics }));
    rows.sort((a, b) => (a.key === null ? 1 : b.key === null ? -1 : b.metrics.conversationsNew - a.metrics.conversationsNew || (a.label ?? a.key).localeCompare(b.label ?? b.key)));
  }
  return {
    query: { from: q.from, to: q.to, timeZone: q.timeZone, groupBy: q.groupBy, siteId: scope.siteId, teamId: scope.teamId },
    rows,
    total,
    generatedAt: scope.now.toISOString(),
    tookMs: Date.now() - started,
  };
}
