import { format } from '@kefu/shared/i18n';
import { displayText } from '@kefu/shared/bidi';
import type { TErrorCode, TMessage } from '@kefu/shared';
import type { TOutboxItem } from '../transport/outbox';
import { useText, type TWidgetCatalog } from '../i18n/catalog';
import { Files } from '../attachments/lazy-files';

function reason(t: TWidgetCatalog, code: TErrorCode | undefined): string {
  if (code === 'too_large') return t.errorTooLarge;
  if (code === 'rate_limited') return t.errorRateLimited;
  if (code === 'bad_request' || code === 'forbidden' || code === 'origin_not_allowed') return t.errorRejected;
  return t.errorUnknown;
}

function useTime(iso: string): string {
  const { locale } = useText();
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(d);
}

/** One message of the conversation. Text is always rendered as text, never as HTML. */
export function MessageBubble({ message }: { message: TMessage }) {
  const { t, locale } = useText();
  const time = useTime(message.createdAt);
  if (message.author === 'system') {
    return (
      <li class="kf-msg kf-msg-system">
        <p dir="auto">{displayText(message.text)}</p>
      </li>
    );
  }
  const own = message.author === 'customer';
  return (
    <li class={own ? 'kf-msg kf-msg-own' : 'kf-msg kf-msg-agent'}>
      <span class="kf-visually-hidden">{own ? t.you : (message.authorName ?? t.agent)}: </span>
      {!own && message.authorName && <span class="kf-msg-author" aria-hidden="true">{displayText(message.authorName)}</span>}
      {message.text && <p class="kf-msg-text" dir="auto">{displayText(message.text)}</p>}
      {message.attachments && <Files files={message.attachments} locale={locale} />}
      <span class="kf-msg-meta">
        <time dateTime={message.createdAt}>{time}</time>
        {own && ` · ${t.messageSent}`}
      </span>
    </li>
  );
}

/** An own message still in the outbox: sending, or refused with a retry button. */
export function UnsentBubble({ item, onRetry }: { item: TOutboxItem; onRetry(clientId: string): void }) {
  const { t, locale } = useText();
  const failed = item.status === 'failed';
  return (
    <li class={failed ? 'kf-msg kf-msg-own kf-msg-failed' : 'kf-msg kf-msg-own kf-msg-sending'}>
      <span class="kf-visually-hidden">{t.you}: </span>
      {item.text && <p class="kf-msg-text" dir="auto">{displayText(item.text)}</p>}
      {item.attachments && <Files files={item.attachments} locale={locale} />}
      <span class="kf-msg-meta">
        {failed ? format(t.messageFailed, { reason: reason(t, item.error) }) : t.messageSending}
        {failed && (
          <button type="button" class="kf-link" onClick={() => onRetry(item.clientId)}>
            {t.retrySend}
          </button>
        )}
      </span>
    </li>
  );
}
