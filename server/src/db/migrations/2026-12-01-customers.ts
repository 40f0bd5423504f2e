import { type Kysely, sql } from 'kysely';

/**
 * Customer profiles (客户档案): one customer per site, identified by the host's external id (verified
 * by HMAC) or, for anonymous visitors, one per visitor. Visitors point at their customer; earlier
 * visitors get an anonymous customer each. Sites get an identity secret for the HMAC.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Filled with crypto.randomBytes by the server on first use (customers.identity.ts), not by SQL's random().
  await sql`alter table sites add column if not exists identity_secret text`.execute(db);

  await db.schema
    .createTable('customers')
    .ifNotExists()
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('site_id', 'uuid', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('external_id', 'text')
    .addColumn('verified', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('name', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('vip', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('region', 'text')
    .addColumn('tags', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('erased_at', 'timestamptz')
    .execute();
  await sql`create unique index if not exists customers_site_external on customers (site_id, external_id) where external_id is not null`.execute(db);
  await sql`create index if not exists customers_last_seen on customers (last_seen_at) where erased_at is null`.execute(db);

  await db.schema
    .createTable('customer_notes')
    .ifNotExists()
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('customer_id', 'uuid', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('author_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index if not exists customer_notes_customer on customer_notes (customer_id, created_at desc)`.execute(db);

  await sql`alter table visitors add column if not exists customer_id uuid references customers(id) on delete set null`.execute(db);
  await sql`create index if not exists visitors_customer on visitors (customer_id)`.execute(db);
  // Complaints registered by phone have no visitor: retention finds them by their own close date.
  await sql`alter table complaints add column if not exists personal_erased_at timestamptz`.execute(db);

  // One anonymous customer per existing visitor (same id, so the backfill is one statement).
  await sql`insert into customers (id, site_id, name, email, vip, created_at, last_seen_at)
    select v.id, v.site_id, v.name, v.email, v.vip, v.created_at, v.last_seen_at from visitors v
    where v.customer_id is null on conflict (id) do nothing`.execute(db);
  await sql`update visitors set customer_id = id where customer_id is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table complaints drop column if exists personal_erased_at`.execute(db);
  await sql`alter table visitors drop column if exists customer_id`.execute(db);
  await db.schema.dropTable('customer_notes').ifExists().execute();
  await db.schema.dropTable('customers').ifExists().execute();
  await sql`alter table sites drop column if exists identity_secret`.execute(db);
}
