import type { TCustomerSurvey, TCustomerConversation, TErrorCode, TLocale, TMessage, TWidgetConfig } from '@kefu/shared';
import type { TConnectionState } from '../transport/customer-connection';
import type { TOutboxItem } from '../transport/outbox';

/** idle: waiting for the first open · starting: asking for a session · ready · failed: no session. */
export type TPhase = 'idle' | 'starting' | 'ready' | 'failed';

export type TChatState = {
  phase: TPhase;
  failure: TErrorCode | 'network' | null;
  connection: TConnectionState;
  config: TWidgetConfig | null;
  /** The locale asked for by the host page (data-locale, Kefu.setLocale), if any. */
  hostLocale: TLocale | null;
  browserLocale: TLocale;
  conversation: TCustomerConversation | null;
  /** The current conversation's messages, sorted by seq, each once. */
  messages: TMessage[];
  outbox: readonly TOutboxItem[];
  agentTyping: boolean;
  /** The customer asked for a new conversation: the next message starts one. */
  freshStart: boolean;
  /** An offline message was left in this page's lifetime: show the confirmation. */
  offlineSent: boolean;
  open: boolean;
  unread: number;
  identity: Record<string, unknown> | null;
  /** Counts Kefu.reset calls: the window is drawn anew on each, so no draft of the previous person stays. */
  resets: number;
  /** A file being uploaded before its message goes to the outbox, or why the last upload failed. */
  upload?: { name: string } | { error: 'too_large' | 'bad_type' | 'failed' } | null;
  /** A satisfaction survey to show as a card, if any (issue 4). */
  survey?: TCustomerSurvey | null;
};

/** Site setting first, then the host page's wish, then the browser. */
export function activeLocale(s: TChatState): TLocale {
  return s.config?.locale ?? s.hostLocale ?? s.browserLocale;
}

/** Own messages not yet acknowledged, without those whose echo already arrived. */
export function unsentMessages(s: TChatState): TOutboxItem[] {
  const arrived = new Set(s.messages.map((m) => m.clientId));
  return s.outbox.filter((i) => !arrived.has(i.clientId));
}
