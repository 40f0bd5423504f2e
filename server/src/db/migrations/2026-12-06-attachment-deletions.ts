import { sql, type Kysely } from 'kysely';

/**
 * Attachment files to delete: an erasure, or the sweep of chat uploads never sent, removes the rows
 * and queues the ids here in the same transaction; the files are deleted after the commit and their
 * queue rows with them. A file is only ever deleted because the database said so — never because a
 * row could not be found (a server pointed at the wrong database must not empty the folder).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('attachment_deletions')
    .ifNotExists()
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('queued_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // The sweep's question: uploads no message has named, oldest first.
  await sql`create index if not exists message_attachments_unsent on message_attachments (created_at) where message_id is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists message_attachments_unsent`.execute(db);
  await db.schema.dropTable('attachment_deletions').ifExists().execute();
}
