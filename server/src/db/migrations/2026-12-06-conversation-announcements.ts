import { sql, type Kysely } from 'kysely';

/**
 * Conversations whose change of state (an assignment, claim, transfer, resolve…) has committed but may not have
 * been told yet: the row is written in the change's transaction and deleted once its process has
 * published it. A process killed in between leaves the row, and the routing sweep of any process
 * announces the conversation as it now is (docs/architecture.md, "Announcements").
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('conversation_announcements')
    .ifNotExists()
    .addColumn('conversation_id', 'uuid', (c) => c.primaryKey().references('conversations.id').onDelete('cascade'))
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('conversation_announcements').ifExists().execute();
}
