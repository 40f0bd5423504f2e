#!/usr/bin/env node
// Realtime load benchmark: N concurrent conversations against a real Kefu server on a fresh
// PostgreSQL database, and the same load against the raw baseline (bare socket.io + one INSERT per
// message, pool of 10). Customers send every few seconds, agents reply at once; prints latency
// percentiles, messages/s, server CPU and RSS, ratios to the baseline, and (with --sweep) the
// highest rate each sustains with p99 < 100 ms. --rounds R keeps both servers up and alternates R
// measured windows between them, reporting each round's ratios and the medians. --against DIR puts
// another checkout's server in the baseline's place (before/after in alternating windows).
//
//   node bench/load/run.mjs [--n 200] [--interval 3000] [--duration 20] [--target both|kefu|baseline]
//                           [--sweep] [--rates 200,400,800,...] [--step 10] [--cpu-prof DIR] [--cluster]
//                           [--server-dir /path/to/other/server] [--rounds 3] [--against /path/to/other/server]
//                           [--node-args=--max-semi-space-size=32] [--against-node-args=...]
//
// Needs PostgreSQL (BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/postgres); creates and
// drops its own databases. Results also go to bench/results/load-<time>.json. BENCH_SERVER_LOG=DIR
// keeps each server's output in DIR (e.g. with NODE_OPTIONS importing a module that sets --trace-gc-nvp).
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fmt, percentile, ROOT, sleep, summarize, watchProcess } from './lib.mjs';
import { dbUrl, freePort, freshDatabase, makeAgents, postgresCounters, startServer } from './server-process.mjs';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '200' },
    interval: { type: 'string', default: '3000' },
    duration: { type: 'string', default: '20' },
    /** Seconds before measuring; by default one send interval + 2 s, so every conversation has had its first exchange (the first reply, which sets the owner, takes the slower transaction). */
    warmup: { type: 'string' },
    target: { type: 'string', default: 'both' },
    sweep: { type: 'boolean', default: false },
    rates: { type: 'string', default: '50,100,200,400,800,1200,1600,2400,3200,4000,5000' },
    step: { type: 'string', default: '10' },
    'cpu-prof': { type: 'string' },
    cluster: { type: 'boolean', default: false },
    'per-process': { type: 'string', default: '500' },
    /** Measured windows per target; above 1, both servers stay up and their windows alternate (medians reported). */
    rounds: { type: 'string', default: '1' },
    /** Another checkout's server/ folder for the Kefu runs (before/after comparisons). */
    'server-dir': { type: 'string' },
    /** Another checkout's server/ folder to run against Kefu instead of the baseline (with --rounds: alternating windows). */
    against: { type: 'string' },
    /** Extra node flags for the Kefu server (e.g. "--max-semi-space-size=32"), and for the --against one. */
    'node-args': { type: 'string' },
    'against-node-args': { type: 'string' },
  },
});
const N = Number(args.n);

function startWorker(opts) {
  const child = fork(join(ROOT, 'bench/load/worker.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiters = [];
  child.on('message', (m) => {
    if (m.type === 'error') console.error(`worker error: ${m.message}`);
    const w = waiters.shift();
    w?.(m);
  });
  const ask = (msg) =>
    new Promise((resolve, reject) => {
      waiters.push((m) => (m.type === 'error' ? reject(new Error(m.message)) : resolve(m)));
      child.send(msg);
    });
  return { child, ask, init: ask({ cmd: 'init', opts }) };
}

async function collect(workers) {
  const replies = await Promise.all(workers.map((w) => w.ask({ cmd: 'collect' })));
  const c2a = [];
  const a2c = [];
  const counters = { sent: 0, acked: 0, errors: 0, received: 0 };
  for (const r of replies) {
    for (const x of r.c2a) c2a.push(x);
    for (const x of r.a2c) a2c.push(x);
    for (const k of Object.keys(counters)) counters[k] += r.counters[k];
  }
  return { c2a, a2c, counters };
}

async function measure(server, workers, customerWorkers, intervalMs, seconds) {
  await Promise.all(customerWorkers.map((w) => w.ask({ cmd: 'rate', intervalMs })));
  await sleep((args.warmup === undefined ? Math.max(3, intervalMs / 1000 + 2) : Number(args.warmup)) * 1000);
  await collect(workers);
  const watch = watchProcess(server.pid);
  const pg0 = await postgresCounters();
  const t0 = performance.now();
  await sleep(seconds * 1000);
  const r = await collect(workers);
  const secs = (performance.now() - t0) / 1000;
  const res = watch.stop();
  const pg1 = await postgresCounters();
  const stored = r.counters.acked;
  await Promise.all(customerWorkers.map((w) => w.ask({ cmd: 'rate', intervalMs: 0 })));
  // Let the backlog drain so the next step starts from an idle server.
  for (let quiet = 0, i = 0; quiet < 2 && i < 120; i++) {
    await sleep(500);
    const { counters } = await collect(workers);
    quiet = counters.received === 0 && counters.acked === 0 ? quiet + 1 : 0;
  }
  return {
    targetRate: (2 * N * 1000) / intervalMs,
    messagesPerSecond: r.counters.acked / secs,
    errors: r.counters.errors,
    c2a: summarize(r.c2a),
    a2c: summarize(r.a2c),
    cpuPercent: res.cpuPercent,
    rssMB: res.rssMax / 1024 / 1024,
    // Per message stored in the window; checkpoint buffers > 0: a checkpoint was writing meanwhile.
    postgres: {
      walRecordsPerMessage: stored ? (pg1.records - pg0.records) / stored : null,
      walBytesPerMessage: stored ? (pg1.bytes - pg0.bytes) / stored : null,
      fullPageImages: pg1.fpi - pg0.fpi,
      checkpointBuffers: pg1.checkpoint_buffers - pg0.checkpoint_buffers,
      checkpointsStarted: pg1.checkpoints - pg0.checkpoints,
    },
  };
}

/**
 * Starts a server on a fresh database and opens N conversations on it (customers, agents, first
 * exchange). `spec`: its label, what it is (`kefu` or `baseline`) and, for Kefu, which server/ folder.
 */
async function openTarget(spec) {
  const target = spec.label;
  const mode = spec.mode;
  const dbName = `kefu_bench_${target}`;
  const dropDb = await freshDatabase(dbName);
  const server = await startServer(mode, await freePort(), dbUrl(dbName), { cpuProf: args['cpu-prof'], cluster: args.cluster, serverDir: spec.serverDir, nodeArgs: spec.nodeArgs });
  const workers = [];
  const close = async () => {
    await Promise.all(
      workers.map((w) => new Promise((r) => (w.child.exitCode !== null ? r() : (w.child.once('exit', r), w.child.send({ cmd: 'exit' }))))),
    );
    await server.stop();
    await dropDb();
  };
  try {
    const agents = await makeAgents(mode, server.url, N);
    const agentWorker = startWorker({ role: 'agents', mode, url: server.url, agents });
    workers.push(agentWorker);
    await agentWorker.init;
    const procs = Math.ceil(N / Number(args['per-process']));
    const customerWorkers = [];
    const t0 = performance.now();
    for (let p = 0; p < procs; p++) {
      const count = Math.floor(N / procs) + (p < N % procs ? 1 : 0);
      const w = startWorker({ role: 'customers', mode, url: server.url, siteKey: 'demo', count, offset: p * 100_000 });
      customerWorkers.push(w);
      workers.push(w);
    }
    const ready = await Promise.all(customerWorkers.map((w) => w.init));
    for (let i = 0; i < 600; i++) {
      const { count } = await agentWorker.ask({ cmd: 'joined' });
      if (count >= N) break;
      await sleep(100);
    }
    const { count: joined } = await agentWorker.ask({ cmd: 'joined' });
    const active = ready.reduce((n, r) => n + r.active, 0);
    console.log(`${target}: ${N} conversations open (${active} assigned, ${joined} opened by agents) in ${fmt((performance.now() - t0) / 1000)} s; ${agents.length} agents`);
    await collect(workers);
    return { target, server, workers, customerWorkers, agents: agents.length, close };
  } catch (err) {
    await close();
    throw err;
  }
}

async function sweep(t, result) {
  for (const rate of args.rates.split(',').map(Number)) {
    const intervalMs = (2 * N * 1000) / rate;
    const passes = (m) => Math.max(m.c2a.p99, m.a2c.p99) < 100 && m.messagesPerSecond >= 0.95 * m.targetRate && m.errors === 0;
    let m = await measure(t.server, t.workers, t.customerWorkers, intervalMs, Number(args.step));
    result.sweep.push(m);
    printRow(`${t.target} @${rate}/s`, m);
    // A failed step is measured once more: one slow WAL flush (fsync) of the machine's disk can
    // put a whole step's p99 over 100 ms for either server (docs/benchmarks.md).
    if (!passes(m)) {
      m = await measure(t.server, t.workers, t.customerWorkers, intervalMs, Number(args.step));
      result.sweep.push(m);
      printRow(`${t.target} @${rate}/s again`, m);
    }
    if (!passes(m)) break;
    result.sustained = m.messagesPerSecond;
  }
}

function printRow(label, m) {
  console.log(
    `  ${label.padEnd(20)} ${fmt(m.messagesPerSecond, 0).padStart(6)} msg/s (target ${fmt(m.targetRate, 0)}) | c→a p50 ${fmt(m.c2a.p50)} p95 ${fmt(m.c2a.p95)} p99 ${fmt(m.c2a.p99)} ms | a→c p50 ${fmt(m.a2c.p50)} p95 ${fmt(m.a2c.p95)} p99 ${fmt(m.a2c.p99)} ms | CPU ${fmt(m.cpuPercent, 0)}% RSS ${fmt(m.rssMB, 0)} MB | errors ${m.errors} | WAL ${fmt(m.postgres.walRecordsPerMessage, 1)} rec ${fmt(m.postgres.walBytesPerMessage, 0)} B/msg, checkpoint wrote ${m.postgres.checkpointBuffers} buffers`,
  );
}

const splitArgs = (s) => (s ? s.split(/\s+/).filter(Boolean) : []);
const kefuSpec = { label: 'kefu', mode: 'kefu', serverDir: args['server-dir'], nodeArgs: splitArgs(args['node-args']) };
const baselineSpec = { label: 'baseline', mode: 'baseline' };
const targets = args.against
  ? [kefuSpec, { label: 'against', mode: 'kefu', serverDir: args.against, nodeArgs: splitArgs(args['against-node-args']) }]
  : args.target === 'both'
    ? [kefuSpec, baselineSpec]
    : [args.target === 'baseline' ? baselineSpec : kefuSpec];
const rounds = Number(args.rounds);
const results = [];
const open = [];
/** One measured window of a server, kept as one of its rounds. */
async function steadyWindow({ t, r }, label) {
  const m = await measure(t.server, t.workers, t.customerWorkers, Number(args.interval), Number(args.duration));
  r.rounds.push(m);
  printRow(label, m);
}
try {
  // One round: one server at a time. Several: all stay up and their measured windows alternate, so
  // the machine's drift (other tenants, CPU steal) falls on both alike, as runs minutes apart do not.
  for (const spec of targets) {
    const t = await openTarget(spec);
    const r = { target: spec.label, n: N, agents: t.agents, rounds: [], steady: null, sweep: [], sustained: null };
    results.push(r);
    open.push({ t, r });
    if (rounds > 1) continue;
    await steadyWindow({ t, r }, spec.label);
    if (args.sweep) await sweep(t, r);
    await open.pop().t.close();
  }
  for (let i = 0; i < rounds && rounds > 1; i++) for (const o of open) await steadyWindow(o, `${o.r.target} round ${i + 1}`);
  if (rounds > 1 && args.sweep) for (const { t, r } of open) await sweep(t, r);
} finally {
  for (const { t } of open) await t.close();
}
for (const r of results) r.steady = medianOf(r.rounds);

/** The median (nearest rank, as the latency percentiles). */
function med(xs) {
  return percentile(Float64Array.from(xs).sort(), 50);
}

/** Per figure, the median over the rounds (one round: that round). */
function medianOf(ms) {
  const pct = (key) => Object.fromEntries(Object.keys(ms[0][key]).map((q) => [q, med(ms.map((m) => m[key][q]))]));
  return { targetRate: ms[0].targetRate, messagesPerSecond: med(ms.map((m) => m.messagesPerSecond)), errors: ms.reduce((n, m) => n + m.errors, 0), c2a: pct('c2a'), a2c: pct('a2c'), cpuPercent: med(ms.map((m) => m.cpuPercent)), rssMB: Math.max(...ms.map((m) => m.rssMB)) };
}

console.log(`\nN = ${N}, each customer every ${args.interval} ms, agents reply at once (${results[0]?.steady.targetRate.toFixed(0)} msg/s offered)${rounds > 1 ? `; medians of ${rounds} alternating rounds` : ''}`);
console.log('| server | msg/s | c→a p50 | c→a p95 | c→a p99 | a→c p50 | a→c p95 | a→c p99 | CPU | RSS | sustained msg/s (p99 < 100 ms) |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  const s = r.steady;
  console.log(
    `| ${r.target} | ${fmt(s.messagesPerSecond, 0)} | ${fmt(s.c2a.p50)} | ${fmt(s.c2a.p95)} | ${fmt(s.c2a.p99)} | ${fmt(s.a2c.p50)} | ${fmt(s.a2c.p95)} | ${fmt(s.a2c.p99)} | ${fmt(s.cpuPercent, 0)}% | ${fmt(s.rssMB, 0)} MB | ${args.sweep ? fmt(r.sustained ?? 0, 0) : '–'} |`,
  );
}
// The first server against the second: Kefu against the baseline, or (--against) against another checkout.
const [kefu, base] = results;
if (kefu && base) {
  // Each round's ratios pair two windows a minute apart; with several rounds, the median of those.
  const ratios = kefu.rounds.map((k, i) => ({ c2a50: k.c2a.p50 / base.rounds[i].c2a.p50, c2a99: k.c2a.p99 / base.rounds[i].c2a.p99, a2c50: k.a2c.p50 / base.rounds[i].a2c.p50, a2c99: k.a2c.p99 / base.rounds[i].a2c.p99 }));
  const show = (r) => `c→a p50 ${fmt(r.c2a50, 2)}× p99 ${fmt(r.c2a99, 2)}×; a→c p50 ${fmt(r.a2c50, 2)}× p99 ${fmt(r.a2c99, 2)}×`;
  if (rounds > 1) ratios.forEach((r, i) => console.log(`  round ${i + 1}: ${show(r)}`));
  const median = Object.fromEntries(Object.keys(ratios[0]).map((k) => [k, med(ratios.map((r) => r[k]))]));
  kefu.ratios = { rounds: ratios, median };
  console.log(
    `\n${base.target === 'baseline' ? 'Kefu / baseline' : `kefu (${kefuSpec.serverDir ?? 'server'}) / against (${args.against})`}${rounds > 1 ? ` (median of the ${rounds} rounds)` : ''}: ${show(median)}` +
      (args.sweep ? `; sustained rate ${fmt((kefu.sustained ?? 0) / (base.sustained || NaN), 2)}×` : ''),
  );
}
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
const file = join(ROOT, `bench/results/load-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify({ args, results }, null, 2));
console.log(`(written to ${file})`);
process.exit(0);
