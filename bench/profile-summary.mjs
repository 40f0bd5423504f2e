#!/usr/bin/env node
// Summarizes a V8 .cpuprofile (from node --cpu-prof): self time by function and by package/file.
//   node bench/profile-summary.mjs file.cpuprofile [top=25] [--last SECONDS]
// --last keeps only the final SECONDS of the profile (e.g. the measured rounds, not the set-up).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: opts, positionals } = parseArgs({ options: { last: { type: 'string' } }, allowPositionals: true });
const [file, topArg] = positionals;
const prof = JSON.parse(readFileSync(file, 'utf8'));
const top = Number(topArg ?? 25);
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = prof.timeDeltas;
const from = opts.last ? prof.endTime - Number(opts.last) * 1e6 : -Infinity;
for (let i = 0, t = prof.startTime; i < prof.samples.length; i++) {
  t += dt[i] ?? 0;
  if (t >= from) self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + (dt[i] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const where = (n) => {
  const u = n.callFrame.url.replace(/^file:\/\//, '');
  const m = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(u);
  return m ? m[1] : u.replace(/^.*\/work\/main\//, '') || '(native)';
};
const fn = new Map();
const pkg = new Map();
for (const [id, t] of self) {
  const n = byId.get(id);
  const k = `${n.callFrame.functionName || '(anonymous)'}  ${where(n)}:${n.callFrame.lineNumber + 1}`;
  fn.set(k, (fn.get(k) ?? 0) + t);
  pkg.set(where(n), (pkg.get(where(n)) ?? 0) + t);
}
const show = (m, title) => {
  console.log(`\n${title}`);
  for (const [k, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${((t / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
};
console.log(`total sampled: ${(total / 1e6).toFixed(1)} s`);
show(pkg, 'self time by package / file');
show(fn, 'self time by function');
