#!/usr/bin/env node
// Summarizes a V8 .cpuprofile (from node --cpu-prof): self time by function and by package/file.
//   node bench/profile-summary.mjs file.cpuprofile [top=25] [--last SECONDS] [--window FROM,TO] [--timeline]
// --last keeps only the final SECONDS of the profile (e.g. the measured rounds, not the set-up);
// --window keeps FROM..TO seconds after its start (e.g. the opening of the conversations);
// --timeline prints how busy the process was in each second, to find those windows.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: opts, positionals } = parseArgs({ options: { last: { type: 'string' }, window: { type: 'string' }, timeline: { type: 'boolean' } }, allowPositionals: true });
const [file, topArg] = positionals;
const prof = JSON.parse(readFileSync(file, 'utf8'));
const top = Number(topArg ?? 25);
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = prof.timeDeltas;
const [winFrom, winTo] = opts.window ? opts.window.split(',').map((x) => prof.startTime + Number(x) * 1e6) : [-Infinity, Infinity];
const from = opts.last ? prof.endTime - Number(opts.last) * 1e6 : winFrom;
const to = opts.last ? Infinity : winTo;
const idleIds = new Set(prof.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
const perSecond = [];
for (let i = 0, t = prof.startTime; i < prof.samples.length; i++) {
  t += dt[i] ?? 0;
  const sec = Math.floor((t - prof.startTime) / 1e6);
  perSecond[sec] ??= { busy: 0, all: 0 };
  perSecond[sec].all += dt[i] ?? 0;
  if (!idleIds.has(prof.samples[i])) perSecond[sec].busy += dt[i] ?? 0;
  if (t >= from && t < to) self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + (dt[i] ?? 0));
}
if (opts.timeline) console.log(`busy per second: ${perSecond.map((s, i) => `${i}:${Math.round((100 * (s?.busy ?? 0)) / (s?.all || 1))}%`).join(' ')}`);
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
