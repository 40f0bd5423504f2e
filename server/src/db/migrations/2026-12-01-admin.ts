import { type Kysely, sql } from 'kysely';

/**
 * Administration: one-time invite links (only the token's hash is stored), the site's launcher side
 * and routing rules, and canned replies per team (null team = global).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('user_invites')
    .ifNotExists()
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
  await sql`create index if not exists user_invites_user on user_invites (user_id)`.execute(db);

  await sql`alter table sites add column if not exists launcher_position text not null default 'right'`.execute(db);
  await sql`alter table sites add column if not exists routing_rules jsonb not null default '{"vipTeamId":null,"categoryTeams":{}}'::jsonb`.execute(db);

  await sql`alter table canned_replies add column if not exists team_id uuid references teams(id) on delete cascade`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table canned_replies drop column if exists team_id`.execute(db);
  await sql`alter table sites drop column if exists routing_rules`.execute(db);
  await sql`alter table sites drop column if exists launcher_position`.execute(db);
  await db.schema.dropTable('user_invites').ifExists().execute();
}
