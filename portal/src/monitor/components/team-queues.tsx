import type { TMonitorTeam } from '@kefu/shared';
import { useI18n } from '../../i18n/i18n-context';
import { formatDuration } from '../../ui/duration';
import { useMonitorText } from '../monitor-text';

/** Queue length and longest wait per team, with the team's online agents and free seats. */
export function TeamQueues({ teams, now }: { teams: TMonitorTeam[]; now: number }) {
  const { t } = useI18n();
  const { m } = useMonitorText();
  return (
    <section class="mon-box" aria-labelledby="mon-queues-title">
      <h2 id="mon-queues-title">{m('m.queues')}</h2>
      {teams.length === 0 ? (
        <p class="muted">{m('m.queue.empty')}</p>
      ) : (
        <div class="mon-table-wrap">
          <table class="mon-table">
            <thead>
              <tr>
                <th scope="col">{m('m.queue.team')}</th>
                <th scope="col" class="num">{m('m.queue.queued')}</th>
                <th scope="col" class="num">{m('m.queue.longest')}</th>
                <th scope="col" class="num">{m('m.queue.agents')}</th>
                <th scope="col" class="num">{m('m.queue.free')}</th>
              </tr>
            </thead>
            <tbody>
              {teams.map((team) => {
                const wait = team.oldestQueuedAt ? now - Date.parse(team.oldestQueuedAt) : null;
                const stuck = team.queued > 0 && team.freeCapacity === 0;
                return (
                  <tr key={team.teamId ?? 'none'} class={stuck ? 'mon-row-alert' : undefined}>
                    <th scope="row">{team.name ?? m('m.queue.noTeam')}</th>
                    <td class="num"><strong>{team.queued}</strong></td>
                    <td class="num">{wait === null ? '—' : formatDuration(t, wait)}</td>
                    <td class="num">{team.agentsOnline}</td>
                    <td class="num">{team.freeCapacity}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
