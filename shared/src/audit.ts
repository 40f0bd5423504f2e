import { z } from 'zod';
import { ZId } from './common';

/** Security-relevant actions written to the append-only audit log (保密制度). Features add theirs here. */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'user.created',
  'user.updated',
  'user.role_changed',
  'user.deactivated',
  'user.invited',
  'role.permissions_changed',
  'team.changed',
  'settings.changed',
  'customer.revealed',
  'customer.exported',
  'customer.deleted',
  'data.exported',
  'retention.erased',
] as const;
export const ZAuditAction = z.enum(AUDIT_ACTIONS);
export type TAuditAction = z.infer<typeof ZAuditAction>;

export const ZAuditEntry = z.object({
  /** Increasing: the log's order. */
  id: z.string(),
  at: z.string(),
  actorId: ZId.nullable(),
  actorName: z.string().nullable(),
  action: ZAuditAction,
  targetType: z.string(),
  targetId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;

export const ZAuditQuery = z.object({
  action: ZAuditAction.optional(),
  actorId: ZId.optional(),
  targetType: z.string().max(40).optional(),
  targetId: z.string().max(100).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** Entries older than this id (paging). */
  before: z.string().regex(/^\d{1,18}$/).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;
