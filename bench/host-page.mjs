#!/usr/bin/env node
// Host-page impact in Chromium: the same page with and without Kefu's script tag. Kefu runs on
// 127.0.0.1 and the host page on localhost (another site, as in production). For each variant,
// --runs fresh page loads, each observed for --settle seconds after `load` without opening the chat
// (the loader fetches the iframe app when the page is idle): main-thread task and script time (CDP
// Performance metrics), total blocking time from long tasks, bytes transferred before the first
// open, and cumulative layout shift (must be 0). Needs `pnpm run build` and /usr/bin/chromium.
//   node bench/host-page.mjs [--runs 5] [--settle 6]
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fmt, ROOT, sleep } from './load/lib.mjs';
import { api, dbUrl, freePort, freshDatabase, startServer } from './load/server-process.mjs';

const { chromium } = createRequire(join(ROOT, 'e2e/package.json'))('playwright-core');
const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '5' }, settle: { type: 'string', default: '6' } } });

const page = (kefuUrl) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui;margin:0 auto;max-width:720px;padding:24px}</style></head><body>
<h1>A shop</h1>${'<p>Products, prices and a long description that fills the page like a real one would.</p>'.repeat(30)}
${kefuUrl ? `<script src="${kefuUrl}/widget.js" data-site="demo" async></script>` : ''}
</body></html>`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = await context.newPage();
  let bytes = 0;
  let requests = 0;
  p.on('requestfinished', async (req) => {
    const s = await req.sizes().catch(() => null);
    if (s) bytes += s.responseBodySize + s.responseHeadersSize;
    requests++;
  });
  await p.addInitScript(() => {
    window.__cls = 0;
    window.__tbt = 0;
    new PerformanceObserver((l) => l.getEntries().forEach((e) => !e.hadRecentInput && (window.__cls += e.value))).observe({ type: 'layout-shift', buffered: true });
    new PerformanceObserver((l) => l.getEntries().forEach((e) => (window.__tbt += Math.max(0, e.duration - 50)))).observe({ type: 'longtask', buffered: true });
  });
  const cdp = await context.newCDPSession(p);
  await cdp.send('Performance.enable');
  await p.goto(url, { waitUntil: 'load' });
  await sleep(Number(args.settle) * 1000);
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  const { cls, tbt } = await p.evaluate(() => ({ cls: window.__cls, tbt: window.__tbt }));
  await context.close();
  return { taskMs: m.TaskDuration * 1000, scriptMs: m.ScriptDuration * 1000, layoutMs: m.LayoutDuration * 1000, tbt, cls, bytes, requests };
}

const drop = await freshDatabase('kefu_bench_host');
const kefu = await startServer('kefu', await freePort(), dbUrl('kefu_bench_host'));
const hostPort = await freePort();
const kefuUrl = kefu.url; // 127.0.0.1
const hostOrigin = `http://localhost:${hostPort}`;
const host = createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(page(req.url === '/with' ? kefuUrl : null));
}).listen(hostPort, '127.0.0.1');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const { token } = await api(kefuUrl, '/api/auth/login', { email: 'admin@bench.local', password: 'bench-admin-password' });
  const { sites } = await api(kefuUrl, '/api/sites', undefined, token);
  const demo = sites.find((s) => s.key === 'demo');
  const res = await fetch(`${kefuUrl}/api/sites/${demo.id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ allowedOrigins: [hostOrigin] }),
  });
  if (!res.ok) throw new Error(`allow ${hostOrigin}: ${await res.text()}`);
  const rows = {};
  for (const variant of ['without', 'with']) {
    await measure(browser, `${hostOrigin}/${variant}`); // warm-up (server caches, disk)
    const runs = [];
    for (let i = 0; i < Number(args.runs); i++) runs.push(await measure(browser, `${hostOrigin}/${variant}`));
    rows[variant] = Object.fromEntries(Object.keys(runs[0]).map((k) => [k, k === 'cls' ? Math.max(...runs.map((r) => r[k])) : median(runs.map((r) => r[k]))]));
  }
  console.log(`Host page on ${hostOrigin}, Kefu on ${kefuUrl}; median of ${args.runs} loads, ${args.settle} s after load, chat not opened (CLS: worst run)`);
  console.log('| page | main-thread tasks | script | layout | total blocking time | bytes transferred | requests | layout shift |\n|---|---|---|---|---|---|---|---|');
  for (const [k, r] of Object.entries(rows)) {
    console.log(`| ${k} Kefu | ${fmt(r.taskMs)} ms | ${fmt(r.scriptMs)} ms | ${fmt(r.layoutMs)} ms | ${fmt(r.tbt)} ms | ${fmt(r.bytes / 1024)} KB | ${r.requests} | ${r.cls} |`);
  }
  const d = (k) => rows.with[k] - rows.without[k];
  console.log(`\nKefu's cost on the host page: +${fmt(d('taskMs'))} ms main-thread tasks, +${fmt(d('scriptMs'))} ms script, +${fmt(d('tbt'))} ms blocking, +${fmt(d('bytes') / 1024)} KB before the first open, layout shift ${rows.with.cls}`);
  if (rows.with.cls !== 0) process.exitCode = 1;
} finally {
  await browser.close();
  host.close();
  await kefu.stop();
  await drop();
}
