import { describe, expect, it } from 'vitest';
import { duePeriods } from './scheduled-reports.periods';

const SH = { timeZone: 'Asia/Shanghai', dailyAt: '10:00' };
const kinds = (now: string, s = SH) => duePeriods(new Date(now), s).map((p) => `${p.kind} ${p.from}..${p.to}`);

describe('duePeriods', () => {
  it('makes yesterday\'s daily report from 10:00 local time, and until then still offers the one before', () => {
    // 09:59 in Shanghai on Tuesday 1 December: the report of 29 November (sent Monday 30th at 10:00) is still within a day.
    expect(kinds('2026-12-01T01:59:00Z')).toEqual(['daily 2026-11-29..2026-11-29', 'weekly 2026-11-23..2026-11-29']);
    // 10:00 in Shanghai: now 30 November's.
    expect(kinds('2026-12-01T02:00:00Z')).toEqual(['daily 2026-11-30..2026-11-30']);
  });

  it('decides the day in the configured time zone, not in UTC', () => {
    // 23:30 UTC on 1 December is already 07:30 on 2 December in Shanghai, before 10:00.
    expect(kinds('2026-12-01T23:30:00Z')[0]).toBe('daily 2026-11-30..2026-11-30');
    expect(kinds('2026-12-01T23:30:00Z', { timeZone: 'UTC', dailyAt: '10:00' })[0]).toBe('daily 2026-11-30..2026-11-30');
    expect(kinds('2026-12-02T02:00:00Z')[0]).toBe('daily 2026-12-01..2026-12-01');
  });

  it('sends the weekly summary of Monday to Sunday on Monday, and the monthly one on the 5th', () => {
    // Monday 7 December, 10:30 in Shanghai.
    expect(kinds('2026-12-07T02:30:00Z')).toEqual(['daily 2026-12-06..2026-12-06', 'weekly 2026-11-30..2026-12-06']);
    // Saturday 5 December, 10:00: November.
    expect(kinds('2026-12-05T02:00:00Z')).toEqual(['daily 2026-12-04..2026-12-04', 'monthly 2026-11-01..2026-11-30']);
    // 5 January: December of the year before.
    expect(kinds('2027-01-05T03:00:00Z')).toContain('monthly 2026-12-01..2026-12-31');
    // 5 March 2028 (leap year): February has 29 days.
    expect(kinds('2028-03-05T03:00:00Z')).toContain('monthly 2028-02-01..2028-02-29');
  });

  it('catches up a report missed less than a day ago, not older ones', () => {
    // Tuesday 8 December 09:00: Monday's weekly summary (sent at 10:00 yesterday) is 23 h old: still due.
    expect(kinds('2026-12-08T01:00:00Z')).toContain('weekly 2026-11-30..2026-12-06');
    // Tuesday 10:30: more than 24 h, skipped.
    expect(kinds('2026-12-08T02:30:00Z')).not.toContain('weekly 2026-11-30..2026-12-06');
  });

  it('follows a configured time of day, with the sending instant in UTC', () => {
    const [daily] = duePeriods(new Date('2026-12-01T10:00:00Z'), { timeZone: 'Europe/Berlin', dailyAt: '08:30' });
    expect(daily).toEqual({ kind: 'daily', from: '2026-11-30', to: '2026-11-30', sendAt: new Date('2026-12-01T07:30:00Z') });
  });
});
