import { sql, type Kysely } from 'kysely';

/**
 * A user's language may be unset: the portal then follows the browser's, and mail to them is in
 * Chinese. The first admin, made at first start, is made without one, so an English browser does not
 * turn Chinese after sign-in; once someone picks a language in the portal it is kept on the account.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table users alter column locale drop not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update users set locale = 'zh-CN' where locale is null`.execute(db);
  await sql`alter table users alter column locale set not null`.execute(db);
}
