import type { TMonitorWaiting } from '@kefu/shared';
import { hrefFor } from '../../hash-router';
import { useI18n } from '../../i18n/i18n-context';
import { formatDuration } from '../../ui/duration';
import { useMonitorText } from '../monitor-text';

/** Conversations whose customer has waited longest for an agent's reply; each can be opened or reassigned. */
export function WaitingList(props: { waiting: TMonitorWaiting[]; now: number; onReassign: (w: TMonitorWaiting) => void }) {
  const { t } = useI18n();
  const { m } = useMonitorText();
  return (
    <section class="mon-box" aria-labelledby="mon-waiting-title">
      <h2 id="mon-waiting-title">{m('m.waiting')}</h2>
      {props.waiting.length === 0 ? (
        <p class="muted">{m('m.waiting.empty')}</p>
      ) : (
        <ol class="mon-waiting">
          {props.waiting.map((w) => (
            <li key={w.conversationId} class="mon-wait">
              <span class="mon-wait-time">{formatDuration(t, props.now - Date.parse(w.waitingSince))}</span>
              <div class="mon-wait-body">
                <div class="mon-wait-head">
                  <span class="mon-wait-who">
                    {w.visitorName ?? m('m.waiting.anonymous')}
                    {w.vip && <span class="mon-tag mon-tag-vip">{m('m.waiting.vip')}</span>}
                    {w.priority !== 'normal' && <span class={`mon-tag mon-tag-${w.priority}`}>{t(`priority.${w.priority}`)}</span>}
                  </span>
                  <span class="muted small">
                    {w.teamName ?? m('m.queue.noTeam')} · {w.status === 'queued' ? m('m.waiting.queue') : (w.assigneeName ?? '—')}
                  </span>
                </div>
                {w.lastMessageText && <p class="mon-wait-text" title={m('m.waiting.last')}>{w.lastMessageText}</p>}
              </div>
              <div class="mon-wait-actions">
                <a class="btn btn-sm" href={hrefFor('inbox', 'all', w.conversationId)}>{m('m.open')}</a>
                <button type="button" class="btn btn-sm" onClick={() => props.onReassign(w)}>{m('m.reassign')}</button>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
