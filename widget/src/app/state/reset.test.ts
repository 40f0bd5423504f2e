import { describe, expect, it } from 'vitest';
import type { TFrameMessage } from '../host/host-messages';
import type { TEndSession, TStartSession } from '../transport/session-api';
import { testConfig } from '../transport/customer-connection.fake';
import { testController } from './test-controller';

const VISITOR = '22222222-2222-4222-8222-222222222222';

/** A session API answering with `tokens` in turn; `hold` keeps the next answer until released. */
function sessions(tokens: string[]) {
  const bodies: Parameters<TStartSession>[0][] = [];
  let release: (() => void) | null = null;
  const api = {
    bodies,
    hold: false,
    release: () => release?.(),
    start: (async (body) => {
      bodies.push(body);
      const visitorToken = tokens[Math.min(bodies.length - 1, tokens.length - 1)] as string;
      if (api.hold) await new Promise<void>((r) => (release = r));
      return { ok: true, session: { visitorToken, visitorId: VISITOR, config: testConfig() } };
    }) as TStartSession,
  };
  return api;
}

function controllerWith(start: TStartSession) {
  const ended: string[] = [];
  const toHost: TFrameMessage[] = [];
  const endSession: TEndSession = async (b) => void ended.push(b.visitorToken);
  const { controller, conn } = testController({ startSession: start, endSession, postToHost: (m) => void toHost.push(m) });
  return { controller, conn, ended, toHost };
}

describe('Kefu.reset in the widget app', () => {
  it('forgets the visitor, their conversation and unsent messages, revokes the token, and starts the next person afresh', async () => {
    // identify opens the session again (same visitor); the reset's new session is another.
    const api = sessions(['token-1', 'token-1', 'token-3']);
    const { controller, conn, ended, toHost } = controllerWith(api.start);
    controller.setOpen(true);
    await expect.poll(() => controller.store.get().phase).toBe('ready');
    conn.open();
    controller.identify({ id: 'user-42', hash: 'ab'.repeat(32) });
    await expect.poll(() => api.bodies.length).toBe(2);
    controller.send('my card number');
    await expect.poll(() => controller.store.get().messages.length).toBe(1);
    conn.drop();
    controller.send('and my address');
    expect(controller.store.get().outbox).toHaveLength(1);

    controller.reset();
    expect(ended).toEqual(['token-1']);
    expect(conn.closed).toBe(1);
    expect(localStorage.getItem('kefu:visitor:site-1')).not.toBe('token-1');
    expect(localStorage.getItem('kefu:outbox:site-1')).toBeNull();
    expect(controller.store.get()).toMatchObject({ conversation: null, messages: [], outbox: [], identity: null, unread: 0 });
    expect(toHost).toContainEqual({ kefu: 'reset' });
    // Still open: a new anonymous session, without the old token or identity.
    await expect.poll(() => api.bodies.length).toBe(3);
    expect(api.bodies[2]).not.toHaveProperty('visitorToken');
    expect(api.bodies[2]).not.toHaveProperty('identity');
    await expect.poll(() => localStorage.getItem('kefu:visitor:site-1')).toBe('token-3');
  });

  it('does not let a session asked for before the reset bring the old visitor back', async () => {
    const api = sessions(['token-1']);
    const { controller, ended } = controllerWith(api.start);
    api.hold = true;
    const started = controller.start();
    controller.reset();
    api.release();
    await started;
    expect(localStorage.getItem('kefu:visitor:site-1')).toBeNull();
    expect(ended).toEqual(['token-1']);
    expect(controller.store.get().phase).toBe('idle');
  });

  it('clears what is on screen when another tab reset the visitor (the server refuses the old token)', async () => {
    const api = sessions(['token-1', 'token-2']);
    const { controller, conn } = controllerWith(api.start);
    await controller.start();
    conn.open();
    controller.send('hello');
    await expect.poll(() => controller.store.get().conversation).not.toBeNull();
    localStorage.removeItem('kefu:visitor:site-1');
    conn.handlers?.unauthenticated();
    await expect.poll(() => conn.auth?.visitorToken).toBe('token-2');
    expect(conn.reconnects).toBe(1);
    expect(controller.store.get()).toMatchObject({ conversation: null, messages: [] });
  });
});
