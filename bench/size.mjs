#!/usr/bin/env node
// Widget weight: gzip and brotli bytes of what a host page pays for Kefu, next to the floor
// (Preact + socket.io-client alone) and to peers installed from npm at pinned versions.
//
//   node bench/size.mjs            full report (builds the floor; peers when bench/.peers is installed)
//   node bench/size.mjs --check    budgets only (CI): fails when a budget is exceeded
//   node bench/size.mjs --json     the same figures as JSON
//   node bench/size.mjs --install-peers   installs the pinned peers into bench/.peers first
//
// Needs `pnpm run build` first (reads widget/dist).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'widget/dist');
const PEERS_DIR = join(ROOT, 'bench/.peers');
const args = new Set(process.argv.slice(2));

/** Budgets enforced in CI (bytes, gzip). */
export const BUDGETS = { loaderGzip: 3 * 1024, firstOpenGzip: 40 * 1024 };

/** Peers at pinned versions, with what we can measure on npm and what their vendor loads later. */
const PEERS = [
  {
    name: '@rocket.chat/livechat',
    version: '1.13.3',
    parts: [
      ['loader', (d) => [join(d, 'build/rocketchat-livechat.min.js')]],
      // The loader opens its iframe at page load; the iframe's index.html loads these scripts.
      ['iframe app at page load', (d) => scriptsOf(join(d, 'build/index.html'), (src) => join(d, 'build', src.replace(/^livechat\//, '')))],
      ['every JS/CSS chunk it ships', (d) => walk(join(d, 'build')).filter((f) => /\.(js|css)$/.test(f))],
    ],
    later: 'its iframe app is served by the Rocket.Chat server; after the page-load scripts it loads further chunks on demand (the last row is all of them), translations and its DDP/REST client',
  },
  {
    name: '@papercups-io/chat-widget',
    version: '1.3.1',
    parts: [['React component (React itself not counted)', (d) => [join(d, 'dist/index.modern.js')]]],
    later: 'the component opens an iframe with the chat app from app.papercups.io (not on npm)',
  },
  {
    name: 'crisp-sdk-web',
    version: '1.2.1',
    parts: [['SDK shim', (d) => [join(d, 'dist/crisp.esm.js')]]],
    later: "the shim injects https://client.crisp.chat/l.js, which loads the full Crisp client (~130 KB gzip by Crisp's own figure)",
  },
  {
    name: '@intercom/messenger-js-sdk',
    version: '0.0.20',
    parts: [['SDK shim', (d) => ['index.js', 'instance-manager.js', 'constants.js'].map((f) => join(d, 'dist', f))]],
    later: 'the shim injects https://widget.intercom.io/widget/<app_id>, which loads the Messenger (~210 KB gzip by Intercom\'s figure)',
  },
];

/** Script files an HTML page loads, mapped to files in the package. */
function scriptsOf(htmlFile, toFile) {
  const html = readFileSync(htmlFile, 'utf8');
  return [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => toFile(m[1]));
}

const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const br = (buf) =>
  brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length } }).length;

/** Sizes of a set of files, each compressed on its own (as a server sends them). */
function measure(label, files) {
  const parts = files.map((f) => {
    const buf = readFileSync(f);
    return { file: relative(ROOT, f), raw: buf.length, gzip: gz(buf), brotli: br(buf) };
  });
  const sum = (k) => parts.reduce((n, p) => n + p[k], 0);
  return { label, files: parts, raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') };
}

/** The JS/CSS a page of widget/dist loads at once: its script and stylesheet tags plus their static imports. */
function pageAssets(htmlFile) {
  const html = readFileSync(htmlFile, 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/widget\/([^"]+\.(?:js|css))"/g)].map((m) => join(DIST, m[1]));
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    if (!file.endsWith('.js')) return;
    const code = readFileSync(file, 'utf8');
    // Static imports between chunks (vite emits `import{..}from"./chunk-x.js"` and `import"./x.js"`).
    for (const m of code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w${},\s*]+from\s*)?["'](\.\/[^"']+\.js)["']/g)) {
      visit(join(dirname(file), m[1]));
    }
  };
  refs.forEach(visit);
  return [...seen];
}

/** The active locale's lazily loaded catalog chunk (the larger of them, to be safe). */
function localeChunk() {
  const assets = join(DIST, 'assets');
  const chunks = readdirSync(assets).filter((f) => /^widget\.(en|zh-CN)-.*\.js$/.test(f));
  chunks.sort((a, b) => gz(readFileSync(join(assets, b))) - gz(readFileSync(join(assets, a))));
  return chunks.map((f) => join(assets, f));
}

function kefuFigures() {
  if (!existsSync(join(DIST, 'widget.js')) || !existsSync(join(DIST, 'frame.html'))) {
    throw new Error('widget/dist is missing: run `pnpm run build` first');
  }
  const loader = measure('loader /widget.js', [join(DIST, 'widget.js')]);
  const locales = localeChunk();
  const frame = pageAssets(join(DIST, 'frame.html'));
  const firstOpen = measure('widget app on first open (frame JS + CSS + active locale)', [...frame, ...locales.slice(0, 1)]);
  const out = { loader, firstOpen, locales: locales.map((f) => measure('locale', [f])) };
  // The complaint tracking page (issue: complaints), when the build has one.
  const tracking = readdirSync(DIST).find((f) => f.endsWith('.html') && f !== 'frame.html');
  if (tracking) out.tracking = measure(`tracking page (${tracking} JS + CSS)`, pageAssets(join(DIST, tracking)));
  return out;
}

/** Preact (+ hooks) and socket.io-client alone, minified and tree-shaken by Vite, in a temp folder. */
async function floorFigures() {
  const dir = join(ROOT, 'bench/.floor');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'entry.js'),
    `import { h, render } from 'preact';
import { useState } from 'preact/hooks';
import { io } from 'socket.io-client';
function App() { const [n, set] = useState(0); return h('button', { onClick: () => set(n + 1) }, n); }
render(h(App, null), document.body);
const s = io('/customer', { transports: ['websocket'], auth: {} });
s.emit('x', 1, (a) => console.log(a));
s.on('y', (m) => console.log(m));
`,
  );
  const widgetRequire = createRequire(join(ROOT, 'widget/package.json'));
  const vite = await import(pathToFileURL(widgetRequire.resolve('vite')).href);
  await vite.build({
    root: dir,
    logLevel: 'silent',
    configFile: false,
    resolve: { alias: { preact: dirname(widgetRequire.resolve('preact/package.json')), 'socket.io-client': dirname(dirname(dirname(widgetRequire.resolve('socket.io-client')))) } },
    build: {
      outDir: join(dir, 'dist'),
      target: 'es2020',
      minify: 'esbuild',
      lib: { entry: join(dir, 'entry.js'), formats: ['es'], fileName: () => 'floor.js' },
      rollupOptions: { treeshake: true },
    },
  });
  return measure('floor: preact + preact/hooks + socket.io-client', [join(dir, 'dist/floor.js')]);
}

function installPeers() {
  mkdirSync(PEERS_DIR, { recursive: true });
  writeFileSync(join(PEERS_DIR, 'package.json'), JSON.stringify({ name: 'kefu-bench-peers', private: true }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--legacy-peer-deps', ...PEERS.map((p) => `${p.name}@${p.version}`)], {
    cwd: PEERS_DIR,
    stdio: 'inherit',
  });
}

function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

function peerFigures() {
  return PEERS.map((p) => {
    const pkgDir = join(PEERS_DIR, 'node_modules', p.name);
    if (!existsSync(join(pkgDir, 'package.json'))) return { name: p.name, version: p.version, missing: true, later: p.later, parts: [] };
    const version = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
    const parts = p.parts.map(([label, files]) => measure(`${p.name}@${version}: ${label}`, files(pkgDir)));
    return { name: p.name, version, parts, later: p.later };
  });
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const row = (m) => `| ${m.label} | ${kb(m.raw)} | ${kb(m.gzip)} | ${kb(m.brotli)} |`;

const kefu = kefuFigures();
const failures = [];
if (kefu.loader.gzip > BUDGETS.loaderGzip) failures.push(`loader is ${kb(kefu.loader.gzip)} gzip, budget ${kb(BUDGETS.loaderGzip)}`);
if (kefu.firstOpen.gzip > BUDGETS.firstOpenGzip) failures.push(`widget app on first open is ${kb(kefu.firstOpen.gzip)} gzip, budget ${kb(BUDGETS.firstOpenGzip)}`);

if (args.has('--check')) {
  console.log(`loader ${kb(kefu.loader.gzip)} gzip (budget ${kb(BUDGETS.loaderGzip)}); widget app on first open ${kb(kefu.firstOpen.gzip)} gzip (budget ${kb(BUDGETS.firstOpenGzip)})`);
  for (const f of kefu.firstOpen.files) console.log(`  ${f.file}: ${kb(f.gzip)} gzip`);
  if (kefu.tracking) console.log(`tracking page ${kb(kefu.tracking.gzip)} gzip`);
  if (failures.length) {
    console.error(`Size budget exceeded:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log('size budgets: ok');
  process.exit(0);
}

if (args.has('--install-peers')) installPeers();
const floor = await floorFigures();
const peers = peerFigures();

if (args.has('--json')) {
  console.log(JSON.stringify({ kefu, floor, peers, budgets: BUDGETS }, null, 2));
} else {
  console.log('| what | raw | gzip | brotli |\n|---|---|---|---|');
  console.log(row(kefu.loader));
  console.log(row(kefu.firstOpen));
  for (const f of kefu.firstOpen.files) console.log(`| &nbsp;&nbsp;${f.file} | ${kb(f.raw)} | ${kb(f.gzip)} | ${kb(f.brotli)} |`);
  for (const l of kefu.locales) console.log(`| &nbsp;&nbsp;locale ${l.files[0].file} | ${kb(l.raw)} | ${kb(l.gzip)} | ${kb(l.brotli)} |`);
  if (kefu.tracking) console.log(row(kefu.tracking));
  else console.log('| tracking page | not in widget/dist yet | | |');
  console.log(row(floor));
  for (const p of peers) {
    if (p.missing) console.log(`| ${p.name}@${p.version} | not installed (run with --install-peers) | | |`);
    for (const part of p.parts) console.log(row(part));
  }
  console.log(`\nFirst open is ${kb(kefu.firstOpen.gzip - floor.gzip)} gzip above the floor (${(kefu.firstOpen.gzip / floor.gzip).toFixed(2)}×).`);
  console.log('\nWhat peers load later from their vendor (not counted above):');
  for (const p of peers) console.log(`- ${p.name}: ${p.later}`);
  if (failures.length) console.log(`\nBUDGET EXCEEDED:\n  ${failures.join('\n  ')}`);
}
if (failures.length) process.exit(1);
