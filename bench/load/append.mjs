#!/usr/bin/env node
// The message write statement alone: batches of --k messages (half from customers, half replies)
// appended with `appendMessages` to --conversations active conversations, --conc batches at a time,
// on a fresh PostgreSQL database; prints the statement's p50 / p90 / p99 and messages/s. With
// --server-dir it runs another checkout's statement on the same kind of database (before/after).
//   node bench/load/append.mjs [--k 1,3,8] [--rounds 2000] [--conc 2] [--conversations 5000] [--server-dir other/server]
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { fmt, ROOT } from './lib.mjs';

const { values: args } = parseArgs({
  options: {
    k: { type: 'string', default: '1,3,8' },
    rounds: { type: 'string', default: '2000' },
    conc: { type: 'string', default: '2' },
    conversations: { type: 'string', default: '5000' },
    'server-dir': { type: 'string' },
    child: { type: 'boolean', default: false },
  },
});
const serverDir = resolve(args['server-dir'] ?? join(ROOT, 'server'));

if (!args.child) {
  // The server's TypeScript needs tsx, resolved from the server's own folder.
  const r = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, ...process.argv.slice(2), '--child'], { cwd: serverDir, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const from = (path) => import(pathToFileURL(join(serverDir, path)).href);
const { openDatabase } = await from('src/platform/database.ts');
const { migrateToLatest } = await from('src/db/migrate.ts');
const { appendMessages } = await from('src/conversations/messages.repository.ts');
const { seedSite } = await from('src/testing/seed.ts');
const { sql } = createRequire(join(serverDir, 'package.json'))('kysely');
const { freshDatabase, dbUrl } = await import('./server-process.mjs');

const N = Number(args.conversations);
const name = 'kefu_bench_append';
const drop = await freshDatabase(name);
const database = await openDatabase({ databaseUrl: dbUrl(name), dataDir: '/nonexistent' });
const db = database.db;
try {
  await migrateToLatest(db);
  const { teamId, siteId } = await seedSite(db, { team: 'Bench', site: 'Bench', key: 'bench' });
  const agent = await db.insertInto('users').values({ email: 'agent@bench.local', name: 'Agent', password_hash: 'x', role: 'agent', locale: 'zh-CN' }).returning('id').executeTakeFirstOrThrow();
  await sql`insert into visitors (site_id, token_hash) select ${siteId}::uuid, 'v' || g from generate_series(1, ${N}) g`.execute(db);
  await sql`insert into conversations (site_id, visitor_id, team_id, status, assignee_id, owner_id, queued_at, assigned_at)
    select site_id, id, ${teamId}::uuid, 'active', ${agent.id}::uuid, ${agent.id}::uuid, now(), now() from visitors`.execute(db);
  await sql`analyze`.execute(db);
  const convs = await db.selectFrom('conversations').select(['id', 'visitor_id']).execute();

  let next = 0;
  const text = 'Hello, I ordered on Monday and the parcel has not arrived yet.';
  const message = (c, author) => ({ conversationId: c.id, clientId: randomUUID(), author, authorId: author === 'agent' ? agent.id : null, internal: false, text, preview: text, createdAt: new Date() });
  const batchOf = (k) =>
    Array.from({ length: k }, (_, j) => {
      const c = convs[next++ % convs.length];
      return j % 2 === 0
        ? { writer: { kind: 'customer', visitorId: c.visitor_id }, message: message(c, 'customer') }
        : { writer: { kind: 'agent', agentId: agent.id, name: 'Agent' }, message: message(c, 'agent') };
    });
  async function worker(k, n, times) {
    for (let i = 0; i < n; i++) {
      const b = batchOf(k);
      const t0 = performance.now();
      const r = await appendMessages(db, b);
      times.push(performance.now() - t0);
      if (r.some((x) => x.kind !== 'stored')) throw new Error(`not stored: ${JSON.stringify(r.map((x) => x.kind))}`);
    }
  }
  const rounds = Number(args.rounds);
  const conc = Number(args.conc);
  console.log(`${serverDir}: ${N} active conversations, ${conc} batches at a time, ${rounds} batches per size`);
  console.log('| messages per batch | p50 | p90 | p99 | msg/s |\n|---|---|---|---|---|');
  for (const k of args.k.split(',').map(Number)) {
    await worker(k, 200, []); // warm: prepared statements on every connection, caches
    const times = [];
    const t0 = performance.now();
    await Promise.all(Array.from({ length: conc }, () => worker(k, Math.ceil(rounds / conc), times)));
    const secs = (performance.now() - t0) / 1000;
    times.sort((a, b) => a - b);
    const p = (q) => fmt(times[Math.floor(q * (times.length - 1))], 2);
    console.log(`| ${k} | ${p(0.5)} ms | ${p(0.9)} ms | ${p(0.99)} ms | ${Math.round((times.length * k) / secs)} |`);
  }
} finally {
  await database.close();
  await drop();
}
