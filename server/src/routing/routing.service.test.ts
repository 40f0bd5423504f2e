import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server';
import type { OpenDatabase } from '../platform/database';
import { api, connectAgent, connectCustomer, createAgent, eventually, login, newClientId, nextEvent, type CustomerSocket, usingPostgres, useTestServer } from '../testing/test-server';
import { assignQueuedConversations, requeueUnansweredAssignments } from './routing.service';
import { ANNOUNCE_GRACE_MS, announceUnannounced } from '../conversations/announcements';

let server: RunningServer;
let database: OpenDatabase;
let adminToken: string;
let offset = 0;
const clock = () => new Date(Date.now() + offset);
const sockets: { close(): void }[] = [];

useTestServer({ clock, env: { KEFU_ASSIGN_TIMEOUT_SECONDS: '60' }, sweepMs: 60_000 }, (t) => {
  ({ server, adminToken, database } = t);
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
});

let teamSeq = 0;
async function newTeam(): Promise<string> {
  const { body } = await api(server, '/api/teams', { token: adminToken, body: { name: `Team ${++teamSeq}-${Date.now()}` } });
  return body.team.id;
}
async function newSite(teamId: string): Promise<string> {
  const { body } = await api(server, '/api/sites', { token: adminToken, body: { name: 'Shop', defaultTeamId: teamId } });
  return body.site.key;
}
async function online(token: string) {
  await api(server, '/api/me/presence', { method: 'PUT', token, body: { presence: 'online' } });
}
async function offline(token: string) {
  await api(server, '/api/me/presence', { method: 'PUT', token, body: { presence: 'offline' } });
}
async function ask(siteKey: string, text: string, visitorToken?: string): Promise<{ conversationId: string; socket: CustomerSocket; visitorToken: string }> {
  const c = await connectCustomer(server, { siteKey, ...(visitorToken ? { visitorToken } : {}) });
  sockets.push(c.socket);
  const ack = await c.socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text });
  if (!ack.ok) throw new Error(ack.message);
  return { conversationId: ack.message.conversationId, socket: c.socket, visitorToken: c.visitorToken };
}
async function conversation(id: string) {
  return (await api(server, `/api/conversations/${id}`, { token: adminToken })).body;
}
async function assigneeOf(id: string): Promise<string | null> {
  return (await conversation(id)).conversation.assigneeId;
}

beforeEach(() => {
  offset = 0;
});

describe('routing', () => {
  it('fills agents least loaded first and never above their capacity', async () => {
    const teamId = await newTeam();
    const site = await newSite(teamId);
    const agents = await Promise.all([1, 2, 3].map(() => createAgent(server, adminToken, { teamIds: [teamId], maxConcurrent: 2 })));
    const ids = [];
    for (let i = 0; i < 7; i++) ids.push((await ask(site, `q${i}`)).conversationId);
    await Promise.all(agents.map((a) => online(a.token)));
    await assignQueuedConversations(server.ctx);
    const assignees = await Promise.all(ids.map(assigneeOf));
    const counts = agents.map((a) => assignees.filter((x) => x === a.user.id).length);
    expect(counts).toEqual([2, 2, 2]);
    expect(assignees.filter((x) => x === null)).toHaveLength(1);
    // The one left is the newest: oldest first.
    expect(assignees[6]).toBeNull();
    await Promise.all(agents.map((a) => offline(a.token)));
  });

  it('reads a long queue a page at a time and still serves it in order, up to capacity', async () => {
    const teamId = await newTeam();
    const site = await newSite(teamId);
    const agents = await Promise.all([1, 2].map(() => createAgent(server, adminToken, { teamIds: [teamId], maxConcurrent: 14 })));
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push((await ask(site, `q${i}`)).conversationId);
    // One resolved while queued is passed over, not assigned.
    const resolvedId = ids[3]!;
    expect((await api(server, `/api/conversations/${resolvedId}/resolve`, { method: 'POST', token: adminToken })).status).toBe(200);
    await Promise.all(agents.map((a) => online(a.token)));
    await assignQueuedConversations(server.ctx);
    const assignees = await Promise.all(ids.map(assigneeOf));
    expect(assignees.filter((x) => x === agents[0]!.user.id)).toHaveLength(14);
    expect(assignees.filter((x) => x === agents[1]!.user.id)).toHaveLength(14);
    // Oldest first: the newest one waits; the resolved one has nobody.
    expect(ids.filter((_, i) => assignees[i] === null)).toEqual([resolvedId, ids[29]]);
    await Promise.all(agents.map((a) => offline(a.token)));
  });

  it('serves VIP customers first, then higher priority, then the oldest', async () => {
    const teamId = await newTeam();
    const site = await newSite(teamId);
    const agent = await createAgent(server, adminToken, { teamIds: [teamId], maxConcurrent: 1 });
    const plain = await ask(site, 'plain');
    const urgent = await ask(site, 'urgent');
    const vip = await ask(site, 'vip');
    await api(server, `/api/conversations/${urgent.conversationId}`, { method: 'PATCH', token: adminToken, body: { priority: 'urgent' } });
    const visitorId = (await conversation(vip.conversationId)).conversation.visitor.id;
    await server.ctx.db.updateTable('visitors').set({ vip: true }).where('id', '=', visitorId).execute();

    const queue = await api(server, '/api/conversations?view=queue', { token: agent.token });
    const order = queue.body.conversations
      .filter((c: { teamId: string }) => c.teamId === teamId)
      .sort((a: any, b: any) => a.queue.position - b.queue.position)
      .map((c: { id: string }) => c.id);
    expect(order).toEqual([vip.conversationId, urgent.conversationId, plain.conversationId]);

    await online(agent.token);
    await assignQueuedConversations(server.ctx);
    expect(await assigneeOf(vip.conversationId)).toBe(agent.user.id);
    expect(await assigneeOf(urgent.conversationId)).toBeNull();
    await offline(agent.token);
  });

  it('tells a queued customer their position live as the queue moves', async () => {
    const teamId = await newTeam();
    const site = await newSite(teamId);
    const agent = await createAgent(server, adminToken, { teamIds: [teamId], maxConcurrent: 1 });
    await ask(site, 'first');
    const second = await ask(site, 'second');
    const sync = await second.socket.emitWithAck('conversation:sync', { conversationId: second.conversationId, afterSeq: 0 });
    if (!sync.ok) throw new Error(sync.message);
    expect(sync.conversation?.queue?.position).toBe(2);
    const moved = nextEvent(second.socket, 'conversation:updated', (c) => c.queue?.position === 1);
    await online(agent.token);
    await assignQueuedConversations(server.ctx);
    expect((await moved).status).toBe('queued');
    await offline(agent.token);
  });

  it('gives a customer their place and the expected wait in the ack of their first message, as a sync would', async () => {
    const teamId = await newTeam();
    const site = await newSite(teamId);
    const agent = await createAgent(server, adminToken, { teamIds: [teamId], maxConcurrent: 1 });
    const first = await connectCustomer(server, { siteKey: site });
    const second = await connectCustomer(server, { siteKey: site });
    const third = await connectCustomer(server, { siteKey: site });
    sockets.push(first.socket, second.socket, third.socket);
    const send = async (c: typeof first, text: string) => {
      const ack = await c.socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text });
      if (!ack.ok) throw new Error(ack.message);
      return ack;
    };
    const a = await send(first, 'first in line');
    expect(a.conversation).toMatchObject({ status: 'queued', lastSeq: 1, agentName: null, queue: { position: 1, expectedWaitSeconds: null } });
    expect(a.message).toMatchObject({ seq: 1, author: 'customer', text: 'first in line' });
    expect((await send(second, 'second')).conversation.queue).toEqual({ position: 2, expectedWaitSeconds: null });
    // The team takes a minute per conversation: the first waited 60 s.
    offset = 60_000;
    await online(agent.token);
    await assignQueuedConversations(server.ctx);
    const c = await send(third, 'third');
    // Two places at the team's pace: the one conversation it served waited its minute (and whatever the test took).
    const served = (await conversation(a.conversation.id)).conversation;
    expect(served.assigneeId).toBe(agent.user.id);
    const pace = (Date.parse(served.assignedAt) - Date.parse(served.queuedAt)) / 1000;
    expect(c.conversation.queue).toEqual({ position: 2, expectedWaitSeconds: Math.round(pace * 2) });
    const sync = await third.socket.emitWithAck('conversation:sync', { conversationId: c.conversation.id, afterSeq: 0 });
    if (!sync.ok) throw new Error(sync.message);
    expect(sync.conversation).toEqual(c.conversation);
    const seen = await conversation(c.conversation.id);
    expect(seen.conversation).toMatchObject({ status: 'queued', teamId, lastMessageText: 'third', lastSeq: 1, waitingSince: seen.conversation.queuedAt });
    expect(seen.events.map((e: { type: string }) => e.type)).toEqual(['created']);
    expect(seen.messages.map((m: { text: string }) => m.text)).toEqual(['third']);
    await offline(agent.token);
  });

  it('gives a returning customer back to their previous owner', async () => {
    const teamId = await newTeam();
    const site = await newSite(teamId);
    const owner = await createAgent(server, adminToken, { teamIds: [teamId] });
    const other = await createAgent(server, adminToken, { teamIds: [teamId] });
    const first = await ask(site, 'first visit');
    await online(owner.token);
    await assignQueuedConversations(server.ctx);
    expect(await assigneeOf(first.conversationId)).toBe(owner.user.id);
    const ownerSocket = await connectAgent(server, owner.token);
    sockets.push(ownerSocket);
    await ownerSocket.emitWithAck('message:send', { conversationId: first.conversationId, clientId: newClientId(), text: 'hi', internal: false });
    await api(server, `/api/conversations/${first.conversationId}/resolve`, { token: owner.token, body: {} });

    // The other agent is idle and less loaded, but the customer returns to the owner.
    await online(other.token);
    const again = await ask(site, 'back again', first.visitorToken);
    expect(again.conversationId).not.toBe(first.conversationId);
    await assignQueuedConversations(server.ctx);
    expect(await assigneeOf(again.conversationId)).toBe(owner.user.id);
    await offline(owner.token);
    await offline(other.token);
  });

  it('reopens a resolved conversation to the same owner when the customer writes again', async () => {
    const teamId = await newTeam();
    const site = await newSite(teamId);
    const owner = await createAgent(server, adminToken, { teamIds: [teamId] });
    const other = await createAgent(server, adminToken, { teamIds: [teamId] });
    const c = await ask(site, 'question');
    await online(owner.token);
    await assignQueuedConversations(server.ctx);
    const ownerSocket = await connectAgent(server, owner.token);
    sockets.push(ownerSocket);
    await ownerSocket.emitWithAck('message:send', { conversationId: c.conversationId, clientId: newClientId(), text: 'answer', internal: false });
    await api(server, `/api/conversations/${c.conversationId}/resolve`, { token: owner.token, body: {} });
    await online(other.token);

    const ack = await c.socket.emitWithAck('message:send', { conversationId: c.conversationId, clientId: newClientId(), text: 'not fixed yet' });
    expect(ack.ok && ack.conversation.status).toBe('queued');
    await assignQueuedConversations(server.ctx);
    const detail = await conversation(c.conversationId);
    expect(detail.conversation.status).toBe('active');
    expect(detail.conversation.assigneeId).toBe(owner.user.id);
    expect(detail.events.map((e: { type: string }) => e.type)).toContain('reopened');
    await offline(owner.token);
    await offline(other.token);
  });

  it('offers an unanswered conversation to the next agent and alerts supervisors', async () => {
    const teamId = await newTeam();
    const site = await newSite(teamId);
    const slow = await createAgent(server, adminToken, { teamIds: [teamId], name: 'Slow' });
    const supervisor = await createAgent(server, adminToken, { teamIds: [], role: 'supervisor' });
    const supervisorSocket = await connectAgent(server, supervisor.token);
    sockets.push(supervisorSocket);
    await online(slow.token);
    const c = await ask(site, 'anyone?');
    await assignQueuedConversations(server.ctx);
    expect(await assigneeOf(c.conversationId)).toBe(slow.user.id);
    const next = await createAgent(server, adminToken, { teamIds: [teamId], name: 'Next' });
    await online(next.token);

    offset = 30_000;
    expect(await requeueUnansweredAssignments(server.ctx)).toBe(0);
    const alert = nextEvent(supervisorSocket, 'alert', (a) => a.conversationId === c.conversationId);
    offset = 61_000;
    // The background worker may get there first; either way it happens exactly once.
    await requeueUnansweredAssignments(server.ctx);
    expect(await alert).toMatchObject({ kind: 'assignment_timeout', agentName: 'Slow' });
    await eventually(async () => (await assigneeOf(c.conversationId)) === next.user.id);
    const detail = await conversation(c.conversationId);
    expect(detail.events.map((e: { type: string }) => e.type)).toEqual(['created', 'assigned', 'assignment_timed_out', 'assigned']);
    await offline(slow.token);
    await offline(next.token);
  });

  it('lets an agent claim from the team queue, once', async () => {
    const teamId = await newTeam();
    const site = await newSite(teamId);
    const a = await createAgent(server, adminToken, { teamIds: [teamId] });
    const b = await createAgent(server, adminToken, { teamIds: [teamId] });
    const c = await ask(site, 'claim me');
    const [ra, rb] = await Promise.all([
      api(server, `/api/conversations/${c.conversationId}/claim`, { token: a.token, body: {} }),
      api(server, `/api/conversations/${c.conversationId}/claim`, { token: b.token, body: {} }),
    ]);
    expect([ra.status, rb.status].sort()).toEqual([200, 409]);
  });

  it('keeps the owner on record through a transfer, with the reason on the trail', async () => {
    const teamId = await newTeam();
    const otherTeam = await newTeam();
    const site = await newSite(teamId);
    const first = await createAgent(server, adminToken, { teamIds: [teamId] });
    const second = await createAgent(server, adminToken, { teamIds: [teamId] });
    const c = await ask(site, 'refund please');
    await api(server, `/api/conversations/${c.conversationId}/claim`, { token: first.token, body: {} });
    const s = await connectAgent(server, first.token);
    sockets.push(s);
    await s.emitWithAck('message:send', { conversationId: c.conversationId, clientId: newClientId(), text: 'on it', internal: false });

    const t1 = await api(server, `/api/conversations/${c.conversationId}/transfer`, { token: first.token, body: { toAgentId: second.user.id, reason: '退款需要财务' } });
    expect(t1.status).toBe(200);
    expect(t1.body.conversation).toMatchObject({ assigneeId: second.user.id, ownerId: first.user.id });
    const forbidden = await api(server, `/api/conversations/${c.conversationId}/resolve`, { token: first.token, body: {} });
    expect(forbidden.status).toBe(403);

    const t2 = await api(server, `/api/conversations/${c.conversationId}/transfer`, { token: second.token, body: { toTeamId: otherTeam, reason: 'billing team' } });
    expect(t2.body.conversation).toMatchObject({ status: 'queued', teamId: otherTeam, ownerId: first.user.id });
    const detail = await conversation(c.conversationId);
    const transfers = detail.events.filter((e: { type: string }) => e.type === 'transferred');
    expect(transfers.map((e: { data: { reason: string } }) => e.data.reason)).toEqual(['退款需要财务', 'billing team']);
    const bad = await api(server, `/api/conversations/${c.conversationId}/transfer`, { token: adminToken, body: { reason: 'nowhere' } });
    expect(bad.status).toBe(400);
    // Claims and transfers were told as they committed: nothing is left for the sweep to announce.
    await eventually(async () => (await server.ctx.db.selectFrom('conversation_announcements').select('conversation_id').where('conversation_id', '=', c.conversationId).execute()).length === 0);
  });
});

describe('roles', () => {
  it('are enforced by the server, not just hidden in the portal', async () => {
    const teamId = await newTeam();
    const agent = await createAgent(server, adminToken, { teamIds: [teamId] });
    expect((await api(server, '/api/users', { token: agent.token, body: { email: 'x@y.zz', name: 'x', password: 'password1' } })).status).toBe(403);
    expect((await api(server, '/api/conversations?view=all', { token: agent.token })).status).toBe(403);
    expect((await api(server, '/api/sites', { token: agent.token })).status).toBe(403);
    expect((await api(server, '/api/conversations?view=mine')).status).toBe(401);

    const otherTeam = await newTeam();
    const site = await newSite(otherTeam);
    const c = await ask(site, 'not yours');
    expect((await api(server, `/api/conversations/${c.conversationId}`, { token: agent.token })).status).toBe(404);
    expect((await api(server, `/api/conversations/${c.conversationId}/claim`, { token: agent.token, body: {} })).status).toBe(404);
  });

  it('refuses a wrong password and a malformed login', async () => {
    expect((await api(server, '/api/auth/login', { body: { email: 'admin@test.local', password: 'nope' } })).status).toBe(401);
    const bad = await api(server, '/api/auth/login', { body: { email: 'not-an-email' } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ ok: false, code: 'bad_request' });
  });
});

describe('widget origins', () => {
  it('refuses a host page that is not among the site\'s allowed origins', async () => {
    const teamId = await newTeam();
    const { body } = await api(server, '/api/sites', { token: adminToken, body: { name: 'Strict', defaultTeamId: teamId, allowedOrigins: ['https://shop.example.com'] } });
    const ok = await api(server, '/api/widget/session', { body: { siteKey: body.site.key, hostOrigin: 'https://shop.example.com' } });
    expect(ok.status).toBe(200);
    const refused = await api(server, '/api/widget/session', { body: { siteKey: body.site.key, hostOrigin: 'https://evil.example.net' } });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('origin_not_allowed');
    await expect(connectCustomer(server, { siteKey: body.site.key, hostOrigin: 'https://evil.example.net' })).rejects.toThrow();
  });

});

describe('announcements', () => {
  it('announces an assignment whose process died between its commit and telling anyone, once', async () => {
    const teamId = await newTeam();
    const site = await newSite(teamId);
    const agent = await createAgent(server, adminToken, { teamIds: [teamId] });
    const agentSocket = await connectAgent(server, agent.token);
    sockets.push(agentSocket);
    const told = await ask(site, 'told');
    const lost = await ask(site, 'lost');
    // A normal run tells at once and leaves nothing to announce.
    await online(agent.token);
    await eventually(async () => (await assigneeOf(told.conversationId)) === agent.user.id && (await assigneeOf(lost.conversationId)) === agent.user.id);
    const pending = () => server.ctx.db.selectFrom('conversation_announcements').select('conversation_id').where('conversation_id', 'in', [told.conversationId, lost.conversationId]).execute();
    expect(await pending()).toEqual([]);
    await offline(agent.token);

    // What a process killed right after committing an assignment leaves behind: the row, untold.
    const at = new Date(Date.now() - ANNOUNCE_GRACE_MS - 1000);
    await server.ctx.db.updateTable('conversations').set({ status: 'queued', assignee_id: null }).where('id', '=', lost.conversationId).execute();
    await server.ctx.db.updateTable('conversations').set({ status: 'active', assignee_id: agent.user.id, assigned_at: at }).where('id', '=', lost.conversationId).execute();
    await server.ctx.db.insertInto('conversation_announcements').values({ conversation_id: lost.conversationId, changed_at: at }).execute();
    // One that just happened is still its own process's to tell.
    await server.ctx.db.insertInto('conversation_announcements').values({ conversation_id: told.conversationId, changed_at: new Date() }).execute();

    const atAgent = nextEvent(agentSocket, 'conversation:updated', (c) => c.id === lost.conversationId);
    const atCustomer = nextEvent(lost.socket, 'conversation:updated', (c) => c.id === lost.conversationId);
    expect(await announceUnannounced(server.ctx)).toBe(1);
    expect(await atAgent).toMatchObject({ status: 'active', assigneeId: agent.user.id });
    expect(await atCustomer).toMatchObject({ status: 'active' });
    expect(await pending()).toEqual([{ conversation_id: told.conversationId }]);
    expect(await announceUnannounced(server.ctx)).toBe(0);
    await server.ctx.db.deleteFrom('conversation_announcements').where('conversation_id', '=', told.conversationId).execute();
  });

  // Another connection holds the table, so a change that notes its announcement waits for it —
  // which shows the note is in the change's own transaction, before its commit (PostgreSQL: PGlite
  // has one connection).
  it.skipIf(!usingPostgres)('notes a claim, a transfer and a resolve for announcement inside their transactions', async () => {
    const teamId = await newTeam();
    const site = await newSite(teamId);
    const first = await createAgent(server, adminToken, { teamIds: [teamId] });
    const second = await createAgent(server, adminToken, { teamIds: [teamId] });
    const c = await ask(site, 'announce me');
    const path = `/api/conversations/${c.conversationId}`;
    const steps = [
      () => api(server, `${path}/claim`, { token: first.token, body: {} }),
      () => api(server, `${path}/transfer`, { token: first.token, body: { toAgentId: second.user.id, reason: 'shift ends' } }),
      () => api(server, `${path}/resolve`, { token: second.token, body: {} }),
    ];
    const client = await database.pool!.connect();
    try {
      for (const step of steps) {
        await client.query('begin');
        await client.query('lock table conversation_announcements in exclusive mode');
        let answered = false;
        const pending = step().finally(() => (answered = true));
        await eventually(async () => ((await client.query(
          `select 1 from pg_locks l join pg_class r on r.oid = l.relation where r.relname = 'conversation_announcements' and not l.granted`,
        )).rowCount ?? 0) > 0);
        // Still inside its transaction: no answer until the note is written and committed.
        await new Promise((r) => setTimeout(r, 200));
        expect(answered).toBe(false);
        await client.query('commit');
        expect((await pending).status).toBe(200);
      }
    } finally {
      client.release();
    }
    await eventually(async () => (await server.ctx.db.selectFrom('conversation_announcements').select('conversation_id').where('conversation_id', '=', c.conversationId).execute()).length === 0);
  });
});
