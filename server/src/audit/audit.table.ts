import type { ColumnType, Generated } from 'kysely';
import type { TAuditAction, TPermission, TRole } from '@kefu/shared';

export interface AuditLogTable {
  /** bigserial: read as a string so ids beyond 2^53 stay exact. */
  id: ColumnType<string, never, never>;
  at: Generated<Date>;
  actor_id: string | null;
  action: TAuditAction;
  target_type: string;
  target_id: string | null;
  detail: ColumnType<Record<string, unknown>, string, never>;
  ip: string | null;
}

export interface RolePermissionsTable {
  role: TRole;
  permission: TPermission;
}
