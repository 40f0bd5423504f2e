import { describe, expect, it } from 'vitest';
import type { TStartSession } from '../transport/session-api';
import { testConfig } from '../transport/customer-connection.fake';
import { testController } from './test-controller';

type TBody = Parameters<TStartSession>[0];

/** A session API that records its bodies and answers with `tokens` in turn. */
function recordingSession(tokens: string[]) {
  const bodies: TBody[] = [];
  const start: TStartSession = async (body) => {
    bodies.push(body);
    const visitorToken = tokens[Math.min(bodies.length - 1, tokens.length - 1)] as string;
    return { ok: true, session: { visitorToken, visitorId: '22222222-2222-4222-8222-222222222222', config: testConfig() } };
  };
  return { bodies, start };
}

const controllerWith = (start: TStartSession) => testController({ startSession: start });

describe('Kefu.identify in the widget app', () => {
  it('sends an identity with an id and hash to the server, opening the session again when it is already open', async () => {
    const session = recordingSession(['token-1']);
    const { controller } = controllerWith(session.start);
    await controller.start();
    expect(session.bodies[0]?.identity).toBeUndefined();
    controller.identify({ id: 'user-42', name: 'Wang', hash: 'ab'.repeat(32) });
    await expect.poll(() => session.bodies.length).toBe(2);
    expect(session.bodies[1]).toMatchObject({ visitorToken: 'token-1', identity: { id: 'user-42', name: 'Wang', hash: 'ab'.repeat(32) } });
  });

  it('keeps a name/email-only identify as a form prefill that is never sent', async () => {
    const session = recordingSession(['token-1']);
    const { controller } = controllerWith(session.start);
    await controller.start();
    controller.identify({ name: 'Amy', email: 'amy@example.com' });
    await controller.start();
    expect(session.bodies).toHaveLength(1);
    expect(controller.store.get().identity).toEqual({ name: 'Amy', email: 'amy@example.com' });
  });

  it('opens the session again when identify arrives while the first one is being opened', async () => {
    const session = recordingSession(['token-1']);
    const { controller } = controllerWith(session.start);
    const started = controller.start();
    controller.identify({ id: 'user-42', hash: 'cd'.repeat(32) });
    await started;
    expect(session.bodies.map((b) => b.identity)).toEqual([undefined, { id: 'user-42', hash: 'cd'.repeat(32) }]);
  });

  it('reconnects with the new token and clears the view when the server switches to another visitor', async () => {
    const session = recordingSession(['token-1', 'token-2']);
    const { controller, conn } = controllerWith(session.start);
    await controller.start();
    conn.open();
    controller.identify({ id: 'user-7', hash: 'ef'.repeat(32) });
    await expect.poll(() => conn.auth?.visitorToken).toBe('token-2');
    expect(conn.reconnects).toBe(1);
    expect(localStorage.getItem('kefu:visitor:site-1')).toBe('token-2');
    expect(controller.store.get().conversation).toBeNull();
  });
});
