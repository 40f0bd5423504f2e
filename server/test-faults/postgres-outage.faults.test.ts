import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, ADMIN, api, Customer, freshDatabase, newTally, sleep, spawnKefu, tcpProxy, until, type KefuProcess } from './harness';

// PostgreSQL is shared with other work on this machine: the outage is a cut TCP proxy between Kefu and it.
let db: Awaited<ReturnType<typeof freshDatabase>>;
let proxy: Awaited<ReturnType<typeof tcpProxy>>;
let kefu: KefuProcess;

beforeAll(async () => {
  db = await freshDatabase();
  proxy = await tcpProxy({ host: '127.0.0.1', port: Number(new URL(db.url).port || 5432) });
  const viaProxy = new URL(db.url);
  viaProxy.host = `127.0.0.1:${proxy.port}`;
  kefu = await spawnKefu(viaProxy.toString(), { KEFU_RATE_LIMIT_SCALE: '20' });
});
afterAll(async () => {
  if (kefu && !kefu.alive()) console.log(`[faults] the server died:\n${kefu.output().slice(-3000)}`);
  await kefu?.stop();
  await proxy?.close();
  await db?.drop();
});

it('stays up through a PostgreSQL outage, refuses writes with a retryable error, recovers by itself and loses nothing', async () => {
  const tally = newTally();
  const urls = () => [kefu.url];
  const admin = (await api(kefu.url, '/api/auth/login', { body: ADMIN })).body.token as string;
  const team = (await api(kefu.url, '/api/teams', { token: admin, body: { name: 'Outage' } })).body.team.id as string;
  const site = (await api(kefu.url, '/api/sites', { token: admin, body: { name: 'Outage shop', defaultTeamId: team, allowedOrigins: ['*'] } })).body.site;
  await api(kefu.url, '/api/users', { token: admin, body: { email: 'o@faults.local', name: 'O', password: 'agent-password', role: 'agent', teamIds: [team], maxConcurrent: 30 } });
  const { body: agentLogin } = await api(kefu.url, '/api/auth/login', { body: { email: 'o@faults.local', password: 'agent-password' } });
  const agent = new Agent(urls, tally, agentLogin.token, agentLogin.user.id, 2);
  await agent.connect();
  await api(kefu.url, '/api/me/presence', { method: 'PUT', token: agentLogin.token, body: { presence: 'online' } });
  const customers = await Promise.all(Array.from({ length: 20 }, () => Customer.open(urls, tally, site.key)));
  customers.forEach((c, i) => c.send(`c:${i}:0`));
  await until('first messages acknowledged', () => tally.acked >= 20);

  // Cut the database. The process stays up and says so on /healthz.
  const cutAt = Date.now();
  proxy.cut();
  await until('/healthz reports 503', async () => (await fetch(`${kefu.url}/healthz`)).status === 503, 15_000);
  const unhealthyAfterMs = Date.now() - cutAt;
  // A write now is refused with a retryable `unavailable` error, and never acknowledged.
  const probe = customers[0]!.socket!;
  const refused = (await probe.timeout(15_000).emitWithAck('message:send', { conversationId: customers[0]!.conversationId ?? null, clientId: 'outage-probe-000', text: 'during outage' })) as { ok: boolean; code?: string; retryable?: boolean };
  expect(refused).toMatchObject({ ok: false, code: 'unavailable', retryable: true });
  // REST answers 503 with the same structured error, not a 500.
  const rest = await api(kefu.url, '/api/conversations', { token: admin });
  expect(rest.status).toBe(503);
  expect(rest.body).toMatchObject({ ok: false, code: 'unavailable', retryable: true });
  // Customers keep writing into their outboxes meanwhile.
  customers.forEach((c, i) => c.send(`c:${i}:1`));
  await sleep(3000);
  expect(kefu.alive()).toBe(true);

  const restoredAt = Date.now();
  proxy.restore();
  await until('/healthz is healthy again', async () => (await fetch(`${kefu.url}/healthz`)).ok, 30_000, 50);
  const recoveryMs = Date.now() - restoredAt;
  customers.forEach((c, i) => c.send(`c:${i}:2`));
  const planned = 20 * 3 + 20 * 2;
  await until('outboxes drained', () => tally.sent === planned && [agent, ...customers].every((p) => p.outbox.length === 0), 60_000);
  const drainedMs = Date.now() - restoredAt;

  const pool = new pg.Pool({ connectionString: db.url, max: 1 });
  const rows = (await pool.query<{ client_id: string; text: string }>(`select client_id, text from messages`)).rows;
  await pool.end();
  const allAcked = [agent, ...customers].flatMap((p) => p.acked);
  const lost = allAcked.filter((m) => !rows.some((r) => r.client_id === m.clientId && r.text === m.text)).length;
  const texts = new Set(rows.map((r) => r.text));
  const duplicated = rows.length - texts.size;
  const figures = { sent: tally.sent, acked: tally.acked, stored: rows.length, lost, duplicated, refusedWhileDown: tally.refused, probeStored: rows.some((r) => r.client_id === 'outage-probe-000'), unhealthyAfterMs, recoveryMs, drainedMs, downMs: restoredAt - cutAt };
  console.log(`[faults] PostgreSQL outage: ${JSON.stringify(figures)}`);
  [agent, ...customers].forEach((p) => p.close());

  expect(tally.errors).toEqual([]);
  expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
  expect(rows.length).toBe(planned);
  expect(figures.probeStored).toBe(false);
  expect(recoveryMs).toBeLessThan(10_000);
});
