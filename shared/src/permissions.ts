import { z } from 'zod';
import { ROLES, type TRole } from './agents';

/**
 * What a role may do beyond its place in the role order. Admins edit the mapping per role
 * (Settings → Roles); these are the defaults a new installation starts with.
 */
export const PERMISSIONS = [
  'complaints.judge', // 投诉判断: accept or reject a complaint
  'customers.reveal', // see unmasked phone/email (each reveal audited)
  'customers.delete', // erase/anonymise a customer (data subject request)
  'data.export', // CSV and customer data exports (audited)
  'reports.view', // reports and scorecards
  'settings.manage', // sites, SLA policies, canned replies, help articles, phrases
  'users.manage', // users, teams, roles and permissions
  'audit.view', // read the audit log
] as const;
export const ZPermission = z.enum(PERMISSIONS);
export type TPermission = z.infer<typeof ZPermission>;

export const DEFAULT_ROLE_PERMISSIONS: Record<TRole, readonly TPermission[]> = {
  agent: [],
  supervisor: ['reports.view'],
  manager: ['complaints.judge', 'customers.reveal', 'data.export', 'reports.view', 'settings.manage'],
  admin: PERMISSIONS,
};

export const ZRolePermissions = z.object({
  role: z.enum(ROLES),
  permissions: z.array(ZPermission),
});
export type TRolePermissions = z.infer<typeof ZRolePermissions>;
