import type { TScheduledReportKind } from '@kefu/shared';
import { isoDay, zonedParts, zonedTime } from '../platform/zoned-time';

/** One report to make: local dates `from`..`to` (both included), due from `sendAt`. */
export type DuePeriod = { kind: TScheduledReportKind; from: string; to: string; sendAt: Date };

export type Schedule = { timeZone: string; /** HH:MM local */ dailyAt: string };

/** Weekly summaries go out on Mondays, monthly ones on the 5th (seeds: 日报/周报/月报). */
export const WEEKLY_ON = 1;
export const MONTHLY_ON = 5;
/** A report whose send time passed longer ago than this is skipped (no backfill after a long outage or on a new install). */
export const CATCH_UP_MS = 24 * 3600_000;

type LocalDate = { year: number; month: number; day: number };

/** The local date `n` days after `d` (n may be negative), by calendar, not by 24-hour steps. */
function plusDays(d: LocalDate, n: number): LocalDate {
  const u = new Date(Date.UTC(d.year, d.month - 1, d.day + n));
  return { year: u.getUTCFullYear(), month: u.getUTCMonth() + 1, day: u.getUTCDate() };
}

function weekday(d: LocalDate): number {
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
}

/**
 * The latest period of each kind whose send time has come (at `dailyAt` on the next day, on the
 * Monday after the week, on the 5th after the month) and passed less than CATCH_UP_MS ago.
 * @example duePeriods(new Date('2026-12-07T02:30:00Z'), { timeZone: 'Asia/Shanghai', dailyAt: '10:00' })
 *   // daily 2026-12-06 and weekly 2026-11-30..2026-12-06 (10:30 on Monday 7 December in Shanghai)
 */
export function duePeriods(now: Date, schedule: Schedule): DuePeriod[] {
  const [hh, mm] = schedule.dailyAt.split(':').map(Number) as [number, number];
  const tz = schedule.timeZone;
  const sendOn = (d: LocalDate) => zonedTime(tz, d.year, d.month, d.day, hh, mm);
  const p = zonedParts(now, tz);
  const today: LocalDate = { year: p.year, month: p.month, day: p.day };
  const out: DuePeriod[] = [];

  // Daily: yesterday's report is sent today at dailyAt; before that, the day before's (sent yesterday).
  let sendDay = sendOn(today) <= now ? today : plusDays(today, -1);
  const day = plusDays(sendDay, -1);
  out.push({ kind: 'daily', from: isoDay(day), to: isoDay(day), sendAt: sendOn(sendDay) });

  // Weekly: the latest Monday at dailyAt not after now; the week is the seven days before it.
  sendDay = plusDays(today, -((weekday(today) - WEEKLY_ON + 7) % 7));
  if (sendOn(sendDay) > now) sendDay = plusDays(sendDay, -7);
  out.push({ kind: 'weekly', from: isoDay(plusDays(sendDay, -7)), to: isoDay(plusDays(sendDay, -1)), sendAt: sendOn(sendDay) });

  // Monthly: the latest 5th at dailyAt not after now; the month is the one before it.
  let month: LocalDate = { year: today.year, month: today.month, day: MONTHLY_ON };
  if (sendOn(month) > now) month = today.month === 1 ? { year: today.year - 1, month: 12, day: MONTHLY_ON } : { year: today.year, month: today.month - 1, day: MONTHLY_ON };
  const first = month.month === 1 ? { year: month.year - 1, month: 12, day: 1 } : { year: month.year, month: month.month - 1, day: 1 };
  const last = plusDays({ year: month.year, month: month.month, day: 1 }, -1);
  out.push({ kind: 'monthly', from: isoDay(first), to: isoDay(last), sendAt: sendOn(month) });

  return out.filter((d) => now.getTime() - d.sendAt.getTime() < CATCH_UP_MS);
}
