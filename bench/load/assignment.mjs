#!/usr/bin/env node
// Assignment latency: with --queued conversations waiting (default 1,000) and one online agent of
// capacity 1, the agent resolves their conversation (frees capacity) --rounds times; each round
// measures the time from sending the resolve to the agent's socket hearing of its next assignment.
//   node bench/load/assignment.mjs [--queued 1000] [--rounds 100] [--server-dir other/server]
import { parseArgs } from 'node:util';
import { clientId, fmt, now, requireFromServer, summarize, watchProcess } from './lib.mjs';
import { api, dbUrl, freePort, freshDatabase, startServer } from './server-process.mjs';

const { io } = requireFromServer('socket.io-client');
const { values: args } = parseArgs({ options: { queued: { type: 'string', default: '1000' }, rounds: { type: 'string', default: '100' }, 'cpu-prof': { type: 'string' }, 'server-dir': { type: 'string' } } });
const QUEUED = Number(args.queued);
const ROUNDS = Number(args.rounds);

const connect = (url, auth) =>
  new Promise((resolve, reject) => {
    const s = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, auth });
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });

async function queueConversation(url) {
  const res = await fetch(`${url}/api/widget/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ siteKey: 'demo', hostOrigin: url }),
  });
  const { visitorToken } = await res.json();
  const s = await connect(`${url}/customer`, { siteKey: 'demo', visitorToken, hostOrigin: url });
  const ack = await s.emitWithAck('message:send', { conversationId: null, clientId: clientId('q'), text: 'waiting in the queue' });
  s.disconnect();
  if (!ack.ok) throw new Error(JSON.stringify(ack));
}

const drop = await freshDatabase('kefu_bench_assign');
const server = await startServer('kefu', await freePort(), dbUrl('kefu_bench_assign'), { cpuProf: args['cpu-prof'], serverDir: args['server-dir'] });
try {
  const { url } = server;
  const { token: adminToken } = await api(url, '/api/auth/login', { email: 'admin@bench.local', password: 'bench-admin-password' });
  const { teams } = await api(url, '/api/teams', undefined, adminToken);
  const team = teams.find((t) => t.name === 'Support');
  const { user } = await api(url, '/api/users', { email: 'solo@bench.local', name: 'Solo', password: 'bench-password', role: 'agent', maxConcurrent: 1, teamIds: [team.id] }, adminToken);
  const { token } = await api(url, '/api/auth/login', { email: 'solo@bench.local', password: 'bench-password' });

  const t0 = now();
  for (let i = 0; i < QUEUED + ROUNDS + 1; i += 20) {
    await Promise.all(Array.from({ length: Math.min(20, QUEUED + ROUNDS + 1 - i) }, () => queueConversation(url)));
  }
  console.log(`${QUEUED + ROUNDS + 1} conversations queued in ${fmt((now() - t0) / 1000)} s`);

  const agent = await connect(`${url}/agent`, { token });
  let waiting = null;
  let current = null;
  agent.on('conversation:updated', (c) => {
    if (c.assigneeId === user.id && c.status === 'active' && c.id !== current) {
      current = c.id;
      waiting?.(c.id);
    }
  });
  const assigned = () => new Promise((r) => (waiting = r));
  let next = assigned();
  await agent.emitWithAck('presence:set', { presence: 'online' });
  await next;

  const samples = [];
  const resolveTimes = [];
  const watch = watchProcess(server.pid);
  const roundsStart = now();
  for (let r = 0; r < ROUNDS; r++) {
    next = assigned();
    const start = now();
    await api(url, `/api/conversations/${current}/resolve`, {}, token);
    resolveTimes.push(now() - start);
    await next;
    samples.push(now() - start);
  }
  const cpu = watch.stop();
  const cpuMsPerRound = (cpu.cpuPercent / 100) * (now() - roundsStart) / ROUNDS;
  agent.disconnect();
  const s = summarize(samples);
  console.log(`\nfree capacity → next of ~${QUEUED} queued conversations assigned (${s.n} rounds):`);
  const rs = summarize(resolveTimes);
  console.log(`| queued | p50 | p95 | p99 | max | (of which the resolve request: p50 / p99) | server CPU per round |\n|---|---|---|---|---|---|---|`);
  console.log(`| ${QUEUED} | ${fmt(s.p50)} ms | ${fmt(s.p95)} ms | ${fmt(s.p99)} ms | ${fmt(s.max)} ms | ${fmt(rs.p50)} / ${fmt(rs.p99)} ms | ${fmt(cpuMsPerRound)} ms |`);
} finally {
  await server.stop();
  await drop();
}
process.exit(0);
