import * as crypto from 'node:crypto';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningServer } from '../src/server';
import { api, connectCustomer, newClientId, useTestServer, type CustomerSocket } from '../src/testing/test-server';

// Count the constant-time comparisons the identity check makes (the real function still runs).
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return { ...real, timingSafeEqual: vi.fn(real.timingSafeEqual) };
});
const { verifyIdentityHash } = await import('../src/customers/customers.identity');

let server: RunningServer;
let adminToken: string;
let demoSecret: string;
let otherSecret: string;
const sockets: CustomerSocket[] = [];
useTestServer({ env: { KEFU_RATE_LIMIT_SCALE: '0' } }, (t) => ({ server, adminToken } = t));
beforeAll(async () => {
  const sites = await api(server, '/api/sites', { token: adminToken });
  const demoId = sites.body.sites.find((s: { key: string }) => s.key === 'demo').id;
  demoSecret = (await api(server, `/api/sites/${demoId}/identity-secret`, { token: adminToken })).body.identitySecret;
  const other = await api(server, '/api/sites', { token: adminToken, body: { name: 'Foreign shop', allowedOrigins: ['*'] } });
  otherSecret = (await api(server, `/api/sites/${other.body.site.id}/identity-secret`, { token: adminToken })).body.identitySecret;
});
afterAll(() => sockets.forEach((s) => s.close()));

const hmac = (secret: string, id: string) => createHmac('sha256', secret).update(id).digest('hex');
const session = async (identity?: unknown) =>
  (await api(server, '/api/widget/session', { body: { siteKey: 'demo', hostOrigin: server.url, ...(identity === undefined ? {} : { identity }) } })).body as { visitorId: string; visitorToken: string; identified: boolean };

async function socketOf(visitorToken: string): Promise<CustomerSocket> {
  const { socket } = await connectCustomer(server, { visitorToken });
  sockets.push(socket);
  return socket;
}

describe('identity', () => {
  it('compares every identity hash with crypto.timingSafeEqual, once, whatever its shape, and accepts only the right one', () => {
    const spy = vi.mocked(crypto.timingSafeEqual);
    const good = hmac(demoSecret, 'user-1');
    const cases: [string, string | undefined, boolean][] = [
      ['right', good, true],
      ['right, upper case', good.toUpperCase(), true],
      ['one character off', good.slice(0, 63) + (good[63] === '0' ? '1' : '0'), false],
      ['blank', '', false],
      ['missing', undefined, false],
      ['too short', good.slice(0, 32), false],
      ['not hex', 'z'.repeat(64), false],
      ['another site’s secret', hmac(otherSecret, 'user-1'), false],
      ['another id’s hash', hmac(demoSecret, 'user-2'), false],
    ];
    for (const [what, hash, ok] of cases) {
      spy.mockClear();
      expect(verifyIdentityHash(demoSecret, 'user-1', hash), what).toBe(ok);
      expect(spy, what).toHaveBeenCalledTimes(1);
    }
  });

  it('keeps a session with a wrong, blank or foreign hash anonymous, with no access to the verified customer’s history', async () => {
    const victim = await session({ id: 'vip-7', email: 'wang@example.com', hash: hmac(demoSecret, 'vip-7') });
    expect(victim.identified).toBe(true);
    const victimSocket = await socketOf(victim.visitorToken);
    const ack = await victimSocket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: 'VICTIM order 9001' });
    if (!ack.ok) throw new Error(ack.message);

    for (const hash of ['0'.repeat(64), '', hmac(otherSecret, 'vip-7'), hmac(demoSecret, 'vip-8'), hmac(demoSecret, 'vip-7').slice(1)]) {
      const attacker = await session({ id: 'vip-7', email: 'wang@example.com', hash });
      expect(attacker.identified).toBe(false);
      expect(attacker.visitorId).not.toBe(victim.visitorId);
      const s = await socketOf(attacker.visitorToken);
      const latest = await s.emitWithAck('conversation:sync', { conversationId: null, afterSeq: 0 });
      expect(latest).toEqual({ ok: true, conversation: null, messages: [] });
      expect(await s.emitWithAck('conversation:sync', { conversationId: ack.message.conversationId, afterSeq: 0 })).toMatchObject({ ok: false, code: 'not_found' });
      s.close();
    }
  });

  it('gives an anonymous visitor who types an existing customer’s email in the offline or complaint form a separate unverified contact that sees none of that customer’s history', async () => {
    const known = await session({ id: 'shop-user-77', email: 'zhao@example.com', hash: hmac(demoSecret, 'shop-user-77') });
    const knownSocket = await socketOf(known.visitorToken);
    const knownAck = await knownSocket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: 'KNOWN private order' });
    if (!knownAck.ok) throw new Error(knownAck.message);
    const knownComplaint = await api(server, '/api/widget/complaints', { body: { siteKey: 'demo', visitorToken: known.visitorToken, hostOrigin: server.url, category: 'product', description: 'KNOWN complaint', email: 'zhao@example.com' } });
    expect(knownComplaint.status).toBe(201);

    const stranger = await session();
    const strangerSocket = await socketOf(stranger.visitorToken);
    // The offline form: a message with the other customer's email; the complaint form: the same email.
    const offline = await strangerSocket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: 'call me back', email: 'zhao@example.com' });
    if (!offline.ok) throw new Error(offline.message);
    const filed = await api(server, '/api/widget/complaints', { body: { siteKey: 'demo', visitorToken: stranger.visitorToken, hostOrigin: server.url, category: 'product', description: 'stranger complaint', email: 'zhao@example.com' } });
    expect(filed.status).toBe(201);

    const strangerProfile = (await api(server, `/api/customers/by-visitor/${stranger.visitorId}`, { token: adminToken })).body.profile;
    const knownProfile = (await api(server, `/api/customers/by-visitor/${known.visitorId}`, { token: adminToken })).body.profile;
    expect(strangerProfile.customer).toMatchObject({ verified: false, externalId: null });
    expect(strangerProfile.customer.id).not.toBe(knownProfile.customer.id);
    expect(knownProfile.conversations.map((c: { id: string }) => c.id)).toEqual([knownAck.message.conversationId]);

    // What the stranger's widget can reach: only its own conversation and complaint.
    const latest = await strangerSocket.emitWithAck('conversation:sync', { conversationId: null, afterSeq: 0 });
    expect(latest.ok && latest.messages.map((m) => m.text)).toEqual(['call me back']);
    expect(await strangerSocket.emitWithAck('conversation:sync', { conversationId: knownAck.message.conversationId, afterSeq: 0 })).toMatchObject({ ok: false, code: 'not_found' });
    const mine = await fetch(`${server.url}/api/widget/complaints?siteKey=demo&hostOrigin=${encodeURIComponent(server.url)}`, { headers: { authorization: `Bearer ${stranger.visitorToken}` } });
    const text = await mine.text();
    expect(mine.status).toBe(200);
    expect(text).toContain(filed.body.number);
    expect(text).not.toContain(knownComplaint.body.number);
    expect(text).not.toMatch(/KNOWN/);
  });
});
