import { sql } from 'kysely';
import { ZAgentScorecardQuery, type TAgentScorecard, type TAgentScorecardQueryInput, type TAgentScorecardRow } from '@kefu/shared';
import type { DbOrTrx } from '../db/database';
import { AppError } from '../platform/errors';
import { monthEnd } from './reports.buckets';
import { topPhrasesByAgent } from './reports.care';
import { onLocalDays, percent, utcWindow, zoneOf, type ReportScope } from './reports.scope';
import { buildReport, emptyMetrics } from './reports.service';

export type AgentScorecardOptions = TAgentScorecardQueryInput & { now?: Date };

/**
 * SLA compliance per agent: the deadlines of the complaints credited to them (handler, else owner)
 * that fell due in the month; met = met at or before the due time. Deadlines still open and not yet
 * due are not counted.
 */
async function slaByAgent(db: DbOrTrx, scope: ReportScope): Promise<Map<string, { total: number; met: number }>> {
  const { lo, hi } = utcWindow(scope);
  const localAt = sql`(d.due_at at time zone ${zoneOf('s', scope.timeZone)})`;
  const { rows } = await sql<{ agent_id: string; total: number; met: number }>`
    select coalesce(p.handler_id, p.owner_id) as agent_id, count(*)::int as total,
      (count(*) filter (where d.met_at is not null and d.met_at <= d.due_at and d.breached_at is null))::int as met
    from complaint_deadlines d join complaints p on p.id = d.complaint_id left join sites s on s.id = p.site_id
    where d.due_at >= ${lo} and d.due_at < ${hi} and ${onLocalDays(localAt, scope)}
      and coalesce(p.handler_id, p.owner_id) is not null
      and (d.met_at is not null or d.due_at < ${scope.now})
    group by 1`.execute(db);
  return new Map(rows.map((r) => [r.agent_id, { total: r.total, met: r.met }]));
}

/**
 * 绩效考核表: each agent's month (or one agent's), from the same figures as the agent report plus
 * SLA compliance and the phrases they were flagged for. Lists active agents without data too (n/a).
 * @example await agentScorecard(db, { month: '2026-11', timeZone: 'Asia/Shanghai' })
 */
export async function agentScorecard(db: DbOrTrx, options: AgentScorecardOptions): Promise<TAgentScorecard> {
  const parsed = ZAgentScorecardQuery.safeParse(options);
  if (!parsed.success) throw new AppError('bad_request', parsed.error.issues.map((i) => i.message).join('; '));
  const q = parsed.data;
  const now = options.now ?? new Date();
  const from = `${q.month}-01`;
  const to = monthEnd(q.month);
  const report = await buildReport(db, { from, to, timeZone: q.timeZone, groupBy: 'agent', now });
  const scope: ReportScope = { from, to, timeZone: q.timeZone, groupBy: 'agent', siteId: null, teamId: null, now };
  const [sla, phrases] = [await slaByAgent(db, scope), await topPhrasesByAgent(db, scope)];

  let users = db.selectFrom('users').select(['id', 'name', 'role', 'active']).orderBy('name');
  if (q.agentId) users = users.where('id', '=', q.agentId);
  const people = await users.execute();
  if (q.agentId && people.length === 0) throw new AppError('not_found', 'no such agent');
  const byAgent = new Map(report.rows.filter((r) => r.key !== null).map((r) => [r.key as string, r.metrics]));

  const agents: TAgentScorecardRow[] = [];
  for (const u of people) {
    const m = byAgent.get(u.id);
    const s = sla.get(u.id);
    // Everyone with figures in the month, and every active agent (an empty month is news too).
    if (!m && !s && !q.agentId && !(u.active && u.role === 'agent')) continue;
    const x = m ?? emptyMetrics();
    agents.push({
      agentId: u.id,
      agentName: u.name,
      handled: x.conversationsNew,
      resolved: x.conversationsResolved,
      resolutionRate: x.resolutionRate,
      firstResponseP50: x.firstResponseP50,
      firstResponseP90: x.firstResponseP90,
      firstResponseAvg: x.firstResponseAvg,
      surveysAnswered: x.surveysAnswered,
      csat: x.csat,
      qaReviews: x.qaReviews,
      qaAverage: x.qaAverage,
      slaDeadlines: s?.total ?? 0,
      slaMet: s?.met ?? 0,
      slaCompliance: s ? percent(s.met, s.total) : null,
      flaggedReplies: x.flaggedReplies,
      topPhrases: phrases.get(u.id) ?? [],
    });
  }
  return { month: q.month, timeZone: q.timeZone, agents, generatedAt: now.toISOString() };
}
