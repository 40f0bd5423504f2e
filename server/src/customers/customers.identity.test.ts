import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server';
import { api, connectCustomer, newClientId, type CustomerSocket, useTestServer } from '../testing/test-server';
import { verifyIdentityHash } from './customers.identity';

let server: RunningServer;
let adminToken: string;
let demoSecret: string;
let otherSecret: string;
const sockets: CustomerSocket[] = [];

useTestServer({}, (t) => ({ server, adminToken } = t));
beforeAll(async () => {
  const sites = await api(server, '/api/sites', { token: adminToken });
  const demoId = sites.body.sites.find((s: { key: string }) => s.key === 'demo').id;
  demoSecret = (await api(server, `/api/sites/${demoId}/identity-secret`, { token: adminToken })).body.identitySecret;
  const other = await api(server, '/api/sites', { token: adminToken, body: { name: 'Other shop', allowedOrigins: ['*'] } });
  otherSecret = (await api(server, `/api/sites/${other.body.site.id}/identity-secret`, { token: adminToken })).body.identitySecret;
});
afterAll(() => sockets.forEach((s) => s.close()));

const hmac = (secret: string, id: string) => createHmac('sha256', secret).update(id).digest('hex');

/** Opens a widget session with the given identity (and an existing visitor token, if any). */
async function session(identity: unknown, visitorToken?: string) {
  const r = await api(server, '/api/widget/session', { body: { siteKey: 'demo', hostOrigin: server.url, identity, ...(visitorToken ? { visitorToken } : {}) } });
  expect(r.status).toBe(200);
  return r.body as { visitorId: string; visitorToken: string; identified: boolean };
}

async function profileOfVisitor(visitorId: string) {
  const r = await api(server, `/api/customers/by-visitor/${visitorId}`, { token: adminToken });
  expect(r.status).toBe(200);
  return r.body.profile;
}

/** A visitor writes one message (starting a conversation); returns the conversation id. */
async function write(visitorToken: string, extra: { email?: string } = {}): Promise<string> {
  const { socket } = await connectCustomer(server, { visitorToken });
  sockets.push(socket);
  const ack = await socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: '你好', ...extra });
  if (!ack.ok) throw new Error(ack.message);
  return ack.message.conversationId;
}

describe('Kefu.identify with an HMAC', () => {
  it('makes a new anonymous visitor its own unverified customer in its first session, and keeps it when the visitor comes back', async () => {
    const s = await session(undefined);
    expect(s.identified).toBe(false);
    const row = () => server.ctx.db.selectFrom('visitors as v').innerJoin('customers as c', 'c.id', 'v.customer_id').select(['v.customer_id', 'c.verified', 'c.external_id', 'c.site_id']).where('v.id', '=', s.visitorId).executeTakeFirst();
    const first = await row();
    expect(first).toMatchObject({ customer_id: s.visitorId, verified: false, external_id: null });
    const again = await session(undefined, s.visitorToken);
    expect(again.visitorId).toBe(s.visitorId);
    expect(await row()).toEqual(first);
    const { customer } = await profileOfVisitor(s.visitorId);
    expect(customer).toMatchObject({ id: s.visitorId, verified: false });
  });

  it('links a visitor with a valid hash to the verified customer, with the host fields and masked contact data', async () => {
    const s = await session({ id: 'shop-user-1', name: '王伟', email: 'wang@example.com', phone: '13812345678', vip: true, region: '上海', tags: ['gold'], hash: hmac(demoSecret, 'shop-user-1') });
    expect(s.identified).toBe(true);
    const { customer } = await profileOfVisitor(s.visitorId);
    expect(customer).toMatchObject({ externalId: 'shop-user-1', verified: true, name: '王伟', email: 'w***@example.com', phone: '138****5678', vip: true, region: '上海', tags: ['gold'] });
  });

  it.each([
    ['a wrong hash', { id: 'shop-user-2', name: 'Mallory', hash: 'ab'.repeat(32) }],
    ['no hash', { id: 'shop-user-2', name: 'Mallory', hash: undefined }],
    ['a blank hash', { id: 'shop-user-2', name: 'Mallory', hash: '' }],
    ['a hash made for another id (replayed)', { id: 'shop-user-2', name: 'Mallory', hash: '' }],
    ["a hash made with another site's secret", { id: 'shop-user-2', name: 'Mallory', hash: '' }],
  ])('ignores the identified fields given %s: the visitor stays anonymous', async (label, given) => {
    const identity: { id: string; name: string; hash?: string } = { ...given };
    if (label.includes('replayed')) identity.hash = hmac(demoSecret, 'shop-user-1');
    if (label.includes('another site')) identity.hash = hmac(otherSecret, 'shop-user-2');
    const s = await session(identity);
    expect(s.identified).toBe(false);
    const { customer } = await profileOfVisitor(s.visitorId);
    expect(customer).toMatchObject({ externalId: null, verified: false, name: null, vip: false });
    const search = await api(server, '/api/customers?q=shop-user-2', { token: adminToken });
    expect(search.body.customers).toEqual([]);
  });

  it('cannot claim another customer’s history with a replayed hash', async () => {
    const owner = await session({ id: 'shop-user-3', hash: hmac(demoSecret, 'shop-user-3') });
    await write(owner.visitorToken);
    const thief = await session({ id: 'shop-user-3', hash: hmac(demoSecret, 'shop-user-4') });
    expect(thief.identified).toBe(false);
    expect((await profileOfVisitor(thief.visitorId)).conversations).toEqual([]);
    expect((await profileOfVisitor(owner.visitorId)).conversations).toHaveLength(1);
  });

  it('merges the anonymous conversations of this device into the profile when the visitor is identified', async () => {
    const first = await session({ id: 'shop-user-5', hash: hmac(demoSecret, 'shop-user-5') });
    const earlier = await write(first.visitorToken);
    const device = await session(undefined);
    const anonymous = await write(device.visitorToken);
    const anonymousCustomerId = (await profileOfVisitor(device.visitorId)).customer.id;

    const identified = await session({ id: 'shop-user-5', hash: hmac(demoSecret, 'shop-user-5') }, device.visitorToken);
    expect(identified).toMatchObject({ identified: true, visitorId: device.visitorId, visitorToken: device.visitorToken });
    const profile = await profileOfVisitor(device.visitorId);
    expect(profile.customer.externalId).toBe('shop-user-5');
    expect(profile.conversations.map((c: { id: string }) => c.id).sort()).toEqual([earlier, anonymous].sort());
    expect((await api(server, `/api/customers/${anonymousCustomerId}`, { token: adminToken })).status).toBe(404);
  });

  it('gives a device already identified as someone else a new visitor, so neither history moves', async () => {
    const a = await session({ id: 'shop-user-6', hash: hmac(demoSecret, 'shop-user-6') });
    await write(a.visitorToken);
    const b = await session({ id: 'shop-user-7', hash: hmac(demoSecret, 'shop-user-7') }, a.visitorToken);
    expect(b.identified).toBe(true);
    expect(b.visitorId).not.toBe(a.visitorId);
    expect(b.visitorToken).not.toBe(a.visitorToken);
    expect((await profileOfVisitor(a.visitorId)).customer.externalId).toBe('shop-user-6');
    expect((await profileOfVisitor(a.visitorId)).conversations).toHaveLength(1);
    expect((await profileOfVisitor(b.visitorId)).conversations).toEqual([]);
  });

  it('gives an anonymous visitor who types an existing customer’s email a separate unverified contact', async () => {
    const known = await session({ id: 'shop-user-8', email: 'li@example.com', hash: hmac(demoSecret, 'shop-user-8') });
    const knownConversation = await write(known.visitorToken);
    const stranger = await session(undefined);
    const strangerConversation = await write(stranger.visitorToken, { email: 'li@example.com' });
    const strangerProfile = await profileOfVisitor(stranger.visitorId);
    expect(strangerProfile.customer).toMatchObject({ verified: false, externalId: null, email: 'l***@example.com' });
    expect(strangerProfile.conversations.map((c: { id: string }) => c.id)).toEqual([strangerConversation]);
    const knownProfile = await profileOfVisitor(known.visitorId);
    expect(knownProfile.customer.id).not.toBe(strangerProfile.customer.id);
    expect(knownProfile.conversations.map((c: { id: string }) => c.id)).toEqual([knownConversation]);
  });

  it('stops accepting hashes made with the old secret once an admin rotates it', async () => {
    const sites = await api(server, '/api/sites', { token: adminToken });
    const demoId = sites.body.sites.find((s: { key: string }) => s.key === 'demo').id;
    const rotated = await api(server, `/api/sites/${demoId}/identity-secret/rotate`, { token: adminToken, body: {} });
    expect(rotated.status).toBe(200);
    expect((await session({ id: 'shop-user-9', hash: hmac(demoSecret, 'shop-user-9') })).identified).toBe(false);
    demoSecret = rotated.body.identitySecret;
    expect((await session({ id: 'shop-user-9', hash: hmac(demoSecret, 'shop-user-9') })).identified).toBe(true);
  });
});

describe('verifyIdentityHash', () => {
  it('accepts only the exact hex HMAC of the id, in either letter case', () => {
    const h = hmac('s3cret', 'u1');
    expect(verifyIdentityHash('s3cret', 'u1', h)).toBe(true);
    expect(verifyIdentityHash('s3cret', 'u1', h.toUpperCase())).toBe(true);
    expect(verifyIdentityHash('s3cret', 'u2', h)).toBe(false);
    expect(verifyIdentityHash('other', 'u1', h)).toBe(false);
    expect(verifyIdentityHash('s3cret', 'u1', h.slice(0, 62))).toBe(false);
    expect(verifyIdentityHash('s3cret', 'u1', undefined)).toBe(false);
    expect(verifyIdentityHash('s3cret', 'u1', `${h}00`)).toBe(false);
  });
});
