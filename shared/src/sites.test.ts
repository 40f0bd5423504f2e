import { describe, expect, it } from 'vitest';
import { isWithinBusinessHours, type TBusinessHours } from './sites';

const weekdays9to18: TBusinessHours = {
  timeZone: 'Asia/Shanghai',
  weekly: [[], ...Array(5).fill([{ start: '09:00', end: '18:00' }]), []],
  holidays: ['2026-10-01'],
};

describe('isWithinBusinessHours', () => {
  it('is open on a weekday afternoon in the site time zone', () => {
    // 2026-11-23 is a Monday; 06:00 UTC is 14:00 in Shanghai.
    expect(isWithinBusinessHours(weekdays9to18, new Date('2026-11-23T06:00:00Z'))).toBe(true);
  });
  it('is closed before opening and at closing time', () => {
    expect(isWithinBusinessHours(weekdays9to18, new Date('2026-11-23T00:59:00Z'))).toBe(false);
    expect(isWithinBusinessHours(weekdays9to18, new Date('2026-11-23T10:00:00Z'))).toBe(false);
  });
  it('is closed on weekends and holidays', () => {
    expect(isWithinBusinessHours(weekdays9to18, new Date('2026-11-22T06:00:00Z'))).toBe(false);
    expect(isWithinBusinessHours(weekdays9to18, new Date('2026-10-01T06:00:00Z'))).toBe(false);
  });
  it('treats a site without hours as always open', () => {
    expect(isWithinBusinessHours(null, new Date())).toBe(true);
  });
});
