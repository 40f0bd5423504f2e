import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('agent','supervisor','manager','admin')`))
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('zh-CN'))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('max_concurrent', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('presence', 'text', (c) => c.notNull().defaultTo('offline'))
    .addColumn('presence_changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_assigned_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index users_email_key on users (lower(email))`.execute(db);

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('teams')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('team_members')
    .addColumn('team_id', 'uuid', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('team_members_pkey', ['team_id', 'user_id'])
    .execute();
  await db.schema.createIndex('team_members_user_idx').on('team_members').column('user_id').execute();

  await db.schema
    .createTable('canned_replies')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('shortcut', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('sites')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('allowed_origins', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('default_team_id', 'uuid', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('greeting', 'jsonb', (c) => c.notNull())
    .addColumn('offline_message', 'jsonb', (c) => c.notNull())
    .addColumn('locale', 'text')
    .addColumn('color', 'text', (c) => c.notNull().defaultTo('#1f6feb'))
    .addColumn('business_hours', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('visitors')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('site_id', 'uuid', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text')
    .addColumn('email', 'text')
    .addColumn('vip', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('conversations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('site_id', 'uuid', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('visitor_id', 'uuid', (c) => c.notNull().references('visitors.id').onDelete('cascade'))
    .addColumn('team_id', 'uuid', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued','active','resolved')`))
    .addColumn('priority', 'text', (c) => c.notNull().defaultTo('normal'))
    .addColumn('channel', 'text', (c) => c.notNull().defaultTo('widget'))
    .addColumn('assignee_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('owner_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('queued_at', 'timestamptz')
    .addColumn('assigned_at', 'timestamptz')
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_message_text', 'text')
    .addColumn('last_message_at', 'timestamptz')
    .addColumn('waiting_since', 'timestamptz')
    .addColumn('missed_agent_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'::uuid[]`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // One open conversation per visitor: a double click or two tabs cannot start two.
  await sql`create unique index conversations_one_open_per_visitor on conversations (visitor_id) where status <> 'resolved'`.execute(db);
  await sql`create index conversations_queue_idx on conversations (team_id, queued_at) where status = 'queued'`.execute(db);
  await sql`create index conversations_assignee_idx on conversations (assignee_id) where status = 'active'`.execute(db);
  await sql`create index conversations_visitor_idx on conversations (visitor_id, created_at desc)`.execute(db);
  await sql`create index conversations_team_served_idx on conversations (team_id, assigned_at desc) where assigned_at is not null`.execute(db);

  await db.schema
    .createTable('messages')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('conversation_id', 'uuid', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('author_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('internal', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('messages_conversation_seq_key', ['conversation_id', 'seq'])
    .addUniqueConstraint('messages_conversation_client_key', ['conversation_id', 'client_id'])
    .execute();

  await db.schema
    .createTable('conversation_events')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('conversation_id', 'uuid', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('conversation_events_conversation_idx')
    .on('conversation_events')
    .columns(['conversation_id', 'created_at'])
    .execute();
  await createAdapterTable(db);
}

// socket.io's PostgreSQL adapter keeps large cross-process packets here (docs/deployment.md).
async function createAdapterTable(db: Kysely<any>): Promise<void> {
  await sql`create table if not exists socket_io_attachments (id bigserial unique, created_at timestamptz default now(), payload bytea)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['socket_io_attachments', 'conversation_events', 'messages', 'conversations', 'visitors', 'sites', 'canned_replies', 'team_members', 'teams', 'sessions', 'users']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
