/** Calendar arithmetic on local dates (YYYY-MM-DD), done in UTC so no zone shifts a day. */
const day = (s: string) => new Date(`${s}T00:00:00Z`);
const ymd = (d: Date) => d.toISOString().slice(0, 10);

/** The Monday of the ISO week of a date (PostgreSQL's date_trunc('week')). */
export function weekStart(date: string): string {
  const d = day(date);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return ymd(d);
}

/** Last day of a month given as YYYY-MM. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return ymd(new Date(Date.UTC(y, m, 0)));
}

/** Every day, week (its Monday) or month (YYYY-MM) that the range touches, in order. */
export function timeBuckets(groupBy: 'day' | 'week' | 'month', from: string, to: string): string[] {
  const out: string[] = [];
  if (groupBy === 'month') {
    const [y0, m0] = from.split('-').map(Number) as [number, number];
    for (let d = new Date(Date.UTC(y0, m0 - 1, 1)); ymd(d) <= to; d.setUTCMonth(d.getUTCMonth() + 1)) out.push(ymd(d).slice(0, 7));
    return out;
  }
  const step = groupBy === 'week' ? 7 : 1;
  for (let d = day(groupBy === 'week' ? weekStart(from) : from); ymd(d) <= to; d.setUTCDate(d.getUTCDate() + step)) out.push(ymd(d));
  return out;
}
