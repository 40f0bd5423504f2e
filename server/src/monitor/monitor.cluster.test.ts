import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TMonitorSnapshot } from '@kefu/shared';
import { openDatabase, type OpenDatabase } from '../platform/database';
import type { RunningServer } from '../server';
import { api, connectAgent, connectCustomer, createAgent, createTestDatabase, login, newClientId, nextEvent, startTestServer, usingPostgres } from '../testing/test-server';

// Two server processes need a real PostgreSQL (PGlite is one process by design).
describe.skipIf(!usingPostgres)('live monitor across two server instances', () => {
  let database: OpenDatabase;
  let second: OpenDatabase;
  let a: RunningServer;
  let b: RunningServer;
  let adminToken: string;
  // No periodic refresh during the test: only the announcement between the instances can bring the updates.
  const env = { KEFU_CLUSTER: '1', KEFU_MONITOR_REFRESH_SECONDS: '3600' };

  beforeAll(async () => {
    database = await createTestDatabase();
    a = await startTestServer({ database, env });
    const name = (await sql<{ db: string }>`select current_database() as db`.execute(database.db)).rows[0]!.db;
    const u = new URL(process.env.TEST_DATABASE_URL!);
    u.pathname = `/${name}`;
    second = await openDatabase({ databaseUrl: u.toString(), dataDir: '' });
    b = await startTestServer({ database: second, env });
    adminToken = (await login(a)).token;
  }, 180_000); // two servers on a fresh database
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await second?.close();
    await database?.close();
  });

  it('pushes to a supervisor on one instance what happens on the other (presence, a queued conversation)', async () => {
    const teamId = (await api(a, '/api/teams', { token: adminToken, body: { name: 'Cluster monitor' } })).body.team.id as string;
    const siteKey = (await api(a, '/api/sites', { token: adminToken, body: { name: 'Cluster monitor shop', defaultTeamId: teamId } })).body.site.key as string;
    const agent = await createAgent(a, adminToken, { teamIds: [teamId] });
    const supervisor = await createAgent(a, adminToken, { teamIds: [teamId], role: 'supervisor' });
    await api(a, '/api/me/presence', { method: 'PUT', token: agent.token, body: { presence: 'online' } });

    const watcher = await connectAgent(b, supervisor.token);
    const ack = await watcher.emitWithAck('monitor:subscribe', {});
    if (!ack.ok) throw new Error(ack.message);
    expect(ack.snapshot.agents.find((x) => x.id === agent.user.id)?.presence).toBe('online');

    // The agent goes offline through instance A; nobody watches on A, the watcher is on B.
    const offline = nextEvent<TMonitorSnapshot>(watcher, 'monitor:snapshot', (s) => s.agents.some((x) => x.id === agent.user.id && x.presence === 'offline'));
    await api(a, '/api/me/presence', { method: 'PUT', token: agent.token, body: { presence: 'offline' } });
    await offline;

    const queued = nextEvent<TMonitorSnapshot>(watcher, 'monitor:snapshot', (s) => s.teams.some((t) => t.teamId === teamId && t.queued === 1));
    const customer = await connectCustomer(a, { siteKey });
    const sent = await customer.socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: 'from instance A' });
    expect(sent.ok).toBe(true);
    const snapshot = await queued;
    expect(snapshot.waiting.some((w) => w.lastMessageText === 'from instance A')).toBe(true);
    customer.socket.close();
    watcher.close();
  });
});
