import { sql, type Kysely } from 'kysely';

/** Complaints (客诉单): numbers, tracking tokens, timeline, SLA policies and applied deadlines, mail outbox. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('complaint_number_days')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('complaints')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('submitted','accepted','rejected','in_progress','resolved','reopened','closed')`),
    )
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('widget','conversation','phone')`))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull().check(sql`priority in ('urgent','high','normal','low')`))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('customer_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('zh-CN'))
    .addColumn('site_id', 'uuid', (c) => c.references('sites.id').onDelete('set null'))
    .addColumn('visitor_id', 'uuid', (c) => c.references('visitors.id').onDelete('set null'))
    .addColumn('conversation_id', 'uuid', (c) => c.references('conversations.id').onDelete('set null'))
    .addColumn('owner_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('team_id', 'uuid', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('handler_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('judged_by', 'uuid', (c) => c.references('users.id'))
    .addColumn('judged_at', 'timestamptz')
    .addColumn('rejection_reason', 'text')
    .addColumn('resolution', 'text')
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('close_reason', 'text')
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rating', 'integer', (c) => c.check(sql`rating between 1 and 5`))
    .addColumn('rating_comment', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('complaints_status_idx').on('complaints').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('complaints_visitor_idx').on('complaints').column('visitor_id').execute();
  await db.schema.createIndex('complaints_team_idx').on('complaints').column('team_id').execute();

  // Only SHA-256 hashes of tracking tokens: a leaked table reveals no working link. A complaint may
  // have several (one per mail or widget link), each with its own expiry.
  await db.schema
    .createTable('complaint_tracking_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('complaint_id', 'uuid', (c) => c.notNull().references('complaints.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('complaint_tracking_tokens_complaint_idx').on('complaint_tracking_tokens').column('complaint_id').execute();

  await db.schema
    .createTable('complaint_events')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Events of one change share a timestamp: the identity keeps the order they were recorded in.
    .addColumn('seq', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity())
    .addColumn('complaint_id', 'uuid', (c) => c.notNull().references('complaints.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('public', 'boolean', (c) => c.notNull())
    .addColumn('actor_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('text', 'text')
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('complaint_events_complaint_idx').on('complaint_events').columns(['complaint_id', 'seq']).execute();

  await db.schema
    .createTable('complaint_sla_policies')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('category', 'text')
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('first_response_minutes', 'integer', (c) => c.notNull())
    .addColumn('resolution_minutes', 'integer', (c) => c.notNull())
    .execute();
  await sql`create unique index complaint_sla_policies_key on complaint_sla_policies (coalesce(category, ''), priority)`.execute(db);
  await db
    .insertInto('complaint_sla_policies')
    .values([
      { category: null, priority: 'urgent', first_response_minutes: 30, resolution_minutes: 8 * 60 },
      { category: null, priority: 'high', first_response_minutes: 2 * 60, resolution_minutes: 24 * 60 },
      { category: null, priority: 'normal', first_response_minutes: 8 * 60, resolution_minutes: 72 * 60 },
      { category: null, priority: 'low', first_response_minutes: 24 * 60, resolution_minutes: 7 * 24 * 60 },
    ])
    .execute();

  // The SLA applied to one complaint (apart from the policy): a resolution deadline per round
  // (a reopen starts a new one); warned_at / breached_at are once-only flags set by the sweep.
  await db.schema
    .createTable('complaint_deadlines')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('complaint_id', 'uuid', (c) => c.notNull().references('complaints.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('first_response','resolution')`))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('met_at', 'timestamptz')
    .addColumn('warned_at', 'timestamptz')
    .addColumn('breached_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('complaint_deadlines_complaint_idx').on('complaint_deadlines').column('complaint_id').execute();
  await sql`create index complaint_deadlines_open_idx on complaint_deadlines (due_at) where met_at is null`.execute(db);

  // Files on local disk (KEFU_ATTACHMENTS_DIR), named by id; the type is the one sniffed from the bytes.
  await db.schema
    .createTable('complaint_attachments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('complaint_id', 'uuid', (c) => c.notNull().references('complaints.id').onDelete('cascade'))
    .addColumn('uploaded_by', 'text', (c) => c.notNull().check(sql`uploaded_by in ('customer','agent')`))
    .addColumn('actor_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('complaint_attachments_complaint_idx').on('complaint_attachments').column('complaint_id').execute();

  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('held','sent','failed')`))
    .addColumn('error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['mail_outbox', 'complaint_attachments', 'complaint_deadlines', 'complaint_sla_policies', 'complaint_events', 'complaint_tracking_tokens', 'complaints', 'complaint_number_days']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
