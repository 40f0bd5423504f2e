import type { TConversation, TMessage, TUser } from '@kefu/shared';

export const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export function aUser(over: Partial<TUser> = {}): TUser {
  return { id: uuid(1), email: 'li@example.com', name: 'Li Na', role: 'agent', locale: 'en', active: true, maxConcurrent: 5, presence: 'online', teamIds: [], ...over };
}

export function aMessage(seq: number, over: Partial<TMessage> = {}): TMessage {
  return { id: uuid(100 + seq), conversationId: uuid(50), seq, clientId: `client-${seq}xx`, author: 'customer', authorName: null, internal: false, text: `message ${seq}`, createdAt: '2026-11-23T06:00:00Z', ...over };
}

export function aConversation(over: Partial<TConversation> = {}): TConversation {
  return {
    id: uuid(50), siteId: uuid(2), siteName: 'Shop', teamId: null, teamName: null,
    visitor: { id: 'abcd1234-0000-4000-8000-000000000000', name: null, email: null, vip: false },
    status: 'queued', priority: 'normal', channel: 'widget', assigneeId: null, assigneeName: null, ownerId: null, ownerName: null,
    lastSeq: 1, lastMessageText: 'hello', lastMessageAt: '2026-11-23T06:00:00Z', waitingSince: '2026-11-23T06:00:00Z',
    queuedAt: '2026-11-23T06:00:00Z', assignedAt: null, resolvedAt: null, createdAt: '2026-11-23T06:00:00Z',
    queue: { position: 1, expectedWaitSeconds: null },
    ...over,
  };
}

/** A fetch that answers every request with the given status and JSON body, recording calls. */
export function fakeFetch(answer: (url: string, init?: RequestInit) => { status: number; body: unknown }) {
  const calls: { url: string; init?: RequestInit }[] = [];
  const fn = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, init });
    const { status, body } = answer(url, init);
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
  return Object.assign(fn, { calls });
}
