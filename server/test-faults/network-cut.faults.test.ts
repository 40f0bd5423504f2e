import { afterAll, beforeAll, expect, it } from 'vitest';
import pg from 'pg';
import { Agent, ADMIN, api, Customer, freshDatabase, newTally, oneWayProxy, spawnKefu, until, type KefuProcess } from './harness';

let db: Awaited<ReturnType<typeof freshDatabase>>;
let kefu: KefuProcess;
let proxy: Awaited<ReturnType<typeof oneWayProxy>>;

beforeAll(async () => {
  db = await freshDatabase();
  // A short heartbeat so that a silent connection is noticed in about 2 s instead of 40 s.
  kefu = await spawnKefu(db.url, { KEFU_PING_INTERVAL_MS: '1000', KEFU_PING_TIMEOUT_MS: '1000' });
  proxy = await oneWayProxy({ host: '127.0.0.1', port: Number(new URL(kefu.url).port) });
});
afterAll(async () => {
  await proxy?.close();
  await kefu?.stop();
  await db?.drop();
});

it('notices a network that silently drops server→client traffic, reconnects once it heals, and loses or duplicates nothing', async () => {
  const tally = newTally();
  const admin = (await api(kefu.url, '/api/auth/login', { body: ADMIN })).body.token as string;
  const team = (await api(kefu.url, '/api/teams', { token: admin, body: { name: 'Cut' } })).body.team.id as string;
  const site = (await api(kefu.url, '/api/sites', { token: admin, body: { name: 'Cut shop', defaultTeamId: team, allowedOrigins: ['*'] } })).body.site;
  await api(kefu.url, '/api/users', { token: admin, body: { email: 'cut@faults.local', name: 'Cut', password: 'agent-password', role: 'agent', teamIds: [team] } });
  const { body: login } = await api(kefu.url, '/api/auth/login', { body: { email: 'cut@faults.local', password: 'agent-password' } });
  const agent = new Agent(() => [kefu.url], tally, login.token, login.user.id, 0);
  await agent.connect();
  await api(kefu.url, '/api/me/presence', { method: 'PUT', token: login.token, body: { presence: 'online' } });

  // The widget reaches the server only through the proxy.
  const customer = await Customer.open(() => [proxy.url], tally, site.key);
  customer.send('c:0');
  await until('first message assigned', () => customer.conversationId && agent.views.get(customer.conversationId)?.lastSeq === 1);
  const id = customer.conversationId!;

  // The cut: server→client bytes vanish; client→server still flows, so messages arrive but acks do not.
  proxy.dropServerToClient(true);
  const cutAt = Date.now();
  for (let i = 1; i <= 5; i++) customer.send(`c:${i}`);
  for (let i = 0; i < 5; i++) agent.send(`a:${i}`, id);
  await until('the widget noticed the silent connection (ping timeout)', () => tally.reconnects > 0, 30_000, 50);
  const noticedMs = Date.now() - cutAt;
  await until('agent replies stored', () => agent.outbox.length === 0);

  proxy.dropServerToClient(false);
  const healedAt = Date.now();
  await until('outbox drained and caught up on both sides', () => customer.outbox.length === 0 && customer.views.get(id)?.lastSeq === 11 && agent.views.get(id)?.lastSeq === 11, 60_000, 50);
  const resyncedMs = Date.now() - healedAt;

  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const stored = (await client.query<{ seq: number; text: string }>('select seq, text from messages where conversation_id = $1 order by seq', [id])).rows;
  await client.end();
  const texts = stored.map((m) => m.text);
  const duplicates = texts.length - new Set(texts).size;
  console.log(`[faults] one-way cut (server→client dropped): ${JSON.stringify({ noticedMs, resyncedAfterHealMs: resyncedMs, droppedBytes: proxy.dropped(), reconnects: tally.reconnects, stored: stored.length, duplicates, lost: 11 - new Set(texts).size })}`);

  expect(texts.filter((t) => t.startsWith('c:')).sort()).toEqual(['c:0', 'c:1', 'c:2', 'c:3', 'c:4', 'c:5']);
  expect(texts.filter((t) => t.startsWith('a:'))).toEqual(['a:0', 'a:1', 'a:2', 'a:3', 'a:4']);
  expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
  expect(duplicates).toBe(0);
  // The widget shows exactly what is stored, in order.
  expect(customer.views.get(id)!.messages.map((m) => m.text)).toEqual(texts);
  expect(proxy.dropped()).toBeGreaterThan(0);
  expect(noticedMs).toBeLessThan(10_000);
  expect(tally.errors).toEqual([]);
  customer.close();
  agent.close();
});
