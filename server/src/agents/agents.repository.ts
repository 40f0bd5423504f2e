import { sql } from 'kysely';
import type { TPresence, TUser } from '@kefu/shared';
import type { DbOrTrx } from '../db/database';
import type { UserRow } from './agents.table';

export async function findUserByEmail(db: DbOrTrx, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

export async function findUserById(db: DbOrTrx, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listTeamIds(db: DbOrTrx, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('team_members').select('team_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.team_id);
}

/** Users with their team ids, in the wire shape. */
export async function listUsers(db: DbOrTrx, ids?: string[]): Promise<TUser[]> {
  if (ids && ids.length === 0) return [];
  let q = db
    .selectFrom('users as u')
    .select([
      'u.id',
      'u.email',
      'u.name',
      'u.role',
      'u.locale',
      'u.active',
      'u.max_concurrent',
      'u.presence',
      sql<string[]>`coalesce((select array_agg(tm.team_id) from team_members tm where tm.user_id = u.id), '{}')`.as('team_ids'),
    ])
    .orderBy('u.name');
  if (ids) q = q.where('u.id', 'in', ids);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    locale: r.locale,
    active: r.active,
    maxConcurrent: r.max_concurrent,
    presence: r.presence,
    teamIds: r.team_ids,
  }));
}

export async function setTeamsOfUser(db: DbOrTrx, userId: string, teamIds: string[]): Promise<void> {
  await db.deleteFrom('team_members').where('user_id', '=', userId).execute();
  if (teamIds.length > 0) {
    await db.insertInto('team_members').values(teamIds.map((team_id) => ({ team_id, user_id: userId }))).execute();
  }
}

export async function setPresence(db: DbOrTrx, userId: string, presence: TPresence, at: Date): Promise<void> {
  await db
    .updateTable('users')
    .set({ presence, presence_changed_at: at })
    .where('id', '=', userId)
    .where('presence', '<>', presence)
    .execute();
}

export async function insertSession(db: DbOrTrx, tokenHash: string, userId: string, expiresAt: Date): Promise<void> {
  await db.insertInto('sessions').values({ token_hash: tokenHash, user_id: userId, expires_at: expiresAt }).execute();
}

export async function findSessionUser(db: DbOrTrx, tokenHash: string, now: Date): Promise<UserRow | undefined> {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .selectAll('u')
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', now)
    .where('u.active', '=', true)
    .executeTakeFirst();
}

export async function deleteSession(db: DbOrTrx, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteSessionsOfUser(db: DbOrTrx, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
