import { PRESENCE, type TMonitorAgent } from '@kefu/shared';
import { useI18n } from '../../i18n/i18n-context';
import { formatDuration } from '../../ui/duration';
import { useMonitorText } from '../monitor-text';

/** Agents online / away / offline, each with load against capacity. */
export function AgentBoard({ agents, now }: { agents: TMonitorAgent[]; now: number }) {
  const { t } = useI18n();
  const { m } = useMonitorText();
  const count = Object.fromEntries(PRESENCE.map((p) => [p, agents.filter((a) => a.presence === p).length]));
  return (
    <section class="mon-box" aria-labelledby="mon-agents-title">
      <div class="mon-box-head">
        <h2 id="mon-agents-title">{m('m.agents')}</h2>
        <span class="muted small">{m('m.agents.summary', { online: count['online'] ?? 0, away: count['away'] ?? 0, offline: count['offline'] ?? 0 })}</span>
      </div>
      {agents.length === 0 ? (
        <p class="muted">{m('m.agents.empty')}</p>
      ) : (
        <ul class="mon-agents">
          {agents.map((a) => {
            const share = a.capacity > 0 ? Math.min(1, a.load / a.capacity) : 0;
            const full = a.load >= a.capacity;
            return (
              <li key={a.id} class={`mon-agent mon-agent-${a.presence}`}>
                <span class={`presence-dot presence-${a.presence}`} aria-hidden="true" />
                <span class="mon-agent-name">
                  <span>{a.name}</span>
                  <span class="muted small">
                    {t(`presence.${a.presence}`)} · {m('m.agent.since', { duration: formatDuration(t, now - Date.parse(a.presenceSince)) })}
                  </span>
                </span>
                <span class="mon-load" title={m('m.agent.load')}>
                  <span class="mon-load-bar" aria-hidden="true"><span class={full ? 'full' : ''} style={{ width: `${Math.round(share * 100)}%` }} /></span>
                  <span class="mon-load-text">
                    <span class="sr-only">{m('m.agent.load')} </span>
                    {m('m.agent.loadValue', { load: a.load, capacity: a.capacity })}
                    {full && a.presence === 'online' ? <span class="mon-full"> {m('m.agent.full')}</span> : null}
                  </span>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
