import { act, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AgentSocket } from '../../api/agent-socket';
import { SocketProvider, useSocket } from '../../api/socket-context';
import { SessionContext } from '../../session/session-context';
import { aConversation, aMessage, aUser, fakeFetch, uuid } from '../../test-fixtures';
import { ALL_VIEW_REFRESH_MS, useInbox } from './use-inbox';

afterEach(() => vi.unstubAllGlobals());

/** The socket edge: the test plays the server's events and answers acks. */
function fakeSocket() {
  const handlers = new Map<string, Set<(...a: unknown[]) => void>>();
  const emits: { event: string; ack?: (a: unknown) => void }[] = [];
  const socket = {
    connected: true,
    active: true,
    on(event: string, h: (...a: unknown[]) => void) {
      if (!handlers.has(event)) handlers.set(event, new Set());
      handlers.get(event)!.add(h);
      return socket;
    },
    off(event: string, h: (...a: unknown[]) => void) {
      handlers.get(event)?.delete(h);
      return socket;
    },
    emit(event: string, _payload: unknown, ack?: (a: unknown) => void) {
      emits.push({ event, ack });
      return socket;
    },
    connect: () => socket,
    disconnect: () => socket,
  };
  const fire = (event: string, payload: unknown) => act(() => handlers.get(event)?.forEach((h) => h(payload)));
  return { socket: socket as unknown as AgentSocket, fire, emits };
}

const user = aUser({ id: uuid(1) });
const older = aConversation({ id: uuid(60), status: 'active', assigneeId: user.id, lastSeq: 3, lastMessageText: 'older', lastMessageAt: '2026-11-23T06:00:00Z', waitingSince: null, queue: null });
const newer = aConversation({ id: uuid(61), status: 'active', assigneeId: user.id, lastSeq: 8, lastMessageText: 'newer', lastMessageAt: '2026-11-23T07:00:00Z', waitingSince: null, queue: null });

let outboxSend: ReturnType<typeof useSocket>['outbox'] | null = null;
function Inbox() {
  const { items } = useInbox('mine');
  outboxSend = useSocket().outbox;
  return <ol>{items?.map((c) => <li key={c.id}>{`${c.lastMessageText} · ${c.lastSeq} · ${c.waitingSince ? 'waiting' : 'answered'}`}</li>)}</ol>;
}

function renderInbox() {
  vi.stubGlobal('fetch', fakeFetch(() => ({ status: 200, body: { ok: true, conversations: [newer, older] } })));
  const edge = fakeSocket();
  render(
    <SessionContext.Provider value={{ user, setUser: () => undefined, logout: () => undefined }}>
      <SocketProvider connect={() => edge.socket}>
        <Inbox />
      </SocketProvider>
    </SessionContext.Provider>,
  );
  return edge;
}
const rows = () => screen.getAllByRole('listitem').map((li) => li.textContent);

describe('the inbox keeps its previews from the messages themselves', () => {
  it('moves a conversation up with its new preview when a message arrives, and ignores old or unknown ones', async () => {
    const { fire } = renderInbox();
    await waitFor(() => expect(rows()).toEqual(['newer · 8 · answered', 'older · 3 · answered']));
    fire('message:new', aMessage(4, { conversationId: older.id, text: '我的快递到哪了', createdAt: '2026-11-23T08:00:00Z' }));
    expect(rows()).toEqual(['我的快递到哪了 · 4 · waiting', 'newer · 8 · answered']);
    fire('message:new', aMessage(2, { conversationId: newer.id, text: 'an old one' }));
    fire('message:new', aMessage(1, { conversationId: uuid(99), text: 'not in this inbox' }));
    expect(rows()).toEqual(['我的快递到哪了 · 4 · waiting', 'newer · 8 · answered']);
    // A note moves only the sequence number.
    fire('message:new', aMessage(5, { conversationId: older.id, author: 'agent', internal: true, text: 'check the CRM' }));
    expect(rows()).toEqual(['我的快递到哪了 · 5 · waiting', 'newer · 8 · answered']);
  });

  it('takes the agent\'s own reply from its ack (the server sends the sender no echo)', async () => {
    const { socket, emits } = renderInbox();
    await waitFor(() => expect(rows()).toHaveLength(2));
    act(() => outboxSend!.send(socket, { conversationId: older.id, clientId: 'client-own-1', text: '已经发货了', internal: false }));
    const send = emits.find((e) => e.event === 'message:send');
    act(() => send!.ack!({ ok: true, message: aMessage(4, { conversationId: older.id, clientId: 'client-own-1', author: 'agent', text: '已经发货了', createdAt: '2026-11-23T09:00:00Z' }) }));
    expect(rows()).toEqual(['已经发货了 · 4 · answered', 'newer · 8 · answered']);
  });
});

describe('the "all" view, which holds only the most recently active conversations', () => {
  function AllInbox() {
    const { items } = useInbox('all');
    return <ol>{items?.map((c) => <li key={c.id}>{`${c.lastMessageText} · ${c.lastSeq}`}</li>)}</ol>;
  }

  it('reads itself again, once, when messages arrive for conversations it does not hold', async () => {
    const outside = aConversation({ id: uuid(62), status: 'active', assigneeId: uuid(2), lastSeq: 5, lastMessageText: '终于到了', lastMessageAt: '2026-11-23T09:00:00Z', waitingSince: '2026-11-23T09:00:00Z', queue: null });
    let lists = 0;
    const fetch = fakeFetch(() => ({ status: 200, body: { ok: true, conversations: lists++ === 0 ? [newer, older] : [outside, newer, older] } }));
    vi.stubGlobal('fetch', fetch);
    const edge = fakeSocket();
    render(
      <SessionContext.Provider value={{ user: { ...user, role: 'supervisor' }, setUser: () => undefined, logout: () => undefined }}>
        <SocketProvider connect={() => edge.socket}>
          <AllInbox />
        </SocketProvider>
      </SessionContext.Provider>,
    );
    await waitFor(() => expect(rows()).toEqual(['newer · 8', 'older · 3']));
    vi.useFakeTimers();
    try {
      // A held conversation is updated from the message at once, with no read.
      edge.fire('message:new', aMessage(4, { conversationId: older.id, text: '还在吗', createdAt: '2026-11-23T08:00:00Z' }));
      expect(rows()).toEqual(['还在吗 · 4', 'newer · 8']);
      // Three messages to one it does not hold: one read, a second later.
      for (const seq of [4, 5]) edge.fire('message:new', aMessage(seq, { conversationId: outside.id, text: '终于到了' }));
      edge.fire('message:new', aMessage(1, { conversationId: uuid(98), text: 'another' }));
      expect(fetch.calls).toHaveLength(1);
      await act(async () => {
        await vi.advanceTimersByTimeAsync(ALL_VIEW_REFRESH_MS);
      });
    } finally {
      vi.useRealTimers();
    }
    await waitFor(() => expect(rows()).toEqual(['终于到了 · 5', 'newer · 8', 'older · 3']));
    expect(fetch.calls).toHaveLength(2);
  });
});
