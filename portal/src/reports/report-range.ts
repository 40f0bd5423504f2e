/** Date presets of the reports page, as local dates (YYYY-MM-DD) in a time zone. */
export const PRESETS = ['today', 'yesterday', 'last7', 'thisMonth', 'lastMonth'] as const;
export type TPreset = (typeof PRESETS)[number];

/** The calendar date of `at` in `timeZone`. */
export function localDate(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

function shift(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The range of a preset on the day `now` falls on in `timeZone`.
 * @example presetRange('last7', new Date(), 'Asia/Shanghai') // { from: '2026-11-25', to: '2026-12-01' }
 */
export function presetRange(preset: TPreset, now: Date, timeZone: string): { from: string; to: string } {
  const today = localDate(now, timeZone);
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'yesterday':
      return { from: shift(today, -1), to: shift(today, -1) };
    case 'last7':
      return { from: shift(today, -6), to: today };
    case 'thisMonth':
      return { from: `${today.slice(0, 8)}01`, to: today };
    case 'lastMonth': {
      const end = shift(`${today.slice(0, 8)}01`, -1);
      return { from: `${end.slice(0, 8)}01`, to: end };
    }
  }
}

/** The preset a range equals, if any. */
export function presetOf(range: { from: string; to: string }, now: Date, timeZone: string): TPreset | null {
  return PRESETS.find((p) => {
    const r = presetRange(p, now, timeZone);
    return r.from === range.from && r.to === range.to;
  }) ?? null;
}

/** The month (YYYY-MM) before the one `now` falls in. */
export function previousMonth(now: Date, timeZone: string): string {
  return presetRange('lastMonth', now, timeZone).from.slice(0, 7);
}
