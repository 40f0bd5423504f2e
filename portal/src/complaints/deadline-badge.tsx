import type { TDeadlineState } from '@kefu/shared';
import { formatTime } from '../ui/duration';
import { useComplaintsText } from './complaints-text';

/** On time / at risk / breached, with the due time. */
export function DeadlineBadge({ state, dueAt }: { state: TDeadlineState | null; dueAt: string | null }) {
  const { c, locale } = useComplaintsText();
  if (!state || !dueAt) return <span class="muted">{c('c.deadline.none')}</span>;
  return (
    <span class={`deadline deadline-${state}`}>
      <span class="deadline-state">{c(`c.deadline.${state}`)}</span>
      <span class="deadline-time">{formatTime(locale, dueAt)}</span>
    </span>
  );
}
