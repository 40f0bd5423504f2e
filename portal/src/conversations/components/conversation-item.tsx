import type { TConversation } from '@kefu/shared';
import { useI18n } from '../../i18n/i18n-context';
import { formatDuration, formatTime } from '../../ui/duration';
import { visitorName } from '../visitor-name';

type Props = { conversation: TConversation; now: number; href: string; selected: boolean; claiming: boolean; onClaim: () => void };

/** One inbox row: who, how urgent, what they said last, how long they wait. */
export function ConversationItem({ conversation: c, now, href, selected, claiming, onClaim }: Props) {
  const { t, locale } = useI18n();
  const waitedMs = c.waitingSince ? now - new Date(c.waitingSince).getTime() : 0;
  const waitLevel = waitedMs > 5 * 60_000 ? 'late' : waitedMs > 2 * 60_000 ? 'warn' : 'ok';
  return (
    <li class={`conv ${selected ? 'conv-selected' : ''}`}>
      <a class="conv-link" href={href} aria-current={selected ? 'true' : undefined}>
        <span class="conv-row">
          <span class="conv-name">{visitorName(t, c)}</span>
          {c.visitor.vip && <span class="badge badge-vip">{t('inbox.vip')}</span>}
          {c.priority !== 'normal' && <span class={`badge badge-${c.priority}`}>{t(`priority.${c.priority}`)}</span>}
          <span class="conv-time">{c.lastMessageAt ? formatTime(locale, c.lastMessageAt, new Date(now)) : ''}</span>
        </span>
        <span class="conv-preview">{c.lastMessageText ?? t('inbox.noMessages')}</span>
        <span class="conv-row conv-meta">
          <span class={`status status-${c.status}`}>{t(`status.${c.status}`)}</span>
          {c.queue && <span>{t('inbox.position', { n: c.queue.position })}</span>}
          <span class="conv-assignee">{c.assigneeName ?? (c.status === 'queued' ? c.teamName ?? '' : t('inbox.unassigned'))}</span>
          {c.waitingSince && c.status !== 'resolved' && (
            <span class={`wait wait-${waitLevel}`}>{t('inbox.waiting', { duration: formatDuration(t, waitedMs) })}</span>
          )}
        </span>
      </a>
      {c.status === 'queued' && (
        <button type="button" class="btn btn-sm btn-primary conv-claim" disabled={claiming} onClick={onClaim}>
          {claiming ? t('inbox.claiming') : t('inbox.claim')}
        </button>
      )}
    </li>
  );
}
