import { sql, type Kysely } from 'kysely';

/**
 * Files on chat messages. A row is made at upload (by one party, for one visitor or one
 * conversation) and bound to exactly one message when that party sends a message naming it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('message_attachments')
    .ifNotExists()
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('uploaded_by', 'text', (c) => c.notNull().check(sql`uploaded_by in ('customer','agent')`))
    .addColumn('visitor_id', 'uuid', (c) => c.references('visitors.id').onDelete('cascade'))
    .addColumn('agent_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('conversation_id', 'uuid', (c) => c.references('conversations.id').onDelete('cascade'))
    .addColumn('message_id', 'uuid', (c) => c.references('messages.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('message_attachments_party', sql`(uploaded_by = 'customer' and visitor_id is not null) or (uploaded_by = 'agent' and agent_id is not null and conversation_id is not null)`)
    .execute();
  await sql`create index if not exists message_attachments_message on message_attachments (message_id) where message_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('message_attachments').ifExists().execute();
}
