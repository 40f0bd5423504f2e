import type { TCustomerConversation, TCustomerHandshake, TCustomerSendMessage, TCustomerSync, TMessage, TTyping, TWidgetConfig } from '@kefu/shared';
import type { CustomerConnection, TConnect, TConnectionHandlers, TSendResult, TSyncResult } from './customer-connection';
import type { TStartSession } from './session-api';

/** A customer connection for tests: records what the app emits, lets the test answer and push events. */
export class FakeConnection implements CustomerConnection {
  handlers: TConnectionHandlers | null = null;
  auth: TCustomerHandshake | null = null;
  sent: TCustomerSendMessage[] = [];
  syncs: TCustomerSync[] = [];
  typings: TTyping[] = [];
  /** Answers `message:send`; by default a successful ack in a fresh conversation. */
  onSend: (payload: TCustomerSendMessage) => Promise<TSendResult> = async (p) => {
    const seq = this.sent.length;
    const conversation = testConversation({ id: p.conversationId ?? CONVERSATION_ID, lastSeq: seq });
    return { ok: true, conversation, message: testMessage({ seq, clientId: p.clientId, text: p.text, author: 'customer' }) };
  };
  onSync: (payload: TCustomerSync) => Promise<TSyncResult> = async () => ({ ok: true, conversation: null, messages: [] });

  connect: TConnect = (auth, handlers) => {
    this.auth = auth;
    this.handlers = handlers;
    return this;
  };

  /** Simulates a (re)connect: state goes to connected and the app syncs and flushes. */
  open(): void {
    this.handlers?.state('connected');
    this.handlers?.connected();
  }

  drop(): void {
    this.handlers?.state('reconnecting');
  }

  sync(payload: TCustomerSync): Promise<TSyncResult> {
    this.syncs.push(payload);
    return this.onSync(payload);
  }
  send(payload: TCustomerSendMessage): Promise<TSendResult> {
    this.sent.push(payload);
    return this.onSend(payload);
  }
  typing(payload: TTyping): void {
    this.typings.push(payload);
  }
  reconnects = 0;
  setAuth(auth: TCustomerHandshake, reconnect?: boolean): void {
    this.auth = auth;
    if (reconnect) this.reconnects++;
  }
  closed = 0;
  close(): void {
    this.closed++;
  }
}

export const CONVERSATION_ID = '11111111-1111-4111-8111-111111111111';

export function testConfig(patch: Partial<TWidgetConfig> = {}): TWidgetConfig {
  return {
    siteName: 'Acme Shop',
    color: '#aa3300',
    locale: 'en',
    greeting: { en: 'Hi! How can we help?', 'zh-CN': '您好！' },
    offlineMessage: { en: 'We are closed right now.', 'zh-CN': '我们现在下班了。' },
    available: true,
    withinBusinessHours: true,
    agentsOnline: true,
    ...patch,
  };
}

export function testConversation(patch: Partial<TCustomerConversation> = {}): TCustomerConversation {
  return { id: CONVERSATION_ID, status: 'queued', agentName: null, lastSeq: 0, queue: null, createdAt: '2026-11-23T10:00:00Z', ...patch };
}

export function testMessage(patch: Partial<TMessage> & { seq: number }): TMessage {
  return {
    id: `00000000-0000-4000-8000-${String(patch.seq).padStart(12, '0')}`,
    conversationId: CONVERSATION_ID,
    clientId: `client-${patch.seq}`,
    author: 'agent',
    authorName: 'Li Na',
    internal: false,
    text: `message ${patch.seq}`,
    createdAt: '2026-11-23T10:00:00Z',
    ...patch,
  };
}

/** A session endpoint that always succeeds with `config`. */
export function fakeSession(config: TWidgetConfig = testConfig()): TStartSession & { calls: number } {
  const fn = Object.assign(
    async () => {
      fn.calls += 1;
      return { ok: true as const, session: { visitorToken: 'token-1', visitorId: '22222222-2222-4222-8222-222222222222', config } };
    },
    { calls: 0 },
  );
  return fn;
}
