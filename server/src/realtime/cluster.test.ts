import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../platform/database';
import { openDatabase } from '../platform/database';
import type { RunningServer } from '../server';
import { assignQueuedConversations } from '../routing/routing.service';
import {
  api,
  connectAgent,
  connectCustomer,
  createAgent,
  createTestDatabase,
  login,
  newClientId,
  nextEvent,
  startTestServer,
  usingPostgres,
} from '../testing/test-server';

const redisUrl = process.env.TEST_REDIS_URL;
const adapters: { name: string; env: Record<string, string>; skip: boolean }[] = [
  { name: 'PostgreSQL adapter', env: { KEFU_CLUSTER: '1' }, skip: false },
  // Many customers from 127.0.0.1 in one test: limits are counted in the shared Redis, so raise them.
  { name: 'Redis adapter', env: { REDIS_URL: redisUrl ?? '', KEFU_RATE_LIMIT_SCALE: '50' }, skip: !redisUrl },
];

// Two server processes need a real PostgreSQL (PGlite is one process by design).
describe.skipIf(!usingPostgres).each(adapters)('two server instances on one PostgreSQL, $name', ({ env, skip }) => {
  let database: OpenDatabase;
  let second: OpenDatabase;
  let a: RunningServer;
  let b: RunningServer;
  let adminToken: string;
  let teamId: string;

  beforeAll(async () => {
    if (skip) return;
    database = await createTestDatabase();
    a = await startTestServer({ database, env });
    // The second instance has its own pool, as a separate process would.
    const url = await sql<{ db: string }>`select current_database() as db`.execute(database.db);
    const u = new URL(process.env.TEST_DATABASE_URL!);
    u.pathname = `/${url.rows[0]!.db}`;
    second = await openDatabase({ databaseUrl: u.toString(), dataDir: '' });
    b = await startTestServer({ database: second, env });
    adminToken = (await login(a)).token;
    const { body } = await api(a, '/api/teams', { token: adminToken, body: { name: 'Cluster team' } });
    teamId = body.team.id;
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await second?.close();
    await database?.close();
  });

  it.skipIf(skip)('uses the adapter it was configured with', () => {
    expect(a.ctx.config.redisUrl ? 'redis' : 'postgres').toBe(env['REDIS_URL'] ? 'redis' : 'postgres');
  });

  it.skipIf(skip)('assigns each conversation to exactly one agent and nobody above capacity when both route at once', async () => {
    const { body } = await api(a, '/api/sites', { token: adminToken, body: { name: 'Busy shop', defaultTeamId: teamId } });
    const agents = await Promise.all([1, 2, 3, 4].map(() => createAgent(a, adminToken, { teamIds: [teamId], maxConcurrent: 3 })));
    const ids: string[] = [];
    const customers = [];
    for (let i = 0; i < 16; i++) {
      const c = await connectCustomer(i % 2 ? a : b, { siteKey: body.site.key });
      customers.push(c.socket);
      const ack = await c.socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: `q${i}` });
      if (!ack.ok) throw new Error(ack.message);
      ids.push(ack.message.conversationId);
    }
    await Promise.all(agents.map((ag, i) => api(i % 2 ? a : b, '/api/me/presence', { method: 'PUT', token: ag.token, body: { presence: 'online' } })));
    await Promise.all([assignQueuedConversations(a.ctx), assignQueuedConversations(b.ctx), assignQueuedConversations(a.ctx), assignQueuedConversations(b.ctx)]);

    const rows = await database.db.selectFrom('conversations').select(['id', 'assignee_id', 'status']).where('id', 'in', ids).execute();
    const perAgent = agents.map((ag) => rows.filter((r) => r.assignee_id === ag.user.id).length);
    expect(perAgent).toEqual([3, 3, 3, 3]);
    expect(rows.filter((r) => r.status === 'queued')).toHaveLength(4);
    const assignedEvents = await database.db
      .selectFrom('conversation_events')
      .select(['conversation_id', sql<number>`count(*)::int`.as('n')])
      .where('conversation_id', 'in', ids)
      .where('type', '=', 'assigned')
      .groupBy('conversation_id')
      .execute();
    expect(assignedEvents.every((e) => e.n === 1)).toBe(true);
    expect(assignedEvents).toHaveLength(12);
    customers.forEach((s) => s.close());
    await Promise.all(agents.map((ag) => api(a, '/api/me/presence', { method: 'PUT', token: ag.token, body: { presence: 'offline' } })));
  });

  it.skipIf(skip)('carries messages and typing between a customer on one instance and an agent on the other', async () => {
    const agent = await createAgent(a, adminToken, { teamIds: [teamId] });
    const customer = await connectCustomer(a, { siteKey: 'demo' });
    const first = await customer.socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: 'from A' });
    if (!first.ok) throw new Error(first.message);
    const conversationId = first.message.conversationId;
    await api(b, `/api/conversations/${conversationId}/claim`, { token: adminToken, body: {} });
    await api(b, `/api/conversations/${conversationId}/transfer`, { token: adminToken, body: { toAgentId: agent.user.id, reason: 'cluster test' } });

    const agentSocket = await connectAgent(b, agent.token);
    const sync = await agentSocket.emitWithAck('conversation:sync', { conversationId, afterSeq: 0 });
    expect(sync.ok).toBe(true);

    const atAgent = nextEvent(agentSocket, 'message:new', (m) => m.text === 'second from A');
    await customer.socket.emitWithAck('message:send', { conversationId, clientId: newClientId(), text: 'second from A' });
    expect((await atAgent).seq).toBe(2);

    const typing = nextEvent(customer.socket, 'typing');
    agentSocket.emit('typing', { conversationId, typing: true });
    await typing;

    const atCustomer = nextEvent(customer.socket, 'message:new', (m) => m.text === 'reply from B');
    await agentSocket.emitWithAck('message:send', { conversationId, clientId: newClientId(), text: 'reply from B', internal: false });
    expect((await atCustomer).seq).toBe(3);

    const update = nextEvent(customer.socket, 'conversation:updated', (c) => c.status === 'resolved');
    await api(b, `/api/conversations/${conversationId}/resolve`, { token: agent.token, body: {} });
    await update;
    customer.socket.close();
    agentSocket.close();
  });
  it.skipIf(skip)('carries typing, assignment and live-monitor updates from each instance to the other', async () => {
    // A team of its own: the queue of the other tests must not reach this agent.
    const team = (await api(a, '/api/teams', { token: adminToken, body: { name: 'Cross team' } })).body.team.id as string;
    const agent = await createAgent(a, adminToken, { teamIds: [team], maxConcurrent: 2 });
    const supervisor = await createAgent(b, adminToken, { teamIds: [team], role: 'supervisor' });
    const { body } = await api(a, '/api/sites', { token: adminToken, body: { name: 'Cross shop', defaultTeamId: team } });
    // Agent and supervisor on B, customer on A.
    const agentSocket = await connectAgent(b, agent.token);
    const monitor = await connectAgent(b, supervisor.token);
    const customer = await connectCustomer(a, { siteKey: body.site.key });

    const online = nextEvent(monitor, 'presence:updated', (p) => p.userId === agent.user.id && p.presence === 'online');
    const assigned = nextEvent(agentSocket, 'conversation:updated', (c) => c.assigneeId === agent.user.id);
    const queued = nextEvent(monitor, 'conversation:updated', (c) => c.status === 'queued' && c.teamId === team);
    const atCustomer = nextEvent(customer.socket, 'conversation:updated', (c) => c.status === 'active');
    const ack = await customer.socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: 'cross' });
    if (!ack.ok) throw new Error(ack.message);
    const conversationId = ack.message.conversationId;
    expect((await queued).id).toBe(conversationId);
    // Presence set over REST on A: routing runs on A; the assignment and the monitor update reach B.
    await api(a, '/api/me/presence', { method: 'PUT', token: agent.token, body: { presence: 'online' } });
    await online;
    expect((await assigned).id).toBe(conversationId);
    await atCustomer;

    expect((await agentSocket.emitWithAck('conversation:sync', { conversationId, afterSeq: 0 })).ok).toBe(true);
    const typingAtAgent = nextEvent(agentSocket, 'typing', (t) => t.conversationId === conversationId && t.typing);
    customer.socket.emit('typing', { conversationId, typing: true });
    await typingAtAgent;
    const atAgent = nextEvent(agentSocket, 'message:new', (m) => m.text === 'A to B');
    await customer.socket.emitWithAck('message:send', { conversationId, clientId: newClientId(), text: 'A to B' });
    expect((await atAgent).seq).toBe(2);
    const atCust = nextEvent(customer.socket, 'message:new', (m) => m.text === 'B to A');
    await agentSocket.emitWithAck('message:send', { conversationId, clientId: newClientId(), text: 'B to A', internal: false });
    expect((await atCust).seq).toBe(3);

    customer.socket.close();
    agentSocket.close();
    monitor.close();
    await api(a, '/api/me/presence', { method: 'PUT', token: agent.token, body: { presence: 'offline' } });
  });
});

