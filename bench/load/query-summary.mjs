#!/usr/bin/env node
// Statements a server sent in the last SECONDS of a count-queries.mjs log, by text, with p50/p99 durations.
//   node bench/load/query-summary.mjs /tmp/queries-<pid>.json SECONDS
import { readFileSync } from 'node:fs';
const [file, lastS] = process.argv.slice(2);
const log = JSON.parse(readFileSync(file, 'utf8'));
const end = log[log.length - 1][0];
const from = end - Number(lastS) * 1000;
const m = new Map();
let n = 0;
for (const [t, q, d] of log) if (t >= from) { const x = m.get(q) ?? { c: 0, ds: [] }; x.c++; if (d >= 0) x.ds.push(d); m.set(q, x); n++; }
console.log(`queries in last ${lastS}s: ${n}`);
for (const [q, x] of [...m].sort((a, b) => b[1].c - a[1].c).slice(0, 14)) { x.ds.sort((a, b) => a - b); const p = (f) => (x.ds[Math.floor(f * (x.ds.length - 1))] ?? NaN).toFixed(1); console.log(String(x.c).padStart(6), `p50 ${p(0.5)} p99 ${p(0.99)} ms`, q.slice(0, 110)); }
