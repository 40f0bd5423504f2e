import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, ADMIN, api, Customer, freshDatabase, newTally, sleep, spawnKefu, until, type KefuProcess } from './harness';

const CUSTOMERS = 200;
const AGENTS = 20;
const MESSAGES_PER_CUSTOMER = 5;
const REPLIES_PER_CONVERSATION = 3;

let db: Awaited<ReturnType<typeof freshDatabase>>;
let a: KefuProcess;
let b: KefuProcess;

beforeAll(async () => {
  db = await freshDatabase();
  // Rate limits are per address: 200 customers from 127.0.0.1 need a larger allowance.
  const env = { KEFU_RATE_LIMIT_SCALE: '100' };
  a = await spawnKefu(db.url, env);
  b = await spawnKefu(db.url, env);
});
afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await db?.drop();
});

it('loses and duplicates no acknowledged message when one of two server processes is killed with -9 mid-traffic', async () => {
  const tally = newTally();
  const admin = (await api(a.url, '/api/auth/login', { body: ADMIN })).body.token as string;
  const team = (await api(a.url, '/api/teams', { token: admin, body: { name: 'Faults' } })).body.team.id as string;
  const site = (await api(a.url, '/api/sites', { token: admin, body: { name: 'Faults shop', defaultTeamId: team, allowedOrigins: ['*'] } })).body.site;
  const live = () => [a, b].filter((p) => p.alive()).map((p) => p.url);
  // Clients spread over both processes, as a load balancer would; a reconnect goes to the next live one.
  const spread = (i: number) => () => {
    const l = live();
    return l.length === 2 ? (i % 2 ? [b.url, a.url] : [a.url, b.url]) : l;
  };

  const agents: Agent[] = [];
  for (let i = 0; i < AGENTS; i++) {
    const email = `agent${i}@faults.local`;
    await api(a.url, '/api/users', { token: admin, body: { email, name: `Agent ${i}`, password: 'agent-password', role: 'agent', teamIds: [team], maxConcurrent: 10 } });
    const { body } = await api(a.url, '/api/auth/login', { body: { email, password: 'agent-password' } });
    const agent = new Agent(spread(i), tally, body.token, body.user.id, REPLIES_PER_CONVERSATION);
    await agent.connect();
    await api(a.url, '/api/me/presence', { method: 'PUT', token: body.token, body: { presence: 'online' } });
    agents.push(agent);
  }
  const customers = await Promise.all(Array.from({ length: CUSTOMERS }, (_, i) => Customer.open(spread(i), tally, site.key)));

  // Each customer writes its messages with small pauses; agents answer the first few of each.
  const writing = customers.map(async (c, i) => {
    for (let m = 0; m < MESSAGES_PER_CUSTOMER; m++) {
      c.send(`c:${i}:${m}`);
      await sleep(100 + Math.random() * 600);
    }
  });
  const planned = CUSTOMERS * MESSAGES_PER_CUSTOMER + CUSTOMERS * REPLIES_PER_CONVERSATION;
  await until('a third of the traffic acknowledged', () => tally.acked >= planned / 3, 60_000, 20);
  const killedAt = Date.now();
  const ackedBeforeKill = tally.acked;
  b.kill9();
  await Promise.all(writing);

  // Everything written is acknowledged in the end (outboxes drain on the survivor).
  await until('all outboxes drained', () => tally.sent === planned && [...customers, ...agents].every((p) => p.outbox.length === 0), 120_000, 100).catch(async (err: unknown) => {
    console.log(`[faults] kill -9, not drained: ${JSON.stringify(await whatIsMissing(site.id, tally, planned, customers, agents))}`);
    throw err;
  });
  const drainedAt = Date.now();

  const pool = new pg.Pool({ connectionString: db.url, max: 2 });
  const stored = (await pool.query<{ conversation_id: string; seq: number; client_id: string; text: string; author: string }>(
    `select conversation_id, seq, client_id, text, author from messages m join conversations c on c.id = m.conversation_id where c.site_id = $1 order by conversation_id, seq`,
    [site.id],
  )).rows;
  await pool.end();

  // Every acknowledged message is stored exactly once, under the seq its ack named.
  const byClientId = new Map(stored.map((r) => [r.client_id, r]));
  const textCount = new Map<string, number>();
  for (const r of stored) textCount.set(r.text, (textCount.get(r.text) ?? 0) + 1);
  const allAcked = [...customers, ...agents].flatMap((p) => p.acked);
  const lost = allAcked.filter((m) => byClientId.get(m.clientId)?.text !== m.text || byClientId.get(m.clientId)?.seq !== m.seq).length;
  const duplicated = [...textCount.values()].filter((n) => n > 1).length;

  // Each side receives the other side's messages once, in seq order, by live events and syncs alone.
  const lastSeq = new Map<string, number>();
  for (const r of stored) lastSeq.set(r.conversation_id, Math.max(lastSeq.get(r.conversation_id) ?? 0, r.seq));
  const owner = (id: string) => agents.find((ag) => (ag.views.get(id)?.lastSeq ?? 0) > 0);
  await until('every client caught up', () =>
    customers.every((c) => c.conversationId && c.views.get(c.conversationId)?.lastSeq === lastSeq.get(c.conversationId)) &&
    [...lastSeq].every(([id, seq]) => owner(id)?.views.get(id)?.lastSeq === seq), 60_000, 100);
  let delivered = 0;
  let outOfOrder = 0;
  let missing = 0;
  for (const c of customers) {
    const id = c.conversationId!;
    const rows = stored.filter((r) => r.conversation_id === id);
    const atCustomer = c.views.get(id)!.messages;
    const atAgent = owner(id)!.views.get(id)!.messages;
    for (const [view, from] of [[atAgent, 'customer'], [atCustomer, 'agent']] as const) {
      const expected = rows.filter((r) => r.author === from);
      const got = view.filter((m) => m.author === from);
      delivered += got.length;
      missing += expected.filter((r) => !got.some((m) => m.seq === r.seq && m.text === r.text)).length;
      outOfOrder += view.filter((m, k) => m.seq !== k + 1).length;
    }
    // The customer's own messages were stored in the order they were written.
    const own = rows.filter((r) => r.author === 'customer').map((r) => Number(r.text.split(':')[2]));
    outOfOrder += own.filter((n, k) => n !== k).length;
  }
  const figures = {
    processes: 2,
    killed: 1,
    customers: CUSTOMERS,
    agents: AGENTS,
    sent: tally.sent,
    acked: tally.acked,
    ackedBeforeKill,
    stored: stored.length,
    delivered,
    lost,
    missingDeliveries: missing,
    duplicated,
    outOfOrder,
    redeliveredIgnored: tally.redelivered,
    reconnects: tally.reconnects,
    refused: tally.refused,
    drainSecondsAfterKill: Math.round((drainedAt - killedAt) / 100) / 10,
  };
  console.log(`[faults] kill -9: ${JSON.stringify(figures)}`);
  customers.forEach((c) => c.close());
  agents.forEach((ag) => ag.close());

  expect(tally.errors).toEqual([]);
  expect(tally.reconnects).toBeGreaterThan(0);
  expect(stored.length).toBe(planned);
  expect(tally.acked).toBe(planned);
  expect({ lost, missing, duplicated, outOfOrder }).toEqual({ lost: 0, missing: 0, duplicated: 0, outOfOrder: 0 });
  expect(delivered).toBe(planned);
});

/**
 * What is missing when the outboxes do not drain, for the next look (it failed once in CI, 4 Dec):
 * unsent replies mean an agent never applied a customer's message — e.g. it never heard of its assignment.
 */
async function whatIsMissing(siteId: string, tally: ReturnType<typeof newTally>, planned: number, customers: Customer[], agents: Agent[]) {
  const pool = new pg.Pool({ connectionString: db.url, max: 1 });
  const { rows } = await pool.query<{ id: string; assignee_id: string | null; status: string; last_seq: number }>(
    'select id, assignee_id, status, last_seq from conversations where site_id = $1', [siteId]);
  await pool.end();
  const unopened = rows
    .filter((r) => !agents.some((ag) => ag.views.has(r.id)))
    .map((r) => ({ ...r, assigneeConnected: agents.find((ag) => ag.userId === r.assignee_id)?.socket?.connected ?? null }));
  return {
    sent: tally.sent, planned, acked: tally.acked, refused: tally.refused, errors: tally.errors.slice(0, 5),
    customersWithOutbox: customers.filter((c) => c.outbox.length).length, agentsWithOutbox: agents.filter((ag) => ag.outbox.length).length,
    customersDisconnected: customers.filter((c) => !c.socket?.connected).length, agentsDisconnected: agents.filter((ag) => !ag.socket?.connected).length,
    conversationsNoAgentOpened: unopened.slice(0, 10), conversations: rows.length,
  };
}
