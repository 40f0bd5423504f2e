// A year of history for the report benchmark, generated inside PostgreSQL with INSERT … SELECT
// generate_series (no rows cross the wire): 100,000 conversations with 10 messages each
// (1,000,000 messages), their event trails, surveys, 10,000 complaints with deadlines and
// timelines, follow-ups, QA reviews and flagged replies, over the 12 months before --end.
//   server/node_modules/.bin/tsx bench/reports/generate.ts [--db kefu_bench] [--conversations 100000] [--complaints 10000] [--end 2026-12-01]
// The database is dropped and made anew (CPU heavy: a few minutes on a shared 2-core machine).
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { migrateToLatest } from '../../server/src/db/migrate';
import { openDatabase } from '../../server/src/platform/database';

// pg and kysely are the server's dependencies: resolved from there (bench/ has no package of its own).
const require = createRequire(new URL('../../server/package.json', import.meta.url));
const { sql } = require('kysely') as typeof import('../../server/node_modules/kysely');
const pg = require('pg') as typeof import('../../server/node_modules/@types/pg');

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'kefu_bench' },
    server: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    conversations: { type: 'string', default: '100000' },
    complaints: { type: 'string', default: '10000' },
    end: { type: 'string', default: '2026-12-01' },
  },
});
const N = Number(args.conversations);
const COMPLAINTS = Number(args.complaints);
const MESSAGES_PER = 10;
const AGENTS = 60;
const TEAMS = 6;
const VISITORS = Math.ceil(N * 0.7);
const OPEN = Math.min(500, Math.floor(N / 100)); // the newest few are still open (one open conversation per visitor)

const admin = new pg.Client({ connectionString: args.server });
await admin.connect();
await admin.query(`drop database if exists ${args.db} with (force)`);
await admin.query(`create database ${args.db}`);
await admin.end();
const url = new URL(args.server);
url.pathname = `/${args.db}`;
const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
const db = database.db;
await migrateToLatest(db);

const started = Date.now();
async function step(name: string, query: ReturnType<typeof sql>): Promise<void> {
  const t = Date.now();
  const r = await query.execute(db);
  console.log(`${name.padEnd(26)} ${String(r.numAffectedRows ?? '').padStart(9)} rows  ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

const end = `${args.end}T00:00:00+08:00`;
// Period: the 365 days before --end (Shanghai midnight). Row i of N is placed at i/N of the way,
// plus a deterministic jitter, so every day has traffic and every month is about the same size.
await step('teams', sql`insert into teams (name) select 'Team ' || t from generate_series(1, ${TEAMS}) t`);
await step('users', sql`
  insert into users (email, name, password_hash, role, locale, max_concurrent, presence)
  select 'agent' || i || '@bench.local', '坐席 ' || i, 'x', case when i <= 4 then 'supervisor' when i <= 6 then 'manager' else 'agent' end, 'zh-CN', 6,
         case when i % 3 = 0 then 'online' else 'offline' end
  from generate_series(1, ${AGENTS}) i`);
await step('team members', sql`
  insert into team_members (team_id, user_id)
  select t.id, u.id from (select id, row_number() over (order by email) - 1 as n from users) u
  join (select id, row_number() over (order by name) - 1 as n from teams) t on t.n = u.n % ${TEAMS}`);
await step('sites', sql`
  insert into sites (name, key, allowed_origins, default_team_id, greeting, offline_message, locale, color, business_hours, region)
  select 'Shop ' || s, 'bench-' || s, '[]', null, '{"zh-CN":"","en":""}', '{"zh-CN":"","en":""}', null, '#2563eb',
         case when s = 1 then '{"timeZone":"Asia/Shanghai","weekly":[[],[{"start":"09:00","end":"18:00"}],[{"start":"09:00","end":"18:00"}],[{"start":"09:00","end":"18:00"}],[{"start":"09:00","end":"18:00"}],[{"start":"09:00","end":"18:00"}],[{"start":"10:00","end":"16:00"}]],"holidays":[]}'::jsonb else 'null'::jsonb end,
         (array['华东','华南','华北'])[s]
  from generate_series(1, 3) s`);
await step('visitors', sql`
  insert into visitors (site_id, token_hash, name, vip, created_at)
  select (select id from sites order by key offset (v % 3) limit 1), 'bench-' || v, '客户 ' || v, v % 50 = 0, ${end}::timestamptz - interval '400 days'
  from generate_series(1, ${VISITORS}) v`);

// Conversations: ~2 % leave the queue unanswered (missed), ~3 % are reopened once, the newest OPEN are still open.
await step('conversations', sql`
  with a as (select id, row_number() over (order by id) - 1 as n from users where role = 'agent'),
       t as (select tm.team_id, tm.user_id from team_members tm),
       v as (select id, site_id, row_number() over (order by token_hash) as n from visitors),
       g as (
         select i, ${end}::timestamptz - interval '365 days' + (i::double precision / ${N}) * interval '365 days' + ((i * 7919) % 3600) * interval '1 second' as at,
                (i * 2654435761) % 1000 as r
         from generate_series(1, ${N}) i)
  insert into conversations (site_id, visitor_id, team_id, status, priority, channel, assignee_id, owner_id, queued_at, assigned_at, resolved_at, last_seq, last_message_text, last_message_at, waiting_since, created_at)
  select v.site_id, v.id, tm.team_id,
         case when g.i > ${N - OPEN} then (case when g.r < 300 then 'queued' else 'active' end) else 'resolved' end,
         (array['urgent','high','normal','normal','normal','low'])[1 + g.r % 6],
         case when g.r % 10 = 0 then 'phone' else 'widget' end,
         case when g.r < 20 or (g.i > ${N - OPEN} and g.r < 300) then null else ag.id end,
         case when g.r < 20 or (g.i > ${N - OPEN} and g.r < 300) then null else ag.id end,
         g.at,
         case when g.r < 20 or (g.i > ${N - OPEN} and g.r < 300) then null else g.at + (5 + g.r % 300) * interval '1 second' end,
         case when g.i > ${N - OPEN} then null else g.at + (300 + (g.r * 37) % 3600) * interval '1 second' end,
         ${MESSAGES_PER},
         '好的，谢谢', g.at + interval '20 minutes',
         case when g.i > ${N - OPEN} then g.at else null end,
         g.at
  from g
  join v on v.n = 1 + (case when g.i > ${N - OPEN} then g.i else g.i % ${VISITORS - OPEN} end) % ${VISITORS}
  join a ag on ag.n = g.i % (select count(*) from a)
  join lateral (select team_id from t where t.user_id = ag.id limit 1) tm on true`);

// Messages: customer first, then alternating; the agent's first reply 10–130 s after assignment. Missed ones have 5 customer lines.
await step('messages', sql`
  insert into messages (conversation_id, seq, client_id, author, author_id, internal, text, created_at)
  select c.id, s, 'bench-' || s,
         case when c.assigned_at is null or s % 2 = 1 then 'customer' else 'agent' end,
         case when c.assigned_at is null or s % 2 = 1 then null else c.assignee_id end,
         false,
         case when s % 2 = 1 then '我的订单什么时候发货？' else '您好，我马上为您查询。' end,
         case when s = 1 then c.created_at
              when c.assigned_at is null then c.created_at + s * interval '30 seconds'
              else c.assigned_at + (10 + (extract(epoch from c.created_at)::bigint % 120)) * interval '1 second' + (s - 2) * interval '40 seconds' end
  from conversations c cross join generate_series(1, ${MESSAGES_PER}) s
  where s <= c.last_seq`);

await step('events: created/assigned', sql`
  insert into conversation_events (conversation_id, type, actor_id, data, created_at)
  select id, 'created', null::uuid, '{}'::jsonb, created_at from conversations
  union all
  select id, 'assigned', null, jsonb_build_object('agentId', assignee_id), assigned_at from conversations where assigned_at is not null
  union all
  select id, 'owner_set', assignee_id, jsonb_build_object('ownerId', assignee_id), assigned_at + interval '30 seconds' from conversations where assigned_at is not null`);
await step('events: resolved', sql`
  insert into conversation_events (conversation_id, type, actor_id, data, created_at)
  select id, 'resolved', assignee_id, '{}', resolved_at from conversations where resolved_at is not null`);
await step('events: transfers/reopens', sql`
  insert into conversation_events (conversation_id, type, actor_id, data, created_at)
  select id, 'transferred', assignee_id, jsonb_build_object('toTeamId', team_id, 'reason', 'bench'), assigned_at + interval '3 minutes'
  from conversations where assigned_at is not null and (extract(epoch from created_at)::bigint % 20) = 0
  union all
  select id, 'reopened', null, '{"by":"customer"}', resolved_at + interval '1 hour'
  from conversations where resolved_at is not null and (extract(epoch from created_at)::bigint % 33) = 0`);

await step('surveys', sql`
  insert into surveys (site_id, visitor_id, conversation_id, source, agent_id, team_id, question, token_hash, send_at, sent_at, rating, answered_at, created_at)
  select c.site_id, c.visitor_id, c.id, 'conversation', c.owner_id, c.team_id, '{}', md5(c.id::text), c.resolved_at, c.resolved_at + interval '30 seconds',
         case when (extract(epoch from c.created_at)::bigint % 100) < 35 then (array[5,5,5,5,4,4,4,3,2,1])[1 + (extract(epoch from c.created_at)::bigint % 97) % 10] end,
         case when (extract(epoch from c.created_at)::bigint % 100) < 35 then c.resolved_at + interval '2 minutes' end,
         c.resolved_at
  from conversations c where c.resolved_at is not null and c.owner_id is not null and (extract(epoch from c.created_at)::bigint % 10) < 6`);

await step('complaints', sql`
  with a as (select id, row_number() over (order by id) - 1 as n from users where role = 'agent'),
       g as (select i, ${end}::timestamptz - interval '365 days' + (i::double precision / ${COMPLAINTS}) * interval '365 days' + ((i * 104729) % 7200) * interval '1 second' as at, (i * 2654435761) % 100 as r
             from generate_series(1, ${COMPLAINTS}) i)
  insert into complaints (number, status, channel, category, priority, description, customer_name, contact_phone, locale, site_id, owner_id, team_id, handler_id,
                          judged_at, resolved_at, closed_at, close_reason, reopen_count, created_at, updated_at)
  select 'KSB' || lpad(g.i::text, 6, '0'),
         case when g.r < 5 then 'submitted' when g.r < 15 then 'rejected' when g.r < 25 then 'in_progress' when g.r < 30 then 'reopened' when g.r < 60 then 'resolved' else 'closed' end,
         (array['widget','conversation','phone'])[1 + g.r % 3],
         (array['product','service','delivery','billing','staff','other'])[1 + (g.i * 31) % 6],
         (array['urgent','high','normal','low'])[1 + g.r % 4],
         '投诉内容', '客户', '13800000000', 'zh-CN',
         (select id from sites order by key offset (g.i % 3) limit 1),
         ag.id, tm.team_id, case when g.r >= 5 and g.r >= 15 then ag.id end,
         case when g.r >= 5 then g.at + interval '2 hours' end,
         case when g.r >= 30 then g.at + (6 + g.r % 60) * interval '1 hour' end,
         case when g.r >= 60 then g.at + (80 + g.r % 60) * interval '1 hour' end,
         case when g.r >= 60 then 'satisfied' end,
         case when g.r between 25 and 34 then 1 else 0 end,
         g.at, g.at + interval '3 hours'
  from g join a ag on ag.n = g.i % (select count(*) from a)
  join lateral (select team_id from team_members where user_id = ag.id limit 1) tm on true`);
await step('complaint deadlines', sql`
  insert into complaint_deadlines (complaint_id, kind, starts_at, due_at, met_at, breached_at)
  select id, 'first_response', created_at, created_at + interval '4 hours',
         case when status <> 'submitted' then created_at + interval '2 hours' end, null::timestamptz from complaints
  union all
  select id, 'resolution', created_at, created_at + interval '48 hours', resolved_at,
         case when resolved_at > created_at + interval '48 hours' or (resolved_at is null and created_at + interval '48 hours' < ${end}::timestamptz) then created_at + interval '48 hours' end
  from complaints where status <> 'rejected'`);
await step('complaint events', sql`
  insert into complaint_events (complaint_id, type, public, actor_id, text, data, created_at)
  select id, 'created', true, null::uuid, null::text, '{}'::jsonb, created_at from complaints
  union all
  select id, case when status = 'rejected' then 'rejected' else 'accepted' end, true, owner_id, null, '{}', judged_at from complaints where judged_at is not null
  union all
  select id, 'resolved', true, handler_id, '已处理', '{}', resolved_at from complaints where resolved_at is not null`);

await step('follow-ups', sql`
  insert into follow_ups (reason, status, visitor_id, conversation_id, assignee_id, due_at, outcome, created_at, completed_at)
  select 'batch', case when (extract(epoch from c.created_at)::bigint % 10) < 8 then 'done' else 'open' end, c.visitor_id, c.id, c.owner_id,
         c.resolved_at + interval '2 days',
         case when (extract(epoch from c.created_at)::bigint % 10) < 8 then 'reached' end, c.resolved_at,
         case when (extract(epoch from c.created_at)::bigint % 10) < 8 then c.resolved_at + interval '1 day' end
  from conversations c where c.resolved_at is not null and c.owner_id is not null and (extract(epoch from c.created_at)::bigint % 20) = 1`);
await step('QA reviews', sql`
  insert into qa_reviews (conversation_id, agent_id, reviewer_id, criteria, scores, total, comment, created_at)
  select c.id, c.owner_id, (select id from users where role = 'supervisor' order by email limit 1), '[]', '{}', 60 + (extract(epoch from c.created_at)::bigint % 40), '', c.resolved_at + interval '1 day'
  from conversations c where c.resolved_at is not null and c.owner_id is not null and (extract(epoch from c.created_at)::bigint % 33) = 2`);
await step('flagged replies', sql`
  insert into message_flags (message_id, conversation_id, agent_id, phrase_id, category, severity, phrase, excerpt, created_at)
  select m.id, m.conversation_id, m.author_id, null, 'impatient', 'medium', '不知道', '不知道', m.created_at
  from messages m where m.seq = 4 and m.author = 'agent' and (extract(epoch from m.created_at)::bigint % 50) = 3`);

await step('vacuum analyze', sql`vacuum analyze`);
const counts = await sql<{ t: string; n: number }>`
  select 'messages' as t, count(*)::int as n from messages union all select 'conversations', count(*)::int from conversations
  union all select 'complaints', count(*)::int from complaints union all select 'conversation_events', count(*)::int from conversation_events
  union all select 'surveys', count(*)::int from surveys`.execute(db);
console.log(counts.rows.map((r) => `${r.t} ${r.n.toLocaleString('en')}`).join(' · '));
console.log(`generated in ${((Date.now() - started) / 1000).toFixed(0)} s into ${args.db}`);
await database.close();
