import type { TErrorCode, TMessageAttachment } from '@kefu/shared';

/** A customer message not yet acknowledged by the server. */
export type TOutboxItem = {
  /** Makes sending idempotent: resending the same clientId never creates a second message. */
  clientId: string;
  conversationId: string | null;
  text: string;
  /** Files already uploaded (the upload comes first); the message names them by id. */
  attachments?: TMessageAttachment[];
  email?: string;
  createdAt: string;
  /** pending: waiting or in flight · failed: refused for good, waits for the customer to retry. */
  status: 'pending' | 'failed';
  error?: TErrorCode;
};

/** Where this browser keeps unacknowledged messages for a site. */
export const outboxKey = (siteKey: string) => `kefu:outbox:${siteKey}`;

/** A client id matching ZClientId: 32 hex characters. */
export function newClientId(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID().replace(/-/g, '');
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function readItems(storage: Storage, key: string): TOutboxItem[] {
  try {
    const raw: unknown = JSON.parse(storage.getItem(key) ?? '[]');
    if (!Array.isArray(raw)) return [];
    return raw.filter(
      (i): i is TOutboxItem =>
        !!i && typeof i.clientId === 'string' && typeof i.text === 'string' && (i.status === 'pending' || i.status === 'failed'),
    );
  } catch {
    return [];
  }
}

/**
 * Unacknowledged messages in send order, persisted in localStorage so that a reload resends them.
 * @example const outbox = new Outbox(localStorage, outboxKey(siteKey)); outbox.add({ text, conversationId: null })
 */
export class Outbox {
  private items: TOutboxItem[];
  private listeners = new Set<() => void>();

  constructor(
    private readonly storage: Storage,
    private readonly key: string,
  ) {
    this.items = readItems(storage, key);
  }

  list(): readonly TOutboxItem[] {
    return this.items;
  }

  /** The oldest message still to send. */
  nextPending(): TOutboxItem | undefined {
    return this.items.find((i) => i.status === 'pending');
  }

  add(input: { text: string; conversationId: string | null; email?: string; attachments?: TMessageAttachment[] }): TOutboxItem {
    const item: TOutboxItem = {
      clientId: newClientId(),
      conversationId: input.conversationId,
      text: input.text,
      ...(input.attachments?.length ? { attachments: input.attachments } : {}),
      ...(input.email ? { email: input.email } : {}),
      createdAt: new Date().toISOString(),
      status: 'pending',
    };
    this.write([...this.items, item]);
    return item;
  }

  /** Drops an acknowledged message. */
  remove(clientId: string): void {
    this.write(this.items.filter((i) => i.clientId !== clientId));
  }

  fail(clientId: string, error: TErrorCode): void {
    this.write(this.items.map((i) => (i.clientId === clientId ? { ...i, status: 'failed', error } : i)));
  }

  /** Queues a failed message again, after the ones already waiting (it will take the next place in the conversation). */
  retry(clientId: string): void {
    const item = this.items.find((i) => i.clientId === clientId);
    if (!item) return;
    const { error: _error, ...rest } = item;
    this.write([...this.items.filter((i) => i !== item), { ...rest, status: 'pending' }]);
  }

  /** Messages written before the conversation existed belong to the one the server just answered with. */
  adoptConversation(conversationId: string): void {
    if (!this.items.some((i) => i.conversationId === null)) return;
    this.write(this.items.map((i) => (i.conversationId === null ? { ...i, conversationId } : i)));
  }

  /** Forgets every message not yet sent (Kefu.reset: they were someone else's). */
  clear(): void {
    this.write([]);
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private write(items: TOutboxItem[]): void {
    this.items = items;
    try {
      if (items.length) this.storage.setItem(this.key, JSON.stringify(items));
      else this.storage.removeItem(this.key);
    } catch {
      // Storage full or blocked (private mode): the outbox still works for this page's lifetime.
    }
    this.listeners.forEach((fn) => fn());
  }
}
