import { sql, type RawBuilder } from 'kysely';
import type { TReportGrouping } from '@kefu/shared';

/**
 * What every report query shares: the UTC window that surely holds the local dates (widened by the
 * largest time-zone offsets, so the range scan can use the `(…, created_at)` indexes), the exact
 * local-date bounds, the fallback time zone, filters and the clock.
 */
export type ReportScope = {
  from: string;
  to: string;
  timeZone: string;
  groupBy: TReportGrouping;
  siteId: string | null;
  teamId: string | null;
  now: Date;
};

/** UTC instants before and after every local day of the scope. */
export function utcWindow(scope: Pick<ReportScope, 'from' | 'to'>): { lo: Date; hi: Date } {
  const lo = new Date(Date.parse(`${scope.from}T00:00:00Z`) - 15 * 3_600_000);
  const hi = new Date(Date.parse(`${scope.to}T00:00:00Z`) + 24 * 3_600_000 + 15 * 3_600_000);
  return { lo, hi };
}

/** The time zone that decides a row's day: its site's (from the business hours), else the report's. */
export function zoneOf(siteAlias: string, timeZone: string): RawBuilder<string> {
  return sql<string>`coalesce(${sql.ref(`${siteAlias}.business_hours`)}->>'timeZone', ${timeZone})`;
}

/** True when the local timestamp falls on a day from..to (both included). */
export function onLocalDays(localAt: RawBuilder<unknown>, scope: ReportScope): RawBuilder<boolean> {
  return sql<boolean>`(${localAt} >= ${scope.from}::date and ${localAt} < (${scope.to}::date + 1))`;
}

/** The columns a source offers for grouping; null where the source has no such dimension. */
export type GroupColumns = {
  localAt: RawBuilder<unknown>;
  site: RawBuilder<unknown> | null;
  team: RawBuilder<unknown> | null;
  agent: RawBuilder<unknown> | null;
  channel: RawBuilder<unknown> | null;
  category: RawBuilder<unknown> | null;
  region: RawBuilder<unknown> | null;
};

/** The group key of a row as text (dates as YYYY-MM-DD, months as YYYY-MM, ids as text). */
export function groupKey(groupBy: TReportGrouping, cols: GroupColumns): RawBuilder<string | null> {
  const text = (e: RawBuilder<unknown> | null) => (e ? sql<string | null>`(${e})::text` : sql<null>`null::text`);
  switch (groupBy) {
    case 'day':
      return sql`to_char(${cols.localAt}, 'YYYY-MM-DD')`;
    case 'week':
      return sql`to_char(date_trunc('week', ${cols.localAt}), 'YYYY-MM-DD')`;
    case 'month':
      return sql`to_char(${cols.localAt}, 'YYYY-MM')`;
    case 'site':
      return text(cols.site);
    case 'team':
      return text(cols.team);
    case 'agent':
      return text(cols.agent);
    case 'channel':
      return text(cols.channel);
    case 'category':
      return text(cols.category);
    case 'region':
      return text(cols.region);
  }
}

/** An extra `and …` condition, or nothing. */
export function andWhere(cond: RawBuilder<unknown> | null): RawBuilder<unknown> {
  return cond ? sql`and ${cond}` : sql``;
}

/** Rounds a figure from the database (strings for numerics) or keeps null. */
export function num(v: unknown, digits = 0): number | null {
  if (v === null || v === undefined) return null;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) return null;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** A share as a percentage with one decimal; null when the base is empty. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

/**
 * The region of a row: the customer's own (customer profiles), else its site's. The customer join is
 * added only when grouping by region, so other groupings read no extra rows.
 */
export function regionOf(groupBy: TReportGrouping, visitorId: string, siteAlias: string): { join: RawBuilder<unknown>; expr: RawBuilder<unknown> } {
  const siteRegion = sql`${sql.ref(`${siteAlias}.region`)}`;
  if (groupBy !== 'region') return { join: sql``, expr: siteRegion };
  return {
    join: sql`left join visitors rv on rv.id = ${sql.ref(visitorId)} left join customers rc on rc.id = rv.customer_id`,
    expr: sql`coalesce(rc.region, ${siteRegion})`,
  };
}
