import { afterAll, beforeAll, expect, it } from 'vitest';
import pg from 'pg';
import { ADMIN, api, Customer, freshDatabase, newTally, spawnKefu, until, type KefuProcess } from './harness';

let db: Awaited<ReturnType<typeof freshDatabase>>;
let kefu: KefuProcess;

beforeAll(async () => {
  db = await freshDatabase();
  kefu = await spawnKefu(db.url, { KEFU_RATE_LIMIT_SCALE: '0' });
});
afterAll(async () => {
  await kefu?.stop();
  await db?.drop();
});

const CLIENTS = 50;
/** "Offline for T" as what arrives meanwhile: one agent message every 5 s in each conversation. */
const OFFLINE = [
  { label: 'warm-up (not reported)', missed: 1 },
  { label: '5 s', missed: 1 },
  { label: '2 min', missed: 24 },
  { label: '1 h', missed: 720 },
];

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

it('catches 50 widgets up after 5 s, 2 min and 1 h offline (1, 24 and 720 missed messages each), all at once, in order', async () => {
  const tally = newTally();
  const admin = (await api(kefu.url, '/api/auth/login', { body: ADMIN })).body.token as string;
  const me = (await api(kefu.url, '/api/me', { token: admin })).body.user.id as string;
  const team = (await api(kefu.url, '/api/teams', { token: admin, body: { name: 'Catch-up' } })).body.team.id as string;
  const site = (await api(kefu.url, '/api/sites', { token: admin, body: { name: 'Catch-up shop', defaultTeamId: team, allowedOrigins: ['*'] } })).body.site;
  const urls = () => [kefu.url];
  const customers = await Promise.all(Array.from({ length: CLIENTS }, () => Customer.open(urls, tally, site.key)));
  for (const c of customers) c.send('hello');
  await until('every first message acked', () => customers.every((c) => c.conversationId && c.views.get(c.conversationId)?.lastSeq === 1));

  // The first ack and its echo overlap by design, and an echo may land after the ack: count
  // redeliveries from the end of the warm-up round on, when nothing of the first messages is in flight.
  let redeliveredBefore = tally.redelivered;
  const sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
  const results: Record<string, { missedPerClient: number; p50Ms: number; p99Ms: number; maxMs: number }> = {};
  try {
    for (const { label, missed } of OFFLINE) {
      for (const c of customers) c.goOffline();
      // What the agent wrote meanwhile, stored as the write path stores it (gap-free seq, last_seq advanced).
      await sql.query('begin');
      for (const c of customers) {
        const from = c.views.get(c.conversationId!)!.lastSeq + 1;
        await sql.query(
          `insert into messages (conversation_id, seq, client_id, author, author_id, internal, text, created_at)
           select $1, s, 'catch-up-' || s, 'agent', $2, false, $4 || ' #' || s || ' ' || repeat('x', 80), now() from generate_series($3::int, $3::int + $5::int - 1) s`,
          [c.conversationId, me, from, label, missed],
        );
        await sql.query('update conversations set last_seq = $2 where id = $1', [c.conversationId, from + missed - 1]);
      }
      await sql.query('commit');
      const target = new Map(customers.map((c) => [c, c.views.get(c.conversationId!)!.lastSeq + missed]));

      // All come back at once (the office Wi-Fi returns); each is timed from its reconnect to its last missed message.
      const times: number[] = [];
      await Promise.all(customers.map(async (c) => {
        const start = Date.now();
        await c.goOnline();
        await until(`caught up after ${label}`, () => c.views.get(c.conversationId!)!.lastSeq >= target.get(c)!, 60_000, 5);
        times.push(Date.now() - start);
      }));
      times.sort((a, b) => a - b);
      if (label.startsWith('warm-up')) redeliveredBefore = tally.redelivered;
      if (!label.startsWith('warm-up')) results[label] = { missedPerClient: missed, p50Ms: pct(times, 0.5), p99Ms: pct(times, 0.99), maxMs: times.at(-1)! };
      for (const c of customers) {
        const seqs = c.views.get(c.conversationId!)!.messages.map((m) => m.seq);
        expect(seqs).toEqual(Array.from({ length: target.get(c)! }, (_, i) => i + 1));
      }
    }
  } finally {
    await sql.end();
  }
  console.log(`[faults] catch-up after offline, ${CLIENTS} clients reconnecting at once (1 agent message / 5 s / conversation): ${JSON.stringify(results)}; redelivered during catch-up ${tally.redelivered - redeliveredBefore}`);
  expect(tally.errors).toEqual([]);
  expect(tally.redelivered - redeliveredBefore).toBe(0);
  for (const c of customers) c.close();
});
