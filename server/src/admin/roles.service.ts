import { PERMISSIONS, ROLES, type TPermission, type TRole, type TRolePermissions, type TRolesBody } from '@kefu/shared';
import { clearRolePermissionsCache, recordAudit, rolePermissions } from '../audit/audit.service';
import type { Ctx } from '../platform/context';
import type { TSettingsActor } from './settings-audit';

/** Every role with the permissions it holds now (admin: all of them, always). */
export async function listRoles(ctx: Ctx): Promise<TRolePermissions[]> {
  clearRolePermissionsCache();
  const map = await rolePermissions(ctx.db);
  return ROLES.map((role) => ({ role, permissions: PERMISSIONS.filter((p) => map[role].has(p)) }));
}

/**
 * Replaces the permissions of the listed roles (admin is skipped: it always holds every permission,
 * so nobody can lock the installation out of its own settings). Each role that changed gets a
 * 'role.permissions_changed' entry with what was added and removed. Other processes pick the change
 * up within the 5 s cache of rolePermissions.
 */
export async function saveRoles(ctx: Ctx, body: TRolesBody, actor: TSettingsActor): Promise<TRolePermissions[]> {
  clearRolePermissionsCache();
  const before = await rolePermissions(ctx.db);
  await ctx.db.transaction().execute(async (trx) => {
    for (const { role, permissions } of body.roles) {
      if (role === 'admin') continue;
      const next = new Set<TPermission>(permissions);
      const added = PERMISSIONS.filter((p) => next.has(p) && !before[role].has(p));
      const removed = PERMISSIONS.filter((p) => !next.has(p) && before[role].has(p));
      if (added.length === 0 && removed.length === 0) continue;
      await trx.deleteFrom('role_permissions').where('role', '=', role as TRole).execute();
      if (next.size > 0) await trx.insertInto('role_permissions').values([...next].map((permission) => ({ role, permission }))).execute();
      await recordAudit(trx, { actorId: actor.id, action: 'role.permissions_changed', targetType: 'role', targetId: role, detail: { added, removed }, ip: actor.ip ?? null }, ctx.clock());
    }
  });
  clearRolePermissionsCache();
  return listRoles(ctx);
}
