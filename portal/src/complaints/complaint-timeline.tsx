import type { TComplaintEvent } from '@kefu/shared';
import { displayText } from '@kefu/shared/bidi';
import { formatTime } from '../ui/duration';
import { useComplaintsText } from './complaints-text';

/** Every event of the complaint, public and internal, oldest first. */
export function ComplaintTimeline({ events }: { events: readonly TComplaintEvent[] }) {
  const { c, locale } = useComplaintsText();
  const label = (e: TComplaintEvent) => {
    switch (e.type) {
      case 'created':
        return c('c.event.created', { channel: c(`c.channel.${(e.data['channel'] as 'widget' | 'phone' | 'conversation') ?? 'widget'}`) });
      case 'rated':
        return c('c.event.rated', { rating: String(e.data['rating'] ?? '') });
      case 'deadline_warning':
      case 'deadline_breached':
        return c(`c.event.${e.type}`, { kind: c(`c.deadline.kind.${e.data['deadline'] === 'first_response' ? 'first_response' : 'resolution'}`) });
      default:
        return c(`c.event.${e.type}`);
    }
  };
  const actor = (e: TComplaintEvent) =>
    e.actorName ? c('c.by', { name: e.actorName }) : e.type === 'customer_info' || e.type === 'reopened' || e.type === 'rated' || e.type === 'attachment_added' ? c('c.customerActor') : c('c.system');
  return (
    <ol class="c-timeline">
      {events.map((e) => (
        <li key={e.id} class={`c-event c-event-${e.type} ${e.public ? 'c-event-public' : 'c-event-internal'}`}>
          <div class="c-event-head">
            <strong>{label(e)}</strong>
            <span class="muted small">{actor(e)} · {formatTime(locale, e.at)} · {e.public ? c('c.public') : c('c.internal')}</span>
          </div>
          {e.text && <p class="c-event-text" dir="auto">{displayText(e.text)}</p>}
        </li>
      ))}
    </ol>
  );
}
