import type { TTranslate } from '../i18n/i18n-context';

/** "45s", "12 min", "2 h 5 min", "3 d" — how long something has been waiting. */
export function formatDuration(t: TTranslate, ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return t('duration.seconds', { n: s });
  const min = Math.floor(s / 60);
  if (min < 60) return t('duration.minutes', { n: min });
  const h = Math.floor(min / 60);
  if (h < 48) return t('duration.hours', { h, m: min % 60 });
  return t('duration.days', { n: Math.floor(h / 24) });
}

/** Clock time for today, date and time before that. */
export function formatTime(locale: string, iso: string, now = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const sameDay = d.toDateString() === now.toDateString();
  return new Intl.DateTimeFormat(locale, sameDay ? { hour: '2-digit', minute: '2-digit' } : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d);
}
