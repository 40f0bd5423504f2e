import { randomBytes } from 'node:crypto';
import { connect, type Socket as NetSocket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, ADMIN, api, Customer, freshDatabase, newTally, sleep, spawnKefu, until, type KefuProcess } from './harness';

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

/** A masked client WebSocket text frame. */
function frame(text: string): Buffer {
  const data = Buffer.from(text);
  const mask = randomBytes(4);
  const head = data.length < 126 ? Buffer.from([0x81, 0x80 | data.length]) : Buffer.from([0x81, 0x80 | 126, data.length >> 8, data.length & 255]);
  const body = Buffer.from(data.map((b, i) => b ^ mask[i % 4]!));
  return Buffer.concat([head, mask, body]);
}

/** A socket.io agent connection that opens a conversation and then never reads another byte. */
async function neverReadingAgent(url: string, token: string, conversationId: string): Promise<NetSocket & { ask(): void }> {
  const { port } = new URL(url);
  const s = connect(Number(port), '127.0.0.1');
  await new Promise((r) => s.once('connect', r));
  s.write(`GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
  await new Promise((r) => s.once('data', r));
  let got = '';
  const onData = (d: Buffer) => (got += d.toString('latin1'));
  s.on('data', onData);
  s.write(frame(`40/agent,${JSON.stringify({ token })}`));
  await until('slow agent connected', () => got.includes('40/agent,{"sid"'), 10_000, 20);
  s.write(frame(`42/agent,1${JSON.stringify(['conversation:sync', { conversationId, afterSeq: 0 }])}`));
  await until('slow agent joined the conversation', () => got.includes('43/agent,1['), 10_000, 20);
  s.off('data', onData);
  s.pause(); // from here on nothing is read: the kernel buffers fill, then the server's
  let n = 2;
  // Each ask is the whole history again (about 1 MB): what a client that asks and never reads costs the server.
  const ask = () => void (!s.destroyed && s.write(frame(`42/agent,${n++}${JSON.stringify(['conversation:sync', { conversationId, afterSeq: 0 }])}`)));
  return Object.assign(s, { ask });
}

it('drops a socket that never reads instead of buffering for it, without slowing the other agents or growing memory without bound', async () => {
  const tally = newTally();
  const urls = () => [kefu.url];
  const admin = (await api(kefu.url, '/api/auth/login', { body: ADMIN })).body.token as string;
  const team = (await api(kefu.url, '/api/teams', { token: admin, body: { name: 'Slow' } })).body.team.id as string;
  const site = (await api(kefu.url, '/api/sites', { token: admin, body: { name: 'Slow shop', defaultTeamId: team, allowedOrigins: ['*'] } })).body.site;
  await api(kefu.url, '/api/users', { token: admin, body: { email: 's@faults.local', name: 'S', password: 'agent-password', role: 'agent', teamIds: [team] } });
  const { body: login } = await api(kefu.url, '/api/auth/login', { body: { email: 's@faults.local', password: 'agent-password' } });
  const agent = new Agent(urls, tally, login.token, login.user.id, 0);
  await agent.connect();
  await api(kefu.url, '/api/me/presence', { method: 'PUT', token: login.token, body: { presence: 'online' } });
  const customer = await Customer.open(urls, tally, site.key);
  customer.send('start');
  await until('assigned', () => customer.conversationId && agent.views.get(customer.conversationId)?.lastSeq === 1);
  const id = customer.conversationId!;

  // A long history (250 messages of 4,000 characters, about 1 MB), stored directly.
  const sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
  await sql.query(`insert into messages (conversation_id, seq, client_id, author, author_id, internal, text) select $1, s, 'hist-' || s, 'agent', $2, false, repeat('h', 4000) from generate_series(2, 251) s`, [id, login.user.id]);
  await sql.query('update conversations set last_seq = 251 where id = $1', [id]);
  await sql.end();
  agent.views.get(id)!.lastSeq = 251; // the normal agent has read it

  const slow = await neverReadingAgent(kefu.url, admin, id);
  let slowClosed = false;
  slow.on('close', () => (slowClosed = true)).on('error', () => {});
  const rssBefore = kefu.rssMb();
  let peakRss = rssBefore;
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, kefu.rssMb())), 100);

  // For up to 10 s the slow socket asks for the history every 100 ms (100 MB if the server buffered it all),
  // while the customer writes 40 messages and the normal agent's latency is measured.
  const latencies: number[] = [];
  const sentAt = new Map<string, number>();
  agent.socket!.on('message:new', (m: { text: string }) => {
    const t = sentAt.get(m.text);
    if (t) latencies.push(Date.now() - t);
  });
  let asks = 0;
  const asking = (async () => {
    const end = Date.now() + 10_000;
    while (Date.now() < end && !slow.destroyed && !kefu.output().includes('closing a slow consumer')) {
      slow.ask();
      asks++;
      await sleep(100);
    }
  })();
  for (let i = 0; i < 40; i++) {
    const text = `live-${i}`;
    sentAt.set(text, Date.now());
    const ack = await customer.socket!.emitWithAck('message:send', { conversationId: id, clientId: `live-message-${i}`, text });
    expect(ack.ok).toBe(true);
    await sleep(100);
  }
  await asking;
  await until('the normal agent got every live message', () => latencies.length >= 40, 30_000);
  clearInterval(rssTimer);
  const sorted = [...latencies].sort((x, y) => x - y);
  const p50 = sorted[Math.floor(sorted.length * 0.5)]!;
  const p99 = sorted[Math.floor(sorted.length * 0.99)]!;
  // Reading now shows whether the server hung up on the slow socket.
  slow.resume();
  slow.on('data', () => {});
  await until('the slow socket was closed by the server', () => slowClosed, 20_000);
  const guardFired = kefu.output().includes('closing a slow consumer');
  console.log(`[faults] slow consumer: ${JSON.stringify({ asksOf1MbHistory: asks, liveMessages: 40, normalAgentP50Ms: p50, normalAgentP99Ms: p99, rssBeforeMb: rssBefore, rssPeakMb: peakRss, guardFired, slowSocketClosed: slowClosed })}`);
  expect(guardFired).toBe(true);
  expect(slowClosed).toBe(true);
  expect(peakRss - rssBefore).toBeLessThan(100);
  expect(p99).toBeLessThan(2000);
  customer.close();
  agent.close();
});
