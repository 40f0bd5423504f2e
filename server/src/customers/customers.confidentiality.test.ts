import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server';
import { api, connectAgent, connectCustomer, createAgent, newClientId, type CustomerSocket, useTestServer } from '../testing/test-server';

let server: RunningServer;
let adminToken: string;
let secret: string;
let teamId: string;
const tokens: Record<'agent' | 'supervisor' | 'manager' | 'admin', string> = { agent: '', supervisor: '', manager: '', admin: '' };
const ids: Record<string, string> = {};
const sockets: CustomerSocket[] = [];

useTestServer({}, (t) => ({ server, adminToken } = t));
afterAll(() => sockets.forEach((s) => s.close()));

/** An identified customer with a conversation (customer + agent messages) and a complaint with contact data. */
async function seedCustomer(externalId: string) {
  const hash = createHmac('sha256', secret).update(externalId).digest('hex');
  const s = await api(server, '/api/widget/session', {
    body: { siteKey: 'demo', hostOrigin: server.url, identity: { id: externalId, name: '张三', email: 'zhang@example.com', phone: '13812345678', hash } },
  });
  const { socket, visitorToken, visitorId } = await connectCustomer(server, { visitorToken: s.body.visitorToken });
  sockets.push(socket);
  const ack = await socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: '我的电话是 13812345678' });
  if (!ack.ok) throw new Error(ack.message);
  const conversationId = ack.message.conversationId;
  await api(server, `/api/conversations/${conversationId}/claim`, { token: adminToken, body: {} });
  const agentSocket = await connectAgent(server, adminToken);
  await agentSocket.emitWithAck('message:send', { conversationId, clientId: newClientId(), text: '您好，我来帮您', internal: false });
  agentSocket.close();
  const complaint = await api(server, '/api/widget/complaints', {
    body: { siteKey: 'demo', visitorToken, hostOrigin: server.url, category: 'delivery', description: '快递没到，请打 13812345678', phone: '13812345678', email: 'zhang@example.com' },
  });
  expect(complaint.status).toBe(201);
  const profile = await api(server, `/api/customers/by-visitor/${visitorId}`, { token: adminToken });
  return { visitorId, visitorToken, conversationId, customerId: profile.body.profile.customer.id as string, complaintId: profile.body.profile.complaints[0].id as string };
}

let seeded: Awaited<ReturnType<typeof seedCustomer>>;
beforeAll(async () => {
  const sites = await api(server, '/api/sites', { token: adminToken });
  const demoId = sites.body.sites.find((s: { key: string }) => s.key === 'demo').id;
  secret = (await api(server, `/api/sites/${demoId}/identity-secret`, { token: adminToken })).body.identitySecret;
  teamId = (await api(server, '/api/teams', { token: adminToken })).body.teams.find((t: { name: string }) => t.name === 'Support').id;
  for (const role of ['agent', 'supervisor', 'manager'] as const) {
    const a = await createAgent(server, adminToken, { teamIds: [teamId], role });
    tokens[role] = a.token;
    ids[role] = a.user.id;
  }
  tokens.admin = adminToken;
  seeded = await seedCustomer('crm-1');
});

const auditOf = (action: string, targetId: string) =>
  server.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action as never).where('target_id', '=', targetId).execute();

describe('masking', () => {
  it.each(['agent', 'supervisor', 'manager', 'admin'] as const)('masks phone and email for the %s role in customer, conversation and complaint responses', async (role) => {
    const token = tokens[role];
    const profile = await api(server, `/api/customers/${seeded.customerId}`, { token });
    expect(profile.status).toBe(200);
    expect(profile.body.profile.customer).toMatchObject({ phone: '138****5678', email: 'z***@example.com' });
    const list = await api(server, '/api/customers?q=zhang', { token });
    expect(list.body.customers[0]).toMatchObject({ phone: '138****5678', email: 'z***@example.com' });
    const conversation = await api(server, `/api/conversations/${seeded.conversationId}`, { token });
    expect(JSON.stringify(conversation.body)).not.toContain('zhang@example.com');
    expect(conversation.body.conversation.visitor.email).toBe('z***@example.com');
    if (role !== 'agent') {
      const complaint = await api(server, `/api/complaints/${seeded.complaintId}`, { token });
      expect(complaint.body.complaint).toMatchObject({ contactPhone: '138****5678', contactEmail: 'z***@example.com' });
      const board = await api(server, '/api/complaints', { token });
      // Free text (the description) is the customer's own words and is not rewritten; contact fields are.
      expect(board.body.complaints.find((c: { id: string }) => c.id === seeded.complaintId)).toMatchObject({ contactPhone: '138****5678', contactEmail: 'z***@example.com' });
    }
  });

  it('finds customers by a part of the phone number, name, email or external id', async () => {
    for (const q of ['5678', '张', 'zhang@', 'crm-1']) {
      const r = await api(server, `/api/customers?q=${encodeURIComponent(q)}`, { token: adminToken });
      expect(r.body.customers.map((c: { id: string }) => c.id)).toContain(seeded.customerId);
    }
  });
});

describe('reveal', () => {
  it('refuses roles without customers.reveal and writes nothing to the audit log', async () => {
    for (const role of ['agent', 'supervisor'] as const) {
      const r = await api(server, `/api/customers/${seeded.customerId}/reveal`, { token: tokens[role], body: { field: 'phone' } });
      expect(r.status).toBe(403);
    }
    expect(await auditOf('customer.revealed', seeded.customerId)).toEqual([]);
  });

  it('returns the value for a manager and records who revealed what, when and from where', async () => {
    const r = await api(server, `/api/customers/${seeded.customerId}/reveal`, { token: tokens.manager, body: { field: 'phone' } });
    expect(r.body).toEqual({ ok: true, field: 'phone', value: '13812345678' });
    const email = await api(server, `/api/customers/${seeded.customerId}/reveal`, { token: tokens.manager, body: { field: 'email' } });
    expect(email.body.value).toBe('zhang@example.com');
    const entries = await auditOf('customer.revealed', seeded.customerId);
    expect(entries.map((e) => e.detail)).toEqual([{ field: 'phone' }, { field: 'email' }]);
    expect(entries[0]).toMatchObject({ actor_id: ids.manager, target_type: 'customer' });
    expect(entries[0]?.ip).toMatch(/127\.0\.0\.1|::1/);
    expect(entries[0]?.at).toBeInstanceOf(Date);
  });

  it('refuses a field that cannot be revealed', async () => {
    const r = await api(server, `/api/customers/${seeded.customerId}/reveal`, { token: adminToken, body: { field: 'password' } });
    expect(r.status).toBe(400);
  });
});

describe('data subject requests', () => {
  it('exports every row of the customer, unmasked, as a JSON file, only with data.export, and audits it', async () => {
    expect((await api(server, `/api/customers/${seeded.customerId}/export`, { token: tokens.agent, body: {} })).status).toBe(403);
    const res = await fetch(`${server.url}/api/customers/${seeded.customerId}/export`, { method: 'POST', headers: { authorization: `Bearer ${tokens.manager}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="customer-${seeded.customerId}.json"`);
    const { export: data } = (await res.json()) as { export: any };
    expect(data.customer).toMatchObject({ id: seeded.customerId, external_id: 'crm-1', email: 'zhang@example.com', phone: '13812345678' });
    expect(data.visitors.map((v: { id: string }) => v.id)).toEqual([seeded.visitorId]);
    expect(data.conversations.map((c: { id: string }) => c.id)).toEqual([seeded.conversationId]);
    expect(data.messages.map((m: { text: string }) => m.text)).toEqual(['我的电话是 13812345678', '您好，我来帮您']);
    expect(data.complaints[0]).toMatchObject({ id: seeded.complaintId, contact_phone: '13812345678' });
    const audit = await auditOf('customer.exported', seeded.customerId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: ids.manager, detail: { conversations: 1, messages: 2, complaints: 1 } });
  });

  it('erases the personal fields on delete (customers.delete only), keeps message rows for statistics, and audits it', async () => {
    const other = await seedCustomer('crm-2');
    expect((await api(server, `/api/customers/${other.customerId}`, { method: 'DELETE', token: tokens.manager })).status).toBe(403);
    const del = await api(server, `/api/customers/${other.customerId}`, { method: 'DELETE', token: adminToken });
    expect(del.body).toEqual({ ok: true, erased: { customers: 1, visitors: 1, messages: 1, complaints: 1, files: 0 } });

    const profile = (await api(server, `/api/customers/${other.customerId}`, { token: adminToken })).body.profile;
    expect(profile.customer).toMatchObject({ name: null, email: null, phone: null, externalId: null, verified: false, tags: [] });
    expect(profile.customer.erasedAt).not.toBeNull();
    expect(profile.conversations).toHaveLength(1);
    const messages = await server.ctx.db.selectFrom('messages').select(['author', 'text']).where('conversation_id', '=', other.conversationId).orderBy('seq').execute();
    expect(messages).toEqual([{ author: 'customer', text: '[erased]' }, { author: 'agent', text: '您好，我来帮您' }]);
    const complaint = await server.ctx.db.selectFrom('complaints').selectAll().where('id', '=', other.complaintId).executeTakeFirstOrThrow();
    expect(complaint).toMatchObject({ customer_name: null, contact_phone: null, contact_email: null, description: '[erased]' });
    const events = await server.ctx.db.selectFrom('complaint_events').select('text').where('complaint_id', '=', other.complaintId).where('actor_id', 'is', null).execute();
    expect(JSON.stringify(events)).not.toContain('13812345678');
    const visitor = await server.ctx.db.selectFrom('visitors').select(['name', 'email']).where('id', '=', other.visitorId).executeTakeFirstOrThrow();
    expect(visitor).toEqual({ name: null, email: null });
    // The device's token no longer opens that visitor.
    const again = await api(server, '/api/widget/session', { body: { siteKey: 'demo', hostOrigin: server.url, visitorToken: other.visitorToken } });
    expect(again.body.visitorId).not.toBe(other.visitorId);
    const audit = await auditOf('customer.deleted', other.customerId);
    expect(audit[0]).toMatchObject({ actor_id: (await api(server, '/api/me', { token: adminToken })).body.user.id, detail: { customers: 1, messages: 1 } });
    // Nothing in the export of the erased customer still names them.
    const exported = await api(server, `/api/customers/${other.customerId}/export`, { token: adminToken, body: {} });
    expect(JSON.stringify(exported.body)).not.toMatch(/13812345678|zhang@example\.com|张三|crm-2/);
  });
});

describe('profile edits', () => {
  it('lets an agent tag a customer, set the region and VIP (copied to the visitor for routing) and add notes', async () => {
    const patch = await api(server, `/api/customers/${seeded.customerId}`, { method: 'PATCH', token: tokens.agent, body: { tags: ['退货', '退货', '老客户'], region: '北京', vip: true } });
    expect(patch.body.customer).toMatchObject({ tags: ['退货', '老客户'], region: '北京', vip: true });
    const visitor = await server.ctx.db.selectFrom('visitors').select('vip').where('id', '=', seeded.visitorId).executeTakeFirstOrThrow();
    expect(visitor.vip).toBe(true);
    const note = await api(server, `/api/customers/${seeded.customerId}/notes`, { token: tokens.agent, body: { body: '喜欢电话联系' } });
    expect(note.status).toBe(201);
    expect(note.body.notes[0]).toMatchObject({ body: '喜欢电话联系', authorId: ids.agent });
  });

  it('hides customers from agents of other teams (not found, not forbidden)', async () => {
    const team = await api(server, '/api/teams', { token: adminToken, body: { name: 'Elsewhere' } });
    const outsider = await createAgent(server, adminToken, { teamIds: [team.body.team.id] });
    expect((await api(server, `/api/customers/${seeded.customerId}`, { token: outsider.token })).status).toBe(404);
    expect((await api(server, '/api/customers?q=zhang', { token: outsider.token })).body.customers).toEqual([]);
  });
});
