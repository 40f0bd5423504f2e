import { sql, type Kysely } from 'kysely';

/**
 * Live monitor and scheduled reports (issue 5): indexes for the monitor's "today" and "waiting
 * longest" reads, and `scheduled_reports`, one row per (kind, period) claimed before the report is
 * made, so that with several server processes each report is made and mailed once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Today's resolved/missed counters read one day of resolutions.
  await sql`create index if not exists conversations_resolved_idx on conversations (resolved_at) where resolved_at is not null`.execute(db);
  // Open conversations waiting for a reply, longest first (a handful among the resolved many).
  await sql`create index if not exists conversations_waiting_idx on conversations (waiting_since) where status <> 'resolved' and waiting_since is not null`.execute(db);

  await db.schema
    .createTable('scheduled_reports')
    .ifNotExists()
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('daily','weekly','monthly')`))
    // Local dates (YYYY-MM-DD) in time_zone, both included.
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('making','sent','stored','failed')`))
    .addColumn('claimed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('made_at', 'timestamptz')
    .addColumn('recipients', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('subject', 'text')
    // The figures as made (buildReport by team and by agent): mails and downloads render them in the reader's language.
    .addColumn('figures', 'jsonb')
    .addColumn('error', 'text')
    .execute();
  await sql`create unique index if not exists scheduled_reports_period_key on scheduled_reports (kind, period_from)`.execute(db);
  await sql`create index if not exists scheduled_reports_made_idx on scheduled_reports (claimed_at desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('scheduled_reports').ifExists().execute();
  await sql`drop index if exists conversations_waiting_idx`.execute(db);
  await sql`drop index if exists conversations_resolved_idx`.execute(db);
}
