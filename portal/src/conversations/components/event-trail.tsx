import type { TConversationEvent } from '@kefu/shared';
import { useI18n, type TTranslate } from '../../i18n/i18n-context';
import { formatTime } from '../../ui/duration';

/** First string among the given keys of an event's free-form data. */
function pick(data: Record<string, unknown>, ...keys: string[]): string | null {
  for (const k of keys) {
    const v = data[k];
    if (typeof v === 'string' && v) return v;
  }
  return null;
}

/** One line (and an optional detail) describing an event of the trail. */
export function describeEvent(t: TTranslate, e: TConversationEvent): { text: string; detail: string | null } {
  const d = e.data;
  const someone = t('event.someone');
  const agent = pick(d, 'agentName', 'toAgentName', 'assigneeName', 'ownerName') ?? e.actorName ?? someone;
  switch (e.type) {
    case 'created':
      return { text: t('event.created'), detail: null };
    case 'queued': {
      const team = pick(d, 'teamName');
      return { text: team ? t('event.queuedTeam', { team }) : t('event.queued'), detail: null };
    }
    case 'assigned':
      return { text: t('event.assigned', { name: agent }), detail: null };
    case 'claimed':
      return { text: t('event.claimed', { name: e.actorName ?? agent }), detail: null };
    case 'owner_set':
      return { text: t('event.owner_set', { name: agent }), detail: null };
    case 'transferred': {
      const from = pick(d, 'fromAgentName', 'fromName', 'from') ?? e.actorName ?? someone;
      const to = pick(d, 'toAgentName', 'toTeamName', 'toName', 'to') ?? someone;
      const reason = pick(d, 'reason');
      return { text: t('event.transferred', { from, to }), detail: reason ? t('event.reason', { reason }) : null };
    }
    case 'assignment_timed_out':
      return { text: t('event.assignment_timed_out', { name: agent }), detail: null };
    case 'resolved':
      return { text: t('event.resolved'), detail: e.actorName ? t('event.by', { name: e.actorName }) : null };
    case 'reopened':
      return { text: t('event.reopened'), detail: null };
    case 'priority_changed': {
      const p = pick(d, 'priority', 'to');
      const label = p === 'urgent' || p === 'high' || p === 'normal' || p === 'low' ? t(`priority.${p}`) : p ?? '';
      return { text: t('event.priority_changed', { priority: label }), detail: e.actorName ? t('event.by', { name: e.actorName }) : null };
    }
  }
}

export function EventTrail(props: { events: readonly TConversationEvent[] }) {
  const { t, locale } = useI18n();
  if (props.events.length === 0) return <p class="muted">{t('panel.noEvents')}</p>;
  return (
    <ol class="trail">
      {props.events.map((e) => {
        const { text, detail } = describeEvent(t, e);
        return (
          <li key={e.id} class={`trail-item trail-${e.type}`}>
            <span class="trail-dot" aria-hidden="true" />
            <div>
              <div class="trail-text">{text}</div>
              {detail && <div class="trail-detail">{detail}</div>}
              <time class="trail-time" dateTime={e.createdAt}>{formatTime(locale, e.createdAt)}</time>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
