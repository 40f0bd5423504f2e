#!/usr/bin/env node
// Sums a sampling heap profile (.heapprofile, e.g. from bench/load/heap-sample.mjs) by package and by
// function; with MESSAGES, also bytes per message (the messages of the sampled window).
//   node bench/heap-summary.mjs file.heapprofile [top=40] [MESSAGES]
import { readFileSync } from 'node:fs';

const [file, top = '40', messages] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/heap-summary.mjs file.heapprofile [top] [messages]');
const profile = JSON.parse(readFileSync(file, 'utf8'));
const packageOf = (url) => {
  const m = url.match(/node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  return m ? m[1] : url.replace(/^file:\/\//, '').replace(/.*\/(server|shared|bench)\//, '$1/') || '(native)';
};
const byFunction = new Map();
const byPackage = new Map();
let total = 0;
(function walk(node) {
  const f = node.callFrame;
  total += node.selfSize;
  const fn = `${f.functionName || '(anonymous)'}  ${packageOf(f.url)}:${f.lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + node.selfSize);
  byPackage.set(packageOf(f.url), (byPackage.get(packageOf(f.url)) ?? 0) + node.selfSize);
  for (const c of node.children) walk(c);
})(profile.head);
const n = Number(messages ?? 0);
const row = ([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%${n ? `${(v / n).toFixed(0).padStart(7)} B/msg` : ''}  ${k}`;
console.log(`sampled ${(total / 1e6).toFixed(1)} MB${n ? `, ${(total / n / 1024).toFixed(1)} KB per message` : ''}\n\nby package`);
for (const e of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(row(e));
console.log('\nby function');
for (const e of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) console.log(row(e));
