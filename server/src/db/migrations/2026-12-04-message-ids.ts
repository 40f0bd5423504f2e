import { sql, type Kysely } from 'kysely';

/**
 * A message's key is a time-ordered UUID (version 7, RFC 9562: 48 bits of Unix milliseconds, then
 * 74 random bits) instead of a random one. Every message inserts into the key's index; with random
 * keys each insert lands on a random leaf of an index as large as the history, so the pages touched
 * per message are spread over all of it and, after each checkpoint, each first touch of a leaf writes
 * a whole page to the WAL. Ordered keys go to the right-hand leaf, as a serial key does. Rows stored
 * before keep their keys. PostgreSQL 15 has no `uuidv7()` (18 has); this is the same layout.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function kefu_uuid_v7() returns uuid language sql volatile as $fn$
      select encode(
        set_bit(set_bit(
          overlay(uuid_send(gen_random_uuid())
            placing substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3)
            from 1 for 6),
          52, 1), 53, 1),
        'hex')::uuid
    $fn$`.execute(db);
  await sql`alter table messages alter column id set default kefu_uuid_v7()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table messages alter column id set default gen_random_uuid()`.execute(db);
  await sql`drop function if exists kefu_uuid_v7()`.execute(db);
}
