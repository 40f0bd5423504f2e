import { useEffect, useRef } from 'preact/hooks';
import type { TMessage } from '@kefu/shared';
import { useI18n } from '../../i18n/i18n-context';
import { displayText } from '@kefu/shared/bidi';
import { formatTime } from '../../ui/duration';
import type { TOutgoing } from '../outbox';
import './message-list.css';
import { MessageFiles } from '../attachments/message-files';

type Props = {
  messages: readonly TMessage[];
  pending?: readonly TOutgoing[];
  customerName: string;
  typing?: boolean;
  onRetry?: (clientId: string) => void;
  onDiscard?: (clientId: string) => void;
};

/** The conversation's messages in seq order, then what is still being sent. Text is never HTML. */
export function MessageList(props: Props) {
  const { t, locale } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const count = props.messages.length + (props.pending?.length ?? 0);

  useEffect(() => {
    const el = ref.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [count, props.typing]);

  function onScroll() {
    const el = ref.current;
    if (el) stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
  }

  return (
    <div class="messages" role="log" aria-label={t('chat.log')} aria-live="polite" ref={ref} onScroll={onScroll} tabIndex={0}>
      {count === 0 && <p class="messages-empty muted">{t('chat.empty')}</p>}
      <ol class="message-items">
        {props.messages.map((m) => {
          const kind = m.internal ? 'note' : m.author;
          const who = m.author === 'customer' ? m.authorName ?? props.customerName : m.author === 'system' ? t('chat.system') : m.authorName ?? '';
          return (
            <li key={m.seq} class={`msg msg-${kind}`} data-seq={m.seq}>
              <div class="msg-meta">
                {m.internal && <span class="msg-note-label">{t('chat.internalNote')}</span>}
                {m.author !== 'system' && <span class="msg-author" dir="auto">{displayText(who)}</span>}
                <time dateTime={m.createdAt}>{formatTime(locale, m.createdAt)}</time>
              </div>
              <div class="msg-body" dir="auto">{displayText(m.text)}</div>
              {m.attachments && <MessageFiles conversationId={m.conversationId} files={m.attachments} />}
            </li>
          );
        })}
        {props.pending?.map((p) => (
          <li key={p.clientId} class={`msg ${p.internal ? 'msg-note' : 'msg-agent'} msg-pending`} aria-busy={p.status === 'sending'}>
            <div class="msg-meta">
              {p.internal && <span class="msg-note-label">{t('chat.internalNote')}</span>}
              <span class={p.status === 'failed' ? 'msg-failed' : 'msg-sending'}>
                {p.status === 'failed' ? t('chat.failed', { error: p.error ?? '' }) : t('chat.sending')}
              </span>
            </div>
            <div class="msg-body" dir="auto">{displayText(p.text)}</div>
            {p.attachments && <MessageFiles conversationId={p.conversationId} files={p.attachments} />}
            {p.status === 'failed' && (
              <div class="msg-actions">
                <button type="button" class="btn btn-sm" onClick={() => props.onRetry?.(p.clientId)}>{t('common.retry')}</button>
                <button type="button" class="btn btn-ghost btn-sm" onClick={() => props.onDiscard?.(p.clientId)}>{t('common.discard')}</button>
              </div>
            )}
          </li>
        ))}
      </ol>
      {props.typing && (
        <p class="typing" aria-live="polite">
          <span class="typing-dots" aria-hidden="true"><i /><i /><i /></span>
          {t('chat.customerTyping', { name: props.customerName })}
        </p>
      )}
    </div>
  );
}
