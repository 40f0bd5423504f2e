/** Calendar arithmetic in a named time zone (IANA), with Intl only: days, weeks and months as a place sees them. */

export type TZonedDate = { year: number; month: number; day: number; weekday: number; hour: number; minute: number };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The wall-clock date and time of `at` in `timeZone` (weekday 0 = Sunday). */
export function zonedParts(at: Date, timeZone: string): TZonedDate & { second: number } {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
  return {
    year: Number(parts['year']),
    month: Number(parts['month']),
    day: Number(parts['day']),
    weekday: WEEKDAYS.indexOf(parts['weekday'] ?? ''),
    hour: Number(parts['hour']),
    minute: Number(parts['minute']),
    second: Number(parts['second']),
  };
}

/** Offset of `timeZone` from UTC at `at`, in milliseconds (Asia/Shanghai: +8 h). */
function offsetMs(at: Date, timeZone: string): number {
  const p = zonedParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant at which the wall clock of `timeZone` shows the given local time (month 1-12; day
 * and month may overflow, as with Date.UTC). Across a DST gap it lands just after the gap.
 * @example zonedTime('Asia/Shanghai', 2026, 12, 1) // 2026-11-30T16:00:00.000Z
 */
export function zonedTime(timeZone: string, year: number, month: number, day: number, hour = 0, minute = 0): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // Two passes settle the offset on both sides of a DST change.
  let at = wall - offsetMs(new Date(wall), timeZone);
  at = wall - offsetMs(new Date(at), timeZone);
  return new Date(at);
}

/** Start (inclusive) and end (exclusive) of the local calendar day containing `at`. */
export function zonedDay(at: Date, timeZone: string): { start: Date; end: Date; day: string } {
  const p = zonedParts(at, timeZone);
  return { start: zonedTime(timeZone, p.year, p.month, p.day), end: zonedTime(timeZone, p.year, p.month, p.day + 1), day: isoDay(p) };
}

/** `YYYY-MM-DD` of a local date. */
export function isoDay(p: Pick<TZonedDate, 'year' | 'month' | 'day'>): string {
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}
