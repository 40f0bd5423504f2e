// Shared bits of the load benchmark: dependencies from the server package, clocks, statistics,
// process CPU and memory from /proc.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** socket.io, socket.io-client and pg come from the server package (no extra install). */
export const requireFromServer = createRequire(join(ROOT, 'server/package.json'));

/** Wall-clock milliseconds with sub-millisecond resolution, comparable between processes on one machine. */
export const now = () => performance.timeOrigin + performance.now();

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function summarize(samples) {
  const s = Float64Array.from(samples).sort();
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s.length ? s[s.length - 1] : NaN };
}

const CLK_TCK = 100;
/** CPU seconds (user + system) and RSS bytes of a process. */
export function procStats(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpu = (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  return { cpu, rss };
}

/** Samples a process's RSS every `ms` while running; returns { stop(): { cpuPercent, rssMax, rssEnd } }. */
export function watchProcess(pid, ms = 250) {
  const t0 = now();
  const s0 = procStats(pid);
  let rssMax = s0.rss;
  const timer = setInterval(() => {
    try {
      rssMax = Math.max(rssMax, procStats(pid).rss);
    } catch {
      // process gone
    }
  }, ms);
  return {
    stop() {
      clearInterval(timer);
      const s1 = procStats(pid);
      const secs = (now() - t0) / 1000;
      return { cpuPercent: ((s1.cpu - s0.cpu) / secs) * 100, rssMax: Math.max(rssMax, s1.rss), rssEnd: s1.rss };
    },
  };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let idCounter = 0;
/** A client id in the protocol's alphabet ([A-Za-z0-9_-]{8,64}). */
export const clientId = (prefix) => `${prefix}${process.pid.toString(36)}x${(idCounter++).toString(36)}x${Math.random().toString(36).slice(2, 8)}`;

export const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '–');
