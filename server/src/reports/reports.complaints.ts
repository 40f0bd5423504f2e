import { sql } from 'kysely';
import { COMPLAINT_CATEGORIES, type TComplaintCategory } from '@kefu/shared';
import type { DbOrTrx } from '../db/database';
import { andWhere, groupKey, onLocalDays, regionOf, utcWindow, zoneOf, type ReportScope } from './reports.scope';

export type ComplaintAggregate = {
  key: string | null;
  is_total: boolean;
  new: number;
  accepted: number;
  rejected: number;
  resolved_on_time: number;
  breached: number;
  reopened: number;
} & Record<`cat_${TComplaintCategory}`, number>;

/**
 * Complaint figures over complaints filed in the scope (docs/metrics.md "Complaints"). A deadline is
 * breached when it was met after its due time, or is still unmet past it (the sweep's `breached_at`
 * counts too); "resolved on time" is resolved or closed with no resolution deadline breached.
 */
export async function complaintAggregates(db: DbOrTrx, scope: ReportScope): Promise<ComplaintAggregate[]> {
  const { lo, hi } = utcWindow(scope);
  const localAt = sql`(p.created_at at time zone ${zoneOf('s', scope.timeZone)})`;
  const key = groupKey(scope.groupBy, {
    localAt: sql`k.local_at`,
    site: sql`k.site_id`,
    team: sql`k.team_id`,
    agent: sql`coalesce(k.handler_id, k.owner_id)`,
    channel: sql`k.channel`,
    category: sql`k.category`,
    region: sql`k.region`,
  });
  const region = regionOf(scope.groupBy, 'p.visitor_id', 's');
  const site = scope.siteId ? sql`p.site_id = ${scope.siteId}` : null;
  const team = scope.teamId ? sql`p.team_id = ${scope.teamId}` : null;
  const breach = (kind: string | null) => sql`exists (
      select 1 from complaint_deadlines d where d.complaint_id = k.id ${kind ? sql`and d.kind = ${kind}` : sql``}
        and (d.breached_at is not null or d.met_at > d.due_at or (d.met_at is null and d.due_at < ${scope.now})))`;
  const categories = COMPLAINT_CATEGORIES.map((c) => sql`(count(*) filter (where category = ${c}))::int as ${sql.ref(`cat_${c}`)}`);
  const { rows } = await sql<ComplaintAggregate>`
    with k as (
      select p.id, p.site_id, p.team_id, p.handler_id, p.owner_id, p.channel, p.category, p.status, p.reopen_count,
             ${region.expr} as region, ${localAt} as local_at
      from complaints p left join sites s on s.id = p.site_id ${region.join}
      where p.created_at >= ${lo} and p.created_at < ${hi} ${andWhere(site)} ${andWhere(team)}
        and ${onLocalDays(localAt, scope)}
    ), measured as (
      select ${key} as gkey, k.category, k.status, k.reopen_count,
        ${breach(null)} as breached, ${breach('resolution')} as resolution_breached
      from k
    )
    select gkey as key, (grouping(gkey) = 1) as is_total,
      count(*)::int as new,
      (count(*) filter (where status not in ('submitted', 'rejected')))::int as accepted,
      (count(*) filter (where status = 'rejected'))::int as rejected,
      (count(*) filter (where status in ('resolved', 'closed') and not resolution_breached))::int as resolved_on_time,
      (count(*) filter (where breached))::int as breached,
      (count(*) filter (where reopen_count > 0))::int as reopened,
      ${sql.join(categories)}
    from measured
    group by grouping sets ((gkey), ())`.execute(db);
  return rows;
}
