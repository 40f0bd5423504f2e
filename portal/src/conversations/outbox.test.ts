import { describe, expect, it, vi } from 'vitest';
import type { AgentSocket } from '../api/agent-socket';
import { aMessage } from '../test-fixtures';
import { Outbox } from './outbox';

/** A socket edge that records emits and lets the test answer acks. */
function fakeSocket(connected: boolean) {
  const emits: { payload: { clientId: string }; ack: (a: unknown) => void }[] = [];
  const socket = { connected, emit: (_e: string, payload: { clientId: string }, ack: (a: unknown) => void) => emits.push({ payload, ack }) };
  return { socket: socket as unknown as AgentSocket, emits };
}

describe('Outbox', () => {
  it('keeps a message until acknowledged and resends it with the same clientId after a reconnect', () => {
    const outbox = new Outbox();
    const { socket, emits } = fakeSocket(true);
    outbox.send(socket, { conversationId: 'c1', clientId: 'client-aaaa', text: 'hi', internal: false });
    expect(outbox.list('c1')[0]?.status).toBe('sending');
    outbox.resendAll(socket); // connection dropped before the ack; reconnected
    expect(emits.map((e) => e.payload.clientId)).toEqual(['client-aaaa', 'client-aaaa']);
    const acked = vi.fn();
    outbox.onAcked(acked);
    emits[1]!.ack({ ok: true, message: aMessage(7, { conversationId: 'c1', clientId: 'client-aaaa' }) });
    expect(outbox.list('c1')).toEqual([]);
    expect(acked).toHaveBeenCalledOnce();
  });

  it('waits for the connection instead of emitting while offline', () => {
    const outbox = new Outbox();
    const { socket, emits } = fakeSocket(false);
    outbox.send(socket, { conversationId: 'c1', clientId: 'client-bbbb', text: 'hi', internal: true });
    expect(emits).toHaveLength(0);
    expect(outbox.list('c1')).toHaveLength(1);
  });

  it('marks a refused message as failed with the reason', () => {
    const outbox = new Outbox();
    const { socket, emits } = fakeSocket(true);
    outbox.send(socket, { conversationId: 'c1', clientId: 'client-cccc', text: 'hi', internal: false });
    emits[0]!.ack({ ok: false, code: 'forbidden', message: 'claim the conversation first' });
    expect(outbox.list('c1')[0]).toMatchObject({ status: 'failed', error: 'claim the conversation first' });
  });
});
