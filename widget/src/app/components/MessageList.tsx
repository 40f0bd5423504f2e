import { useEffect, useRef } from 'preact/hooks';
import type { TMessage } from '@kefu/shared';
import type { TOutboxItem } from '../transport/outbox';
import { useText } from '../i18n/catalog';
import { MessageBubble, UnsentBubble } from './MessageBubble';

export type TMessageListProps = {
  greeting: string;
  messages: readonly TMessage[];
  unsent: readonly TOutboxItem[];
  onRetry(clientId: string): void;
};

/** The conversation log: greeting, messages by seq, then own messages not yet acknowledged. */
export function MessageList({ greeting, messages, unsent, onRetry }: TMessageListProps) {
  const { t } = useText();
  const end = useRef<HTMLLIElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [messages.length, unsent.length]);
  return (
    <ol class="kf-log" role="log" aria-live="polite" aria-label={t.conversationLabel}>
      {greeting && (
        <li class="kf-msg kf-msg-agent kf-greeting">
          <p class="kf-msg-text">{greeting}</p>
        </li>
      )}
      {messages.map((m) => (
        <MessageBubble key={m.id} message={m} />
      ))}
      {unsent.map((item) => (
        <UnsentBubble key={item.clientId} item={item} onRetry={onRetry} />
      ))}
      <li ref={end} aria-hidden="true" class="kf-log-end" />
    </ol>
  );
}
