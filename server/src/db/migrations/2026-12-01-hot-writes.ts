import { sql, type Kysely } from 'kysely';

/**
 * The message write path updates its conversation on every message (sequence, preview, who is
 * waiting). Such an update can be HOT — a new row version on the same page, no index touched — only
 * if no indexed column changes and the page has room. `waiting_since` changes on every customer
 * message and every reply, and it was indexed, so every message wrote a new entry into all ten
 * indexes of `conversations` (91 % of updates were not HOT, docs/benchmarks.md). The monitor's
 * "waiting longest" read finds the open conversations through `conversations_one_open_per_visitor`
 * instead (there are few of them), and pages keep a fifth free for the new versions.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists conversations_waiting_idx`.execute(db);
  await sql`alter table conversations set (fillfactor = 80)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table conversations reset (fillfactor)`.execute(db);
  await sql`create index if not exists conversations_waiting_idx on conversations (waiting_since) where status <> 'resolved' and waiting_since is not null`.execute(db);
}
