import { PERMISSIONS, ROLES, type TAuditAction, type TPermission, type TRole } from '@kefu/shared';
import type { DbOrTrx } from '../db/database';
import { insertAuditEntry, listRolePermissions } from './audit.repository';

/** What an audit entry records; `ip` is the request's address where there is one. */
export type TAuditInput = {
  actorId: string | null;
  action: TAuditAction;
  targetType: string;
  targetId?: string | null;
  detail?: Record<string, unknown>;
  ip?: string | null;
};

/**
 * Appends one entry to the audit log. Call it inside the transaction that makes the change, so the
 * change and its record commit together (or neither does).
 * @example await recordAudit(trx, { actorId: agent.id, action: 'customer.revealed', targetType: 'customer', targetId: id, detail: { field: 'phone' }, ip }, ctx.clock())
 */
export async function recordAudit(db: DbOrTrx, entry: TAuditInput, now: Date = new Date()): Promise<void> {
  await insertAuditEntry(db, {
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    detail: entry.detail ?? {},
    ip: entry.ip ?? null,
    at: now,
  });
}

type PermissionMap = Record<TRole, ReadonlySet<TPermission>>;
const CACHE_MS = 5_000;
let cached: { at: number; map: PermissionMap; db: DbOrTrx } | undefined;

/**
 * The permissions of each role, read from `role_permissions` and cached per process for 5 s (so a
 * change made on another process applies within seconds without a restart). Admins always hold
 * every permission, so nobody can lock the installation out of its own settings.
 */
export async function rolePermissions(db: DbOrTrx, nowMs = Date.now()): Promise<PermissionMap> {
  if (cached && cached.db === db && nowMs - cached.at < CACHE_MS) return cached.map;
  const rows = await listRolePermissions(db);
  const map = Object.fromEntries(ROLES.map((r) => [r, new Set<TPermission>()])) as Record<TRole, Set<TPermission>>;
  for (const row of rows) {
    if ((ROLES as readonly string[]).includes(row.role) && (PERMISSIONS as readonly string[]).includes(row.permission)) {
      map[row.role as TRole].add(row.permission as TPermission);
    }
  }
  map.admin = new Set(PERMISSIONS);
  cached = { at: nowMs, map, db };
  return map;
}

/** Forget the cached mapping (after this process changed it). */
export function clearRolePermissionsCache(): void {
  cached = undefined;
}

/** The permissions a role holds now. */
export async function permissionsOf(db: DbOrTrx, role: TRole): Promise<TPermission[]> {
  return [...(await rolePermissions(db))[role]];
}
