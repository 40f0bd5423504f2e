#!/usr/bin/env node
// Statements a server sent (all, or in the last SECONDS) of a count-queries.mjs log, by text, with p50/p99
// durations; with --by-caller (and a log written with COUNT_QUERIES_STACK=1), by text and the server
// frames that sent it.
//   node bench/load/query-summary.mjs /tmp/queries-<pid>.json [SECONDS] [--by-caller] [--top N]
import { readFileSync } from 'node:fs';
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const [file, lastS] = args.filter((a, i) => !a.startsWith('--') && !(args[i - 1] === '--top'));
const byCaller = flag('--by-caller');
const top = Number(opt('--top', 40));
const log = JSON.parse(readFileSync(file, 'utf8'));
const end = log[log.length - 1][0];
const from = lastS ? end - Number(lastS) * 1000 : -Infinity;
const m = new Map();
let n = 0;
for (const [t, q, d, stack] of log) {
  if (t < from || q.includes('kefu:prepared')) continue;
  const key = byCaller ? `${q.slice(0, 90)}\n         ${stack ?? '(no stack: run with COUNT_QUERIES_STACK=1)'}` : q;
  const x = m.get(key) ?? { c: 0, ds: [] };
  x.c++;
  if (d >= 0) x.ds.push(d);
  m.set(key, x);
  n++;
}
console.log(`statements${lastS ? ` in the last ${lastS} s` : ''}: ${n}`);
for (const [q, x] of [...m].sort((a, b) => b[1].c - a[1].c).slice(0, top)) {
  x.ds.sort((a, b) => a - b);
  const p = (f) => (x.ds[Math.floor(f * (x.ds.length - 1))] ?? NaN).toFixed(1);
  console.log(String(x.c).padStart(6), `p50 ${p(0.5)} p99 ${p(0.99)} ms`, byCaller ? q : q.slice(0, 110));
}
