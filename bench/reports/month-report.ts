// Times the month report for all agents on the generated history (bench/reports/generate.ts):
// buildReport grouped by agent, by team and by day for one month, the agent scorecard, and the
// live monitor's snapshot on the morning after --end (the generated history ends there).
//   server/node_modules/.bin/tsx bench/reports/month-report.ts [--db kefu_bench] [--month 2026-11] [--runs 5]
// Prints the median and the slowest of --runs after one warm-up run, and the report's size.
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { openDatabase } from '../../server/src/platform/database';

// pg and kysely are the server's dependencies: resolved from there (bench/ has no package of its own).
const require = createRequire(new URL('../../server/package.json', import.meta.url));
const { sql } = require('kysely') as typeof import('../../server/node_modules/kysely');
import { buildReport } from '../../server/src/reports/reports.service';
import { agentScorecard } from '../../server/src/reports/reports.scorecard';
import { monitorSnapshot } from '../../server/src/monitor/monitor.service';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'kefu_bench' },
    server: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    month: { type: 'string', default: '2026-11' },
    runs: { type: 'string', default: '5' },
    end: { type: 'string', default: '2026-12-01' },
  },
});
const url = new URL(args.server);
url.pathname = `/${args.db}`;
const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
const db = database.db;
const [y, m] = args.month.split('-').map(Number) as [number, number];
const from = `${args.month}-01`;
const to = `${args.month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
const now = new Date(Date.UTC(y, m, 5, 2));
const timeZone = 'Asia/Shanghai';

const sizes = await sql<{ messages: number; conversations: number; complaints: number }>`
  select (select count(*) from messages)::int as messages, (select count(*) from conversations)::int as conversations, (select count(*) from complaints)::int as complaints`.execute(db);
console.log(`database ${args.db}: ${Object.entries(sizes.rows[0]!).map(([k, v]) => `${v.toLocaleString('en')} ${k}`).join(', ')}; month ${from}..${to} (${timeZone})`);

async function time(name: string, run: () => Promise<{ rows: number; sample: string }>): Promise<void> {
  const first = await run(); // warm-up: caches and plans
  const ms: number[] = [];
  for (let i = 0; i < Number(args.runs); i++) {
    const t = performance.now();
    await run();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const median = ms[Math.floor(ms.length / 2)]!;
  console.log(`${name.padEnd(34)} median ${median.toFixed(0).padStart(5)} ms   slowest ${ms[ms.length - 1]!.toFixed(0).padStart(5)} ms   ${first.rows} rows; ${first.sample}`);
}

await time('report by agent (month)', async () => {
  const r = await buildReport(db, { from, to, timeZone, groupBy: 'agent', now });
  return { rows: r.rows.length, sample: `total new ${r.total.conversationsNew}, FRT p50 ${r.total.firstResponseP50} s, CSAT ${r.total.csat} %, complaints ${r.total.complaintsNew}` };
});
await time('report by team (month)', async () => {
  const r = await buildReport(db, { from, to, timeZone, groupBy: 'team', now });
  return { rows: r.rows.length, sample: `resolved ${r.total.conversationsResolved}, missed ${r.total.conversationsMissed}` };
});
await time('report by day (month)', async () => {
  const r = await buildReport(db, { from, to, timeZone, groupBy: 'day', now });
  return { rows: r.rows.length, sample: `queue wait p90 ${r.total.queueWaitP90} s` };
});
await time('agent scorecard (month, all agents)', async () => {
  const card = await agentScorecard(db, { month: args.month, timeZone, now });
  return { rows: card.agents.length, sample: `first agent handled ${card.agents[0]?.handled ?? 'n/a'}` };
});
await time('live monitor snapshot', async () => {
  const snap = await monitorSnapshot(db, new Date(`${args.end}T02:00:00Z`), { timeZone });
  return { rows: snap.agents.length, sample: `${snap.waiting.length} waiting, ${snap.teams.reduce((n, t) => n + t.queued, 0)} queued, today ${snap.today.created} new` };
});

await database.close();
