import { sql } from 'kysely';
import type { TAuditEntry, TAuditQuery } from '@kefu/shared';
import type { DbOrTrx } from '../db/database';

export type AuditInsert = {
  actorId: string | null;
  action: TAuditEntry['action'];
  targetType: string;
  targetId: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
  at: Date;
};

export async function insertAuditEntry(db: DbOrTrx, e: AuditInsert): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: e.at,
      actor_id: e.actorId,
      action: e.action,
      target_type: e.targetType,
      target_id: e.targetId,
      detail: JSON.stringify(e.detail),
      ip: e.ip,
    })
    .execute();
}

/** Newest first, filtered; `before` pages back through older entries. */
export async function findAuditEntries(db: DbOrTrx, q: TAuditQuery): Promise<TAuditEntry[]> {
  let query = db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .select([
      sql<string>`a.id::text`.as('id'),
      'a.at',
      'a.actor_id',
      'u.name as actor_name',
      'a.action',
      'a.target_type',
      'a.target_id',
      'a.detail',
      'a.ip',
    ])
    .orderBy('a.id', 'desc')
    .limit(q.limit);
  if (q.action) query = query.where('a.action', '=', q.action);
  if (q.actorId) query = query.where('a.actor_id', '=', q.actorId);
  if (q.targetType) query = query.where('a.target_type', '=', q.targetType);
  if (q.targetId) query = query.where('a.target_id', '=', q.targetId);
  if (q.from) query = query.where('a.at', '>=', new Date(q.from));
  if (q.to) query = query.where('a.at', '<', new Date(q.to));
  if (q.before) query = query.where(sql<boolean>`a.id < ${q.before}::bigint`);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actorId: r.actor_id,
    actorName: r.actor_name ?? null,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    detail: r.detail ?? {},
    ip: r.ip,
  }));
}

export async function listRolePermissions(db: DbOrTrx): Promise<{ role: string; permission: string }[]> {
  return db.selectFrom('role_permissions').select(['role', 'permission']).execute();
}
