import { describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { App } from './App';
import { createChatController } from './state/chat-controller';
import {
  CONVERSATION_ID,
  FakeConnection,
  fakeSession,
  testConfig,
  testConversation,
  testMessage,
} from './transport/customer-connection.fake';
import type { TFrameMessage } from './host/host-messages';
import type { TWidgetConfig } from '@kefu/shared';
import { SYNC_PAGE_SIZE } from '@kefu/shared/events';

async function openWidget(config: Partial<TWidgetConfig> = {}, conn = new FakeConnection()) {
  const posted: TFrameMessage[] = [];
  const controller = createChatController({
    siteKey: 'site-1',
    hostOrigin: 'https://shop.example.com',
    hostLocale: null,
    storage: localStorage,
    startSession: fakeSession(testConfig(config)),
    connect: conn.connect,
    postToHost: (m) => posted.push(m),
    languages: ['en-US'],
  });
  render(<App controller={controller} />);
  await act(async () => {
    controller.setOpen(true);
    await controller.start();
  });
  await act(async () => conn.open());
  await screen.findByRole('log');
  return { controller, conn, posted };
}

describe('the widget app', () => {
  it('greets the customer and connects with the visitor token', async () => {
    const { conn } = await openWidget();
    expect(screen.getByText('Hi! How can we help?')).toBeTruthy();
    expect(conn.auth).toEqual({ siteKey: 'site-1', visitorToken: 'token-1', hostOrigin: 'https://shop.example.com' });
    expect(localStorage.getItem('kefu:visitor:site-1')).toBe('token-1');
  });

  it('shows the offline message and a leave-a-message form when nobody is available', async () => {
    const { conn } = await openWidget({ available: false });
    expect(screen.getByRole('heading', { name: 'Leave us a message' })).toBeTruthy();
    expect(screen.getByText('We are closed right now.')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Your message'), { target: { value: 'Please call me back' } });
    fireEvent.input(screen.getByLabelText('Email (optional)'), { target: { value: 'amy@example.com' } });
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Send' })));
    await waitFor(() => expect(conn.sent).toHaveLength(1));
    expect(conn.sent[0]).toMatchObject({ conversationId: null, text: 'Please call me back', email: 'amy@example.com' });
    expect(screen.getByText("Thank you! We'll get back to you as soon as possible.")).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Leave us a message' })).toBeNull();
  });

  it('shows customer text with markup as plain text', async () => {
    const { conn } = await openWidget();
    const evil = '<img src=x onerror="alert(1)">';
    await act(async () => {
      conn.handlers?.conversation(testConversation());
    });
    fireEvent.input(screen.getByLabelText('Your message'), { target: { value: evil } });
    await act(async () => void fireEvent.keyDown(screen.getByLabelText('Your message'), { key: 'Enter' }));
    await waitFor(() => expect(screen.getByText(evil)).toBeTruthy());
    expect(document.querySelector('img')).toBeNull();
  });

  it('shows a message that arrives during a sync exactly once', async () => {
    const conn = new FakeConnection();
    conn.onSync = async () => {
      // The server pushes message 2 before it answers the sync that also contains it.
      conn.handlers?.message(testMessage({ seq: 2, text: 'second' }));
      return { ok: true, conversation: testConversation({ lastSeq: 2 }), messages: [testMessage({ seq: 1, text: 'first' }), testMessage({ seq: 2, text: 'second' })] };
    };
    await openWidget({}, conn);
    await waitFor(() => expect(screen.getAllByText('second')).toHaveLength(1));
    const texts = [...document.querySelectorAll('.kf-msg-text')].map((n) => n.textContent);
    expect(texts).toEqual(['Hi! How can we help?', 'first', 'second']);
  });

  it('keeps a state told live while a sync was on its way: the older answer does not undo it', async () => {
    const conn = new FakeConnection();
    let answer: (() => void) | null = null;
    let calls = 0;
    conn.onSync = async () => {
      if (++calls === 1) return { ok: true, conversation: testConversation({ status: 'active', agentName: 'Li Na', lastSeq: 1 }), messages: [testMessage({ seq: 1, text: 'first' })] };
      // The reconnect's sync reads the conversation while it is still active; the agent resolves it
      // and that state reaches the widget before the answer does.
      await new Promise<void>((r) => (answer = r));
      return { ok: true, conversation: testConversation({ status: 'active', agentName: 'Li Na', lastSeq: 2 }), messages: [testMessage({ seq: 2, text: 'bye' })] };
    };
    const { controller } = await openWidget({}, conn);
    await waitFor(() => expect(controller.store.get().conversation?.status).toBe('active'));
    await act(async () => {
      conn.drop();
      conn.open();
    });
    await act(async () => conn.handlers?.conversation(testConversation({ status: 'resolved', agentName: 'Li Na', lastSeq: 2 })));
    await act(async () => answer?.());
    await waitFor(() => expect(screen.getByText('bye')).toBeTruthy());
    expect(controller.store.get().conversation).toMatchObject({ status: 'resolved', lastSeq: 2 });
  });

  it('asks only for what it missed when it reconnects', async () => {
    const conn = new FakeConnection();
    conn.onSync = async () => ({ ok: true, conversation: testConversation(), messages: [testMessage({ seq: 1 }), testMessage({ seq: 2 })] });
    await openWidget({}, conn);
    await act(async () => {
      conn.drop();
      conn.open();
    });
    expect(conn.syncs.at(-1)).toEqual({ conversationId: CONVERSATION_ID, afterSeq: 2 });
  });

  it('catches up a long absence page by page until the last message', async () => {
    const conn = new FakeConnection();
    const total = 2 * SYNC_PAGE_SIZE + 5;
    conn.onSync = async ({ afterSeq }) => {
      const upTo = Math.min(total, afterSeq + SYNC_PAGE_SIZE);
      const messages = Array.from({ length: upTo - afterSeq }, (_, i) => testMessage({ seq: afterSeq + i + 1, text: `m${afterSeq + i + 1}` }));
      return { ok: true, conversation: testConversation(), messages };
    };
    await openWidget({}, conn);
    await waitFor(() => expect(screen.getByText(`m${total}`)).toBeTruthy());
    expect(conn.syncs.map((s) => s.afterSeq)).toEqual([0, SYNC_PAGE_SIZE, 2 * SYNC_PAGE_SIZE]);
  });

  it('updates the queue position live and names the agent who takes over', async () => {
    const conn = new FakeConnection();
    conn.onSync = async () => ({ ok: true, conversation: testConversation({ queue: { position: 2, expectedWaitSeconds: 120 } }), messages: [] });
    await openWidget({}, conn);
    expect(await screen.findByText('You are number 2 in the queue.')).toBeTruthy();
    await act(async () => conn.handlers?.conversation(testConversation({ queue: { position: 1, expectedWaitSeconds: 30 } })));
    expect(screen.getByText('You are number 1 in the queue.')).toBeTruthy();
    await act(async () => conn.handlers?.conversation(testConversation({ status: 'active', agentName: 'Li Na', queue: null })));
    expect(screen.getByText('Li Na is helping you')).toBeTruthy();
    await act(async () => conn.handlers?.typing({ conversationId: CONVERSATION_ID, typing: true }));
    expect(screen.getByText('Li Na is typing…')).toBeTruthy();
  });

  it('counts agent replies as unread while closed and tells the host page', async () => {
    const conn = new FakeConnection();
    conn.onSync = async () => ({ ok: true, conversation: testConversation({ status: 'active' }), messages: [] });
    const { controller, posted } = await openWidget({}, conn);
    act(() => controller.setOpen(false));
    await act(async () => conn.handlers?.message(testMessage({ seq: 1, text: 'Hello from Li Na' })));
    expect(posted).toContainEqual({ kefu: 'unread', count: 1 });
    expect(posted.some((m) => m.kefu === 'event' && m.name === 'message')).toBe(true);
    act(() => controller.setOpen(true));
    expect(posted.at(-1)).toEqual({ kefu: 'unread', count: 0 });
  });

  it('after resolution offers a new conversation, whose first message starts one', async () => {
    const conn = new FakeConnection();
    conn.onSync = async () => ({ ok: true, conversation: testConversation({ status: 'resolved', lastSeq: 1 }), messages: [testMessage({ seq: 1 })] });
    await openWidget({}, conn);
    expect(await screen.findByText(/This conversation was resolved/)).toBeTruthy();
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Start a new conversation' })));
    expect(screen.queryByText('message 1')).toBeNull();
    fireEvent.input(screen.getByLabelText('Your message'), { target: { value: 'New question' } });
    await act(async () => void fireEvent.keyDown(screen.getByLabelText('Your message'), { key: 'Enter' }));
    await waitFor(() => expect(conn.sent).toHaveLength(1));
    expect(conn.sent[0]?.conversationId).toBeNull();
  });

  it('writing after resolution reopens the same conversation', async () => {
    const conn = new FakeConnection();
    conn.onSync = async () => ({ ok: true, conversation: testConversation({ status: 'resolved', lastSeq: 1 }), messages: [testMessage({ seq: 1 })] });
    await openWidget({}, conn);
    fireEvent.input(screen.getByLabelText('Your message'), { target: { value: 'One more thing' } });
    await act(async () => void fireEvent.keyDown(screen.getByLabelText('Your message'), { key: 'Enter' }));
    await waitFor(() => expect(conn.sent).toHaveLength(1));
    expect(conn.sent[0]?.conversationId).toBe(CONVERSATION_ID);
  });

  it('shows an own message as sending until acknowledged, then as sent', async () => {
    const conn = new FakeConnection();
    let release: () => void = () => {};
    const defaultSend = conn.onSend;
    conn.onSend = (p) => new Promise((resolve) => (release = () => resolve(defaultSend(p))));
    await openWidget({}, conn);
    fireEvent.input(screen.getByLabelText('Your message'), { target: { value: 'Hello' } });
    await act(async () => void fireEvent.keyDown(screen.getByLabelText('Your message'), { key: 'Enter' }));
    expect(screen.getByText('Sending…')).toBeTruthy();
    await act(async () => release());
    await waitFor(() => expect(screen.queryByText('Sending…')).toBeNull());
    expect(screen.getByText(/Sent/)).toBeTruthy();
  });

  it('does not take the seq gaps left by internal notes for missing messages', async () => {
    const conn = new FakeConnection();
    conn.onSync = async () => ({ ok: true, conversation: testConversation({ lastSeq: 5 }), messages: [testMessage({ seq: 1 }), testMessage({ seq: 4 })] });
    await openWidget({}, conn);
    await act(async () => conn.handlers?.message(testMessage({ seq: 6 })));
    expect(conn.syncs).toEqual([{ conversationId: null, afterSeq: 0 }]);
    await act(async () => {
      conn.drop();
      conn.open();
    });
    expect(conn.syncs.at(-1)).toEqual({ conversationId: CONVERSATION_ID, afterSeq: 6 });
  });

  it('keeps the agent who took over when the first message is acknowledged after the assignment', async () => {
    const conn = new FakeConnection();
    await openWidget({}, conn);
    // The assignment reaches the widget before the ack of the message that opened the conversation.
    let ack: () => void = () => {};
    conn.onSend = (p) =>
      new Promise((resolve) => {
        ack = () => resolve({ ok: true, conversation: testConversation({ lastSeq: 1, queue: { position: 1, expectedWaitSeconds: 30 } }), message: testMessage({ seq: 1, author: 'customer', clientId: p.clientId, text: p.text }) });
      });
    const assigned = testConversation({ status: 'active', agentName: 'Li Na', lastSeq: 1 });
    conn.onSync = async () => ({ ok: true, conversation: assigned, messages: [] });
    fireEvent.input(screen.getByLabelText('Your message'), { target: { value: 'Hello' } });
    await act(async () => void fireEvent.keyDown(screen.getByLabelText('Your message'), { key: 'Enter' }));
    await act(async () => conn.handlers?.conversation(assigned));
    expect(await screen.findByText('Li Na is helping you')).toBeTruthy();
    await act(async () => ack());
    await waitFor(() => expect(screen.getByText('Hello')).toBeTruthy());
    expect(screen.getByText('Li Na is helping you')).toBeTruthy();
    expect(screen.queryByText('You are number 1 in the queue.')).toBeNull();
  });

  it('fetches the whole new conversation once the first message creates it', async () => {
    const conn = new FakeConnection();
    await openWidget({}, conn);
    conn.onSync = async () => ({
      ok: true,
      conversation: testConversation({ lastSeq: 2 }),
      messages: [testMessage({ seq: 1, author: 'system', authorName: null, text: 'You are in the queue' })],
    });
    conn.onSend = async (p) => ({
      ok: true,
      conversation: testConversation({ lastSeq: 2 }),
      message: testMessage({ seq: 2, author: 'customer', clientId: p.clientId, text: p.text }),
    });
    fireEvent.input(screen.getByLabelText('Your message'), { target: { value: 'Hello' } });
    await act(async () => void fireEvent.keyDown(screen.getByLabelText('Your message'), { key: 'Enter' }));
    await waitFor(() => expect(screen.getByText('You are in the queue')).toBeTruthy());
    expect(conn.syncs.at(-1)).toEqual({ conversationId: CONVERSATION_ID, afterSeq: 0 });
    const texts = [...document.querySelectorAll('.kf-msg-text, .kf-msg-system p')].map((n) => n.textContent);
    expect(texts).toEqual(['Hi! How can we help?', 'You are in the queue', 'Hello']);
  });

  it('Kefu.reset empties the window, drafts included: the next person sees nothing of the previous one', async () => {
    const { controller, conn } = await openWidget();
    fireEvent.input(screen.getByLabelText('Your message'), { target: { value: 'My card is 6222 0000' } });
    await act(async () => void fireEvent.keyDown(screen.getByLabelText('Your message'), { key: 'Enter' }));
    await screen.findByText('My card is 6222 0000');
    fireEvent.input(screen.getByLabelText('Your message'), { target: { value: 'and my PIN is' } });
    await act(async () => controller.reset());
    expect(screen.queryByText('My card is 6222 0000')).toBeNull();
    expect((screen.getByLabelText('Your message') as HTMLTextAreaElement).value).toBe('');
    expect(conn.closed).toBe(1);
  });
});
