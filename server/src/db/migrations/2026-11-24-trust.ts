import { type Kysely, sql } from 'kysely';

/**
 * Rate-limit counters shared by every server process (rate-limiter-flexible's PostgreSQL store:
 * one row per key, points and expiry in epoch ms). Unused with REDIS_URL or on PGlite.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .ifNotExists()
    .addColumn('key', 'varchar(255)', (c) => c.primaryKey())
    .addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expire', 'bigint')
    .execute();
  await sql`create index if not exists rate_limits_expire on rate_limits (expire)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limits').ifExists().execute();
}
