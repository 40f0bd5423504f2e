import { type Kysely, sql } from 'kysely';

/**
 * The append-only audit log (保密制度) and the per-role permission mapping. The log table refuses
 * UPDATE and DELETE by trigger, so no code path (nor a stray query) can rewrite history; only the
 * retention of the log itself, run as the table owner with the trigger disabled, could.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_log')
    .ifNotExists()
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor_id', 'uuid')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text')
    .addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('ip', 'text')
    .execute();
  await sql`create index if not exists audit_log_at on audit_log (at desc)`.execute(db);
  await sql`create index if not exists audit_log_target on audit_log (target_type, target_id)`.execute(db);
  await sql`create index if not exists audit_log_actor on audit_log (actor_id, at desc)`.execute(db);
  await sql`
    create or replace function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only';
    end $$`.execute(db);
  await sql`drop trigger if exists audit_log_no_change on audit_log`.execute(db);
  await sql`create trigger audit_log_no_change before update or delete on audit_log
    for each row execute function audit_log_append_only()`.execute(db);

  await db.schema
    .createTable('role_permissions')
    .ifNotExists()
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('permission', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('role_permissions_pk', ['role', 'permission'])
    .execute();
  // Defaults (kept in sync with DEFAULT_ROLE_PERMISSIONS in shared/src/permissions.ts; migrations
  // never import app code).
  const defaults: Record<string, string[]> = {
    supervisor: ['reports.view'],
    manager: ['complaints.judge', 'customers.reveal', 'data.export', 'reports.view', 'settings.manage'],
    admin: ['complaints.judge', 'customers.reveal', 'customers.delete', 'data.export', 'reports.view', 'settings.manage', 'users.manage', 'audit.view'],
  };
  const rows = Object.entries(defaults).flatMap(([role, perms]) => perms.map((permission) => ({ role, permission })));
  await db.insertInto('role_permissions').values(rows).onConflict((oc) => oc.doNothing()).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('role_permissions').ifExists().execute();
  await db.schema.dropTable('audit_log').ifExists().execute();
  await sql`drop function if exists audit_log_append_only()`.execute(db);
}
