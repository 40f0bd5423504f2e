import { describe, expect, it } from 'vitest';
import { localDate, presetOf, presetRange, previousMonth } from './report-range';

// 2026-12-01 19:30 UTC is already 2 December in Shanghai.
const now = new Date('2026-12-01T19:30:00Z');

describe('report date presets', () => {
  it('takes today from the time zone, not from UTC', () => {
    expect(localDate(now, 'Asia/Shanghai')).toBe('2026-12-02');
    expect(localDate(now, 'UTC')).toBe('2026-12-01');
  });

  it('spans today, yesterday, the last 7 days, this month and last month', () => {
    expect(presetRange('today', now, 'Asia/Shanghai')).toEqual({ from: '2026-12-02', to: '2026-12-02' });
    expect(presetRange('yesterday', now, 'Asia/Shanghai')).toEqual({ from: '2026-12-01', to: '2026-12-01' });
    expect(presetRange('last7', now, 'Asia/Shanghai')).toEqual({ from: '2026-11-26', to: '2026-12-02' });
    expect(presetRange('thisMonth', now, 'Asia/Shanghai')).toEqual({ from: '2026-12-01', to: '2026-12-02' });
    expect(presetRange('lastMonth', now, 'Asia/Shanghai')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(presetRange('lastMonth', new Date('2026-03-10T00:00:00Z'), 'UTC')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
  });

  it('recognises a range that equals a preset, and names the month before', () => {
    expect(presetOf({ from: '2026-11-26', to: '2026-12-02' }, now, 'Asia/Shanghai')).toBe('last7');
    expect(presetOf({ from: '2026-11-20', to: '2026-12-02' }, now, 'Asia/Shanghai')).toBeNull();
    expect(previousMonth(new Date('2026-01-15T00:00:00Z'), 'UTC')).toBe('2025-12');
  });
});
