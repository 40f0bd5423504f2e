import { sql } from 'kysely';
import type { DbOrTrx } from '../db/database';
import { andWhere, groupKey, onLocalDays, regionOf, utcWindow, zoneOf, type ReportScope } from './reports.scope';

/** Aggregates of one group (or the total, `is_total`) over conversations that started in the scope. */
export type ConversationAggregate = {
  key: string | null;
  is_total: boolean;
  new: number;
  resolved: number;
  missed: number;
  reopened: number;
  frt_count: number;
  frt_p50: number | null;
  frt_p90: number | null;
  frt_avg: number | null;
  res_p50: number | null;
  res_p90: number | null;
  res_avg: number | null;
  wait_p50: number | null;
  wait_p90: number | null;
  wait_max: number | null;
};

/**
 * Conversation figures (docs/metrics.md "Conversations"). Each conversation is measured over its
 * first cycle only: first customer message → first public agent reply (business seconds where the
 * site has hours) before the first resolution; creation → first assignment (queue wait); creation →
 * first resolution. Reopens and transfers never add to these. Credit goes to the agent of the first reply.
 */
export async function conversationAggregates(db: DbOrTrx, scope: ReportScope): Promise<ConversationAggregate[]> {
  const { lo, hi } = utcWindow(scope);
  const localAt = sql`(c.created_at at time zone ${zoneOf('s', scope.timeZone)})`;
  const key = groupKey(scope.groupBy, {
    localAt: sql`f.local_at`,
    site: sql`f.site_id`,
    team: sql`f.team_id`,
    agent: sql`coalesce(f.first_reply_by, f.owner_id, f.assignee_id)`,
    channel: sql`f.channel`,
    category: null,
    region: sql`f.region`,
  });
  const region = regionOf(scope.groupBy, 'c.visitor_id', 's');
  const site = scope.siteId ? sql`c.site_id = ${scope.siteId}` : null;
  const team = scope.teamId ? sql`c.team_id = ${scope.teamId}` : null;
  const { rows } = await sql<ConversationAggregate>`
    with cohort as (
      select c.id, c.site_id, c.team_id, c.channel, c.status, c.owner_id, c.assignee_id, c.created_at,
             s.business_hours as bh, ${region.expr} as region, ${localAt} as local_at
      from conversations c join sites s on s.id = c.site_id ${region.join}
      where c.created_at >= ${lo} and c.created_at < ${hi} ${andWhere(site)} ${andWhere(team)}
        and ${onLocalDays(localAt, scope)}
    ), facts as (
      select k.*, fc.at as first_customer_at, fr.at as first_reply_at, fr.author_id as first_reply_by,
             least(ev.first_assigned_at, tr.at) as first_assigned_at, ev.first_resolved_at, coalesce(ev.reopened, false) as reopened
      from cohort k
      left join lateral (
        select m.created_at as at from messages m
        where m.conversation_id = k.id and m.author = 'customer' and not m.internal
        order by m.seq limit 1) fc on true
      left join lateral (
        select m.created_at as at, m.author_id from messages m
        where m.conversation_id = k.id and m.author = 'agent' and not m.internal
          and m.created_at >= coalesce(fc.at, k.created_at)
        order by m.seq limit 1) fr on true
      left join lateral (
        select min(e.created_at) filter (where e.type in ('assigned', 'claimed')) as first_assigned_at,
               min(e.created_at) filter (where e.type = 'resolved') as first_resolved_at,
               bool_or(e.type = 'reopened') as reopened
        from conversation_events e
        where e.conversation_id = k.id and e.type in ('assigned', 'claimed', 'resolved', 'reopened')) ev on true
      -- A transfer straight to an agent is an assignment too (a partial index: no event bodies read).
      left join lateral (
        select min(t.created_at) as at from conversation_events t
        where t.conversation_id = k.id and t.type = 'transferred' and t.data ? 'toAgentId') tr on true
    ), measured as (
      select ${key} as gkey, f.reopened,
        (f.first_assigned_at is null and f.status = 'resolved') as missed,
        (f.first_assigned_at is not null and f.first_resolved_at is not null) as resolved,
        case when not fc_ok then null
             when jsonb_typeof(f.bh) is distinct from 'object' then extract(epoch from f.first_reply_at - f.first_customer_at)::double precision
             else kefu_business_seconds(f.first_customer_at, f.first_reply_at, f.bh) end as frt,
        case when f.first_assigned_at is not null and f.first_resolved_at is not null
             then extract(epoch from f.first_resolved_at - f.created_at)::double precision end as res,
        case when f.first_assigned_at is not null
             then greatest(0, extract(epoch from f.first_assigned_at - f.created_at))::double precision end as wait
      from (select f.*, (f.first_customer_at is not null and f.first_reply_at is not null
                         and (f.first_resolved_at is null or f.first_reply_at <= f.first_resolved_at)) as fc_ok
            from facts f) f
    )
    select gkey as key, (grouping(gkey) = 1) as is_total,
      count(*)::int as new,
      (count(*) filter (where resolved))::int as resolved,
      (count(*) filter (where missed))::int as missed,
      (count(*) filter (where reopened))::int as reopened,
      count(frt)::int as frt_count,
      percentile_cont(0.5) within group (order by frt) as frt_p50,
      percentile_cont(0.9) within group (order by frt) as frt_p90,
      avg(frt) as frt_avg,
      percentile_cont(0.5) within group (order by res) as res_p50,
      percentile_cont(0.9) within group (order by res) as res_p90,
      avg(res) as res_avg,
      percentile_cont(0.5) within group (order by wait) as wait_p50,
      percentile_cont(0.9) within group (order by wait) as wait_p90,
      max(wait) as wait_max
    from measured
    group by grouping sets ((gkey), ())`.execute(db);
  return rows;
}
