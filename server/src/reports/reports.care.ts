import { sql } from 'kysely';
import type { DbOrTrx } from '../db/database';
import { andWhere, groupKey, onLocalDays, regionOf, utcWindow, zoneOf, type ReportScope } from './reports.scope';

/**
 * After-care sources of a report: surveys (by `sent_at`), follow-ups (by `due_at`), QA reviews and
 * flagged replies (by `created_at`). Each keeps the credit recorded on its own row (docs/metrics.md).
 */
type Keyed = { key: string | null; is_total: boolean };
export type SurveyAggregate = Keyed & { sent: number; answered: number; satisfied: number };
export type FollowUpAggregate = Keyed & { due: number; done: number; overdue: number };
export type QaAggregate = Keyed & { reviews: number; average: number | null };
export type FlagAggregate = Keyed & { replies: number; phrases: number };

function window(column: string, siteAlias: string, scope: ReportScope) {
  const { lo, hi } = utcWindow(scope);
  const localAt = sql`(${sql.ref(column)} at time zone ${zoneOf(siteAlias, scope.timeZone)})`;
  return { localAt, where: sql`${sql.ref(column)} >= ${lo} and ${sql.ref(column)} < ${hi} and ${onLocalDays(localAt, scope)}` };
}

export async function surveyAggregates(db: DbOrTrx, scope: ReportScope): Promise<SurveyAggregate[]> {
  const w = window('v.sent_at', 's', scope);
  const region = regionOf(scope.groupBy, 'v.visitor_id', 's');
  const key = groupKey(scope.groupBy, { localAt: w.localAt, site: sql`v.site_id`, team: sql`v.team_id`, agent: sql`v.agent_id`, channel: sql`c.channel`, category: null, region: region.expr });
  const { rows } = await sql<SurveyAggregate>`
    select gkey as key, (grouping(gkey) = 1) as is_total,
      count(*)::int as sent, count(rating)::int as answered, (count(*) filter (where rating >= 4))::int as satisfied
    from (select ${key} as gkey, v.rating
    from surveys v join sites s on s.id = v.site_id left join conversations c on c.id = v.conversation_id ${region.join}
    where v.sent_at is not null and ${w.where}
      ${andWhere(scope.siteId ? sql`v.site_id = ${scope.siteId}` : null)} ${andWhere(scope.teamId ? sql`v.team_id = ${scope.teamId}` : null)}
    ) t
    group by grouping sets ((gkey), ())`.execute(db);
  return rows;
}

export async function followUpAggregates(db: DbOrTrx, scope: ReportScope): Promise<FollowUpAggregate[]> {
  const w = window('f.due_at', 's', scope);
  const region = regionOf(scope.groupBy, 'f.visitor_id', 's');
  const key = groupKey(scope.groupBy, { localAt: w.localAt, site: sql`s.id`, team: sql`c.team_id`, agent: sql`f.assignee_id`, channel: sql`c.channel`, category: null, region: region.expr });
  const { rows } = await sql<FollowUpAggregate>`
    select gkey as key, (grouping(gkey) = 1) as is_total,
      count(*)::int as due, (count(*) filter (where status = 'done'))::int as done,
      (count(*) filter (where status = 'open' and due_at < ${scope.now}))::int as overdue
    from (select ${key} as gkey, f.status, f.due_at
    from follow_ups f join visitors vi on vi.id = f.visitor_id join sites s on s.id = vi.site_id
      left join conversations c on c.id = f.conversation_id ${region.join}
    where ${w.where}
      ${andWhere(scope.siteId ? sql`s.id = ${scope.siteId}` : null)} ${andWhere(scope.teamId ? sql`c.team_id = ${scope.teamId}` : null)}
    ) t
    group by grouping sets ((gkey), ())`.execute(db);
  return rows;
}

export async function qaAggregates(db: DbOrTrx, scope: ReportScope): Promise<QaAggregate[]> {
  const w = window('r.created_at', 's', scope);
  const region = regionOf(scope.groupBy, 'c.visitor_id', 's');
  const key = groupKey(scope.groupBy, { localAt: w.localAt, site: sql`c.site_id`, team: sql`c.team_id`, agent: sql`r.agent_id`, channel: sql`c.channel`, category: null, region: region.expr });
  const { rows } = await sql<QaAggregate>`
    select gkey as key, (grouping(gkey) = 1) as is_total, count(*)::int as reviews, avg(total)::double precision as average
    from (select ${key} as gkey, r.total
    from qa_reviews r join conversations c on c.id = r.conversation_id join sites s on s.id = c.site_id ${region.join}
    where ${w.where}
      ${andWhere(scope.siteId ? sql`c.site_id = ${scope.siteId}` : null)} ${andWhere(scope.teamId ? sql`c.team_id = ${scope.teamId}` : null)}
    ) t
    group by grouping sets ((gkey), ())`.execute(db);
  return rows;
}

export async function flagAggregates(db: DbOrTrx, scope: ReportScope): Promise<FlagAggregate[]> {
  const w = window('g.created_at', 's', scope);
  const region = regionOf(scope.groupBy, 'c.visitor_id', 's');
  const key = groupKey(scope.groupBy, { localAt: w.localAt, site: sql`c.site_id`, team: sql`c.team_id`, agent: sql`g.agent_id`, channel: sql`c.channel`, category: null, region: region.expr });
  const { rows } = await sql<FlagAggregate>`
    select gkey as key, (grouping(gkey) = 1) as is_total, count(distinct message_id)::int as replies, count(*)::int as phrases
    from (select ${key} as gkey, g.message_id
    from message_flags g join conversations c on c.id = g.conversation_id join sites s on s.id = c.site_id ${region.join}
    where ${w.where}
      ${andWhere(scope.siteId ? sql`c.site_id = ${scope.siteId}` : null)} ${andWhere(scope.teamId ? sql`c.team_id = ${scope.teamId}` : null)}
    ) t
    group by grouping sets ((gkey), ())`.execute(db);
  return rows;
}

/** The most frequent flagged phrases per agent in the scope (for the scorecard). */
export async function topPhrasesByAgent(db: DbOrTrx, scope: ReportScope, perAgent = 5): Promise<Map<string, { phrase: string; count: number }[]>> {
  const w = window('g.created_at', 's', scope);
  const { rows } = await sql<{ agent_id: string; phrase: string; count: number }>`
    select agent_id, phrase, count from (
      select g.agent_id, g.phrase, count(*)::int as count,
        row_number() over (partition by g.agent_id order by count(*) desc, g.phrase) as n
      from message_flags g join conversations c on c.id = g.conversation_id join sites s on s.id = c.site_id
      where g.agent_id is not null and ${w.where}
      group by g.agent_id, g.phrase) t
    where n <= ${perAgent} order by agent_id, count desc, phrase`.execute(db);
  const out = new Map<string, { phrase: string; count: number }[]>();
  for (const r of rows) out.set(r.agent_id, [...(out.get(r.agent_id) ?? []), { phrase: r.phrase, count: r.count }]);
  return out;
}
