import type { TMonitorToday } from '@kefu/shared';
import { useMonitorText } from '../monitor-text';

/** Today's counters in the configured time zone: new, resolved, missed conversations, complaints filed. */
export function TodayCounters({ today }: { today: TMonitorToday }) {
  const { m } = useMonitorText();
  const tiles = [
    { key: 'created', label: m('m.today.created'), value: today.created, hint: null },
    { key: 'resolved', label: m('m.today.resolved'), value: today.resolved, hint: null },
    { key: 'missed', label: m('m.today.missed'), value: today.missed, hint: m('m.today.missedHint') },
    { key: 'complaints', label: m('m.today.complaints'), value: today.complaintsFiled, hint: null },
  ];
  return (
    <section class="mon-today" aria-labelledby="mon-today-title">
      <h2 id="mon-today-title" class="mon-section-title">{m('m.today', { day: today.day, timeZone: today.timeZone })}</h2>
      <dl class="mon-tiles">
        {tiles.map((tile) => (
          <div key={tile.key} class={`mon-tile${tile.key === 'missed' && tile.value > 0 ? ' mon-tile-alert' : ''}`} title={tile.hint ?? undefined}>
            <dt>{tile.label}</dt>
            <dd>{tile.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
