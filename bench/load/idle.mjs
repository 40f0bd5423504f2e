#!/usr/bin/env node
// Memory per connected widget: opens --count idle customer connections (socket.io-client, websocket
// transport, split over --procs load processes) against one Kefu process on a fresh PostgreSQL
// database, and against the bare socket.io baseline; prints RSS per connection.
//   node bench/load/idle.mjs [--count 10000] [--procs 5] [--target both|kefu|baseline]
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fmt, procStats, ROOT, sleep } from './lib.mjs';
import { dbUrl, freePort, freshDatabase, startServer } from './server-process.mjs';

const { values: args } = parseArgs({
  options: { count: { type: 'string', default: '10000' }, procs: { type: 'string', default: '5' }, target: { type: 'string', default: 'both' } },
});
const COUNT = Number(args.count);
const PROCS = Number(args.procs);

/** RSS once it has stopped moving (GC settles after connection bursts). */
async function settledRss(pid) {
  let last = procStats(pid).rss;
  for (let i = 0; i < 20; i++) {
    await sleep(1000);
    const rss = procStats(pid).rss;
    if (Math.abs(rss - last) < 512 * 1024) return rss;
    last = rss;
  }
  return last;
}

async function run(target) {
  const db = `kefu_bench_idle_${target}`;
  const drop = await freshDatabase(db);
  const server = await startServer(target, await freePort(), dbUrl(db));
  const workers = [];
  try {
    // Warm the paths once (a widget session and a connection) before the reference reading.
    const warm = fork(join(ROOT, 'bench/load/worker.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await new Promise((r) => (warm.once('message', r), warm.send({ cmd: 'init', opts: { role: 'idle', mode: target, url: server.url, siteKey: 'demo', count: 20, offset: 900_000 } })));
    const before = await settledRss(server.pid);
    const t0 = performance.now();
    const ready = [];
    for (let p = 0; p < PROCS; p++) {
      const count = Math.floor(COUNT / PROCS) + (p < COUNT % PROCS ? 1 : 0);
      const w = fork(join(ROOT, 'bench/load/worker.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      workers.push(w);
      ready.push(new Promise((r) => w.once('message', r)));
      w.send({ cmd: 'init', opts: { role: 'idle', mode: target, url: server.url, siteKey: 'demo', count, offset: p * 100_000 } });
    }
    const replies = await Promise.all(ready);
    const connected = replies.reduce((n, m) => n + (m.count ?? 0), 0);
    const secs = (performance.now() - t0) / 1000;
    const after = await settledRss(server.pid);
    const perConn = (after - before) / connected;
    console.log(`${target}: ${connected} idle widgets connected in ${fmt(secs)} s; RSS ${fmt(before / 2 ** 20)} → ${fmt(after / 2 ** 20)} MB; ${fmt(perConn / 1024, 1)} KB per connection`);
    workers.push(warm);
    return { target, connected, rssBeforeMB: before / 2 ** 20, rssAfterMB: after / 2 ** 20, kbPerConnection: perConn / 1024 };
  } finally {
    await Promise.all(workers.map((w) => new Promise((r) => (w.exitCode !== null ? r() : (w.once('exit', r), w.send({ cmd: 'exit' }))))));
    await server.stop();
    await drop();
  }
}

const results = [];
for (const t of args.target === 'both' ? ['kefu', 'baseline'] : [args.target]) results.push(await run(t));
console.log('\n| server | idle connections | RSS before | RSS after | per connection |\n|---|---|---|---|---|');
for (const r of results) console.log(`| ${r.target} | ${r.connected} | ${fmt(r.rssBeforeMB, 0)} MB | ${fmt(r.rssAfterMB, 0)} MB | ${fmt(r.kbPerConnection)} KB |`);
process.exit(0);
