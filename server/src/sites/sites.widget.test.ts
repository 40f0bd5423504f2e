import { io } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { CUSTOMER_NAMESPACE } from '@kefu/shared';
import type { RunningServer } from '../server';
import { api, connected, createAgent, type CustomerSocket, newClientId, useTestServer } from '../testing/test-server';

let server: RunningServer;
let admin: string;
const sockets: { close(): void }[] = [];

useTestServer({ sweepMs: 3_600_000 }, (t) => {
  ({ server, adminToken: admin } = t);
});
afterAll(() => sockets.forEach((s) => s.close()));

const newTeam = async (name: string): Promise<string> => (await api(server, '/api/teams', { token: admin, body: { name: `${name} ${Date.now()}` } })).body.team.id;
const newSite = async (defaultTeamId: string | null): Promise<string> =>
  (await api(server, '/api/sites', { token: admin, body: { name: 'Shop', defaultTeamId } })).body.site.key;
const presence = (token: string, p: 'online' | 'offline') => api(server, '/api/me/presence', { method: 'PUT', token, body: { presence: p } });
const config = async (siteKey: string) => (await api(server, `/api/widget/config?siteKey=${siteKey}`)).body.config;
const session = async (siteKey: string, visitorToken?: string) =>
  (await api(server, '/api/widget/session', { body: { siteKey, hostOrigin: server.url, ...(visitorToken ? { visitorToken } : {}) } })).body;
/** The handshake alone, with whatever token: resolves on connect, rejects with the server's error. */
async function handshake(siteKey: string, visitorToken: string): Promise<CustomerSocket> {
  const socket: CustomerSocket = io(server.url + CUSTOMER_NAMESPACE, { transports: ['websocket'], auth: { siteKey, visitorToken, hostOrigin: server.url }, forceNew: true, reconnection: false });
  sockets.push(socket);
  await connected(socket);
  return socket;
}

describe('the widget\'s site, visitor and availability', () => {
  it('says someone can answer only when an agent of the site\'s default team is online (any agent for a site without one)', async () => {
    const support = await newTeam('Support');
    const other = await newTeam('Other');
    const withTeam = await newSite(support);
    const withoutTeam = await newSite(null);
    const member = await createAgent(server, admin, { teamIds: [support] });
    const outsider = await createAgent(server, admin, { teamIds: [other] });
    expect(await config(withTeam)).toMatchObject({ agentsOnline: false });
    await presence(outsider.token, 'online');
    expect(await config(withTeam)).toMatchObject({ agentsOnline: false });
    expect(await config(withoutTeam)).toMatchObject({ agentsOnline: true });
    await presence(member.token, 'online');
    expect(await config(withTeam)).toMatchObject({ agentsOnline: true, siteName: 'Shop' });
    expect((await session(withTeam)).config).toMatchObject({ agentsOnline: true });
    await presence(member.token, 'offline');
    await presence(outsider.token, 'offline');
    expect((await session(withTeam)).config).toMatchObject({ agentsOnline: false });
    expect(await config(withoutTeam)).toMatchObject({ agentsOnline: false });
  });

  it('resumes a visitor only on their own site, and lets their socket in only there', async () => {
    const a = await newSite(null);
    const b = await newSite(null);
    const first = await session(a);
    const resumed = await session(a, first.visitorToken);
    expect(resumed).toMatchObject({ ok: true, visitorId: first.visitorId, visitorToken: first.visitorToken });
    const elsewhere = await session(b, first.visitorToken);
    expect(elsewhere.ok).toBe(true);
    expect(elsewhere.visitorId).not.toBe(first.visitorId);
    expect(elsewhere.visitorToken).not.toBe(first.visitorToken);

    await expect(handshake(b, first.visitorToken)).rejects.toMatchObject({ data: { code: 'unauthenticated' } });
    await expect(handshake('no-such-site', first.visitorToken)).rejects.toMatchObject({ data: { code: 'not_found' } });
    await expect(handshake(a, 'not-a-token')).rejects.toMatchObject({ data: { code: 'unauthenticated' } });
    const socket = await handshake(a, first.visitorToken);
    const sync = await socket.emitWithAck('conversation:sync', { conversationId: null, afterSeq: 0 });
    expect(sync).toMatchObject({ ok: true, conversation: null, messages: [] });
  });

  it('ends a visitor\'s session on Kefu.reset: their open socket closes, the old token opens nothing, agents keep the conversation', async () => {
    const a = await newSite(null);
    const b = await newSite(null);
    const first = await session(a);
    const bystander = await session(a);
    const socket = await handshake(a, first.visitorToken);
    const sent = await socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: 'my order number is 12345' });
    expect(sent.ok).toBe(true);
    const conversationId = sent.ok ? sent.conversation.id : '';
    const end = (body: unknown) => api(server, '/api/widget/session/end', { body });

    // Bad input is refused and changes nothing; another site's key or an unknown token end nothing.
    expect((await end({ siteKey: a })).body).toMatchObject({ ok: false, code: 'bad_request' });
    expect((await end({ siteKey: a, visitorToken: 'x'.repeat(129) })).body).toMatchObject({ ok: false, code: 'bad_request' });
    expect((await end({ siteKey: b, visitorToken: first.visitorToken })).body).toEqual({ ok: true });
    expect((await end({ siteKey: a, visitorToken: 'not-a-token' })).body).toEqual({ ok: true });
    expect(socket.connected).toBe(true);
    expect(await session(a, first.visitorToken)).toMatchObject({ visitorId: first.visitorId });

    const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    expect((await end({ siteKey: a, visitorToken: first.visitorToken })).body).toEqual({ ok: true });
    expect(await closed).toBe('io server disconnect');
    await expect(handshake(a, first.visitorToken)).rejects.toMatchObject({ data: { code: 'unauthenticated' } });
    const next = await session(a, first.visitorToken);
    expect(next.visitorId).not.toBe(first.visitorId);
    expect(next.visitorToken).not.toBe(first.visitorToken);
    const fresh = await handshake(a, next.visitorToken);
    expect(await fresh.emitWithAck('conversation:sync', { conversationId: null, afterSeq: 0 })).toMatchObject({ ok: true, conversation: null, messages: [] });
    // Twice is the same as once; someone else's session is untouched.
    expect((await end({ siteKey: a, visitorToken: first.visitorToken })).body).toEqual({ ok: true });
    expect(await session(a, bystander.visitorToken)).toMatchObject({ visitorId: bystander.visitorId });
    const seen = await api(server, `/api/conversations/${conversationId}`, { token: admin });
    expect(seen.status).toBe(200);
    expect(seen.body.conversation).toMatchObject({ id: conversationId, lastMessageText: 'my order number is 12345' });
  });
});
