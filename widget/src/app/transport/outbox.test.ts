import { beforeEach, describe, expect, it } from 'vitest';
import { Outbox, newClientId, outboxKey } from './outbox';
import { OutboxSender } from './outbox-sender';
import type { TSendResult } from './customer-connection';
import { CONVERSATION_ID, testConversation, testMessage } from './customer-connection.fake';
import type { TCustomerSendMessage } from '@kefu/shared';

const KEY = outboxKey('site-1');

function okAck(p: TCustomerSendMessage, seq: number): TSendResult {
  return {
    ok: true,
    conversation: testConversation(),
    message: testMessage({ seq, clientId: p.clientId, text: p.text, author: 'customer' }),
  };
}

function senderFor(outbox: Outbox, answer: (p: TCustomerSendMessage) => TSendResult, timers: (() => void)[] = []) {
  const sent: TCustomerSendMessage[] = [];
  const sender = new OutboxSender(outbox, {
    send: async (p) => {
      sent.push(p);
      return answer(p);
    },
    canSend: () => true,
    onAcked: () => {},
    setTimer: (fn) => timers.push(fn),
  });
  return { sender, sent };
}

describe('Outbox', () => {
  beforeEach(() => localStorage.clear());

  it('makes client ids the server accepts', () => {
    expect(newClientId()).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(newClientId()).not.toBe(newClientId());
  });

  it('keeps unacknowledged messages across a reload', () => {
    const before = new Outbox(localStorage, KEY);
    const a = before.add({ text: 'first', conversationId: null });
    const b = before.add({ text: 'second', conversationId: null });
    const after = new Outbox(localStorage, KEY);
    expect(after.list().map((i) => [i.clientId, i.text])).toEqual([
      [a.clientId, 'first'],
      [b.clientId, 'second'],
    ]);
  });

  it('resends after a reload in the original order with the same client ids', async () => {
    const before = new Outbox(localStorage, KEY);
    const ids = ['one', 'two', 'three'].map((text) => before.add({ text, conversationId: null }).clientId);
    let seq = 0;
    const { sender, sent } = senderFor(new Outbox(localStorage, KEY), (p) => okAck(p, ++seq));
    await sender.flush();
    expect(sent.map((p) => p.clientId)).toEqual(ids);
    expect(sent.map((p) => p.text)).toEqual(['one', 'two', 'three']);
  });

  it('drops a message once its ack arrives', async () => {
    const outbox = new Outbox(localStorage, KEY);
    outbox.add({ text: 'hello', conversationId: null });
    const { sender } = senderFor(outbox, (p) => okAck(p, 1));
    await sender.flush();
    expect(outbox.list()).toEqual([]);
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it('keeps a message and stops sending on a retryable error, then succeeds on the next try', async () => {
    const outbox = new Outbox(localStorage, KEY);
    outbox.add({ text: 'a', conversationId: null });
    outbox.add({ text: 'b', conversationId: null });
    let down = true;
    const timers: (() => void)[] = [];
    const { sender, sent } = senderFor(
      outbox,
      (p) => (down ? { ok: false, code: 'unavailable', message: 'db down', retryable: true } : okAck(p, sent.length)),
      timers,
    );
    await sender.flush();
    expect(sent.map((p) => p.text)).toEqual(['a']);
    expect(new Outbox(localStorage, KEY).list().map((i) => [i.text, i.status])).toEqual([
      ['a', 'pending'],
      ['b', 'pending'],
    ]);
    down = false;
    timers.shift()?.();
    await sender.flush();
    expect(sent.map((p) => p.text)).toEqual(['a', 'a', 'b']);
    expect(outbox.list()).toEqual([]);
  });

  it('marks a refused message as failed, goes on with the next, and sends it again on retry', async () => {
    const outbox = new Outbox(localStorage, KEY);
    const big = outbox.add({ text: 'too big', conversationId: null });
    outbox.add({ text: 'fine', conversationId: null });
    let refuse = true;
    const { sender, sent } = senderFor(outbox, (p) =>
      refuse && p.clientId === big.clientId ? { ok: false, code: 'too_large', message: 'too large' } : okAck(p, sent.length),
    );
    await sender.flush();
    expect(outbox.list()).toMatchObject([{ clientId: big.clientId, status: 'failed', error: 'too_large' }]);
    refuse = false;
    outbox.retry(big.clientId);
    await sender.flush();
    expect(sent.map((p) => p.clientId).filter((id) => id === big.clientId)).toHaveLength(2);
    expect(outbox.list()).toEqual([]);
  });

  it('gives later messages the conversation the first ack names', async () => {
    const outbox = new Outbox(localStorage, KEY);
    outbox.add({ text: 'a', conversationId: null });
    outbox.add({ text: 'b', conversationId: null });
    const { sender, sent } = senderFor(outbox, (p) => okAck(p, sent.length));
    await sender.flush();
    expect(sent.map((p) => p.conversationId)).toEqual([null, CONVERSATION_ID]);
  });
});
