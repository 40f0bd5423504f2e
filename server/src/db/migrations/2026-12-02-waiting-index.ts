import { sql, type Kysely } from 'kysely';

/**
 * `2026-12-01-hot-writes` dropped `conversations_waiting_idx` so that the conversation update each
 * message makes stays HOT, but migrations run in name order and `2026-12-01-monitor`, which created
 * that index, sorts after it: on every database the index was back. Dropped again here, after all.
 * A new conversation with a customer waiting changes `waiting_since` on nearly every message; with
 * the index, each such update wrote an entry into all ten indexes of `conversations`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists conversations_waiting_idx`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index if not exists conversations_waiting_idx on conversations (waiting_since) where status <> 'resolved' and waiting_since is not null`.execute(db);
}
