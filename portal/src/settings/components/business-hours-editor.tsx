import type { TBusinessHours } from '@kefu/shared';
import { useI18n } from '../../i18n/i18n-context';

/** The simple form: one opening interval (or closed) per weekday, a time zone and holidays. */
export type TSimpleHours = { timeZone: string; days: { open: boolean; start: string; end: string }[]; holidays: string };

export function toSimpleHours(h: TBusinessHours | null): TSimpleHours {
  return {
    timeZone: h?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'Asia/Shanghai',
    days: Array.from({ length: 7 }, (_, i) => {
      const slot = h?.weekly[i]?.[0];
      return slot ? { open: true, ...slot } : { open: !h && i >= 1 && i <= 5, start: '09:00', end: '18:00' };
    }),
    holidays: (h?.holidays ?? []).join('\n'),
  };
}

export function fromSimpleHours(s: TSimpleHours): TBusinessHours {
  return {
    timeZone: s.timeZone.trim(),
    weekly: s.days.map((d) => (d.open ? [{ start: d.start, end: d.end }] : [])),
    holidays: s.holidays.split(/\s+/).filter(Boolean),
  };
}

/** True when every day has at most one interval, so the simple form loses nothing. */
export function fitsSimpleForm(h: TBusinessHours | null): boolean {
  return !h || h.weekly.every((d) => d.length <= 1);
}

export function BusinessHoursEditor(props: { value: TSimpleHours; onChange: (v: TSimpleHours) => void; errors: Record<string, string> }) {
  const { t } = useI18n();
  const v = props.value;
  const setDay = (i: number, patch: Partial<TSimpleHours['days'][number]>) =>
    props.onChange({ ...v, days: v.days.map((d, j) => (j === i ? { ...d, ...patch } : d)) });
  return (
    <div class="hours">
      <label class="field">
        <span>{t('sites.timeZone')}</span>
        <input value={v.timeZone} aria-invalid={props.errors['businessHours.timeZone'] ? true : undefined}
          onInput={(e) => props.onChange({ ...v, timeZone: e.currentTarget.value })} />
        {props.errors['businessHours.timeZone'] && <small class="field-error" role="alert">{props.errors['businessHours.timeZone']}</small>}
      </label>
      <table class="hours-table">
        <tbody>
          {v.days.map((d, i) => {
            const day = t(`day.${i}` as 'day.0');
            return (
              <tr key={i}>
                <th scope="row">{day}</th>
                <td><label class="check"><input type="checkbox" checked={!d.open} onChange={(e) => setDay(i, { open: !e.currentTarget.checked })} /> {t('sites.closed')}</label></td>
                <td><input type="time" aria-label={t('sites.opens', { day })} value={d.start} disabled={!d.open} onInput={(e) => setDay(i, { start: e.currentTarget.value })} /></td>
                <td><input type="time" aria-label={t('sites.closes', { day })} value={d.end} disabled={!d.open} onInput={(e) => setDay(i, { end: e.currentTarget.value })} /></td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {Object.entries(props.errors).filter(([k]) => k.startsWith('businessHours.weekly')).slice(0, 1).map(([k, m]) => (
        <small key={k} class="field-error" role="alert">{m}</small>
      ))}
      <label class="field">
        <span>{t('sites.holidays')}</span>
        <textarea rows={2} value={v.holidays} onInput={(e) => props.onChange({ ...v, holidays: e.currentTarget.value })} />
      </label>
    </div>
  );
}
