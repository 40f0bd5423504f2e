import { z } from 'zod';
import { ZId, ZLocale } from './common';

/** Roles grow in permission in this order. */
export const ROLES = ['agent', 'supervisor', 'manager', 'admin'] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

/** True when `role` has at least the permissions of `min`. */
export function roleAtLeast(role: TRole, min: TRole): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(min);
}

export const PRESENCE = ['online', 'away', 'offline'] as const;
export const ZPresence = z.enum(PRESENCE);
export type TPresence = z.infer<typeof ZPresence>;

export const ZUser = z.object({
  id: ZId,
  email: z.string(),
  name: z.string(),
  role: ZRole,
  /** null: not chosen — the portal follows the browser's language, and mail is in Chinese. */
  locale: ZLocale.nullable(),
  active: z.boolean(),
  maxConcurrent: z.number().int(),
  presence: ZPresence,
  teamIds: z.array(ZId),
});
export type TUser = z.infer<typeof ZUser>;

export const ZLoginBody = z.object({
  email: z.email().max(200),
  password: z.string().min(1).max(200),
});
export type TLoginBody = z.infer<typeof ZLoginBody>;

export const ZCreateUserBody = z.object({
  email: z.email().max(200),
  name: z.string().trim().min(1).max(100),
  password: z.string().min(8).max(200),
  role: ZRole.default('agent'),
  locale: ZLocale.nullable().default('zh-CN'),
  maxConcurrent: z.number().int().min(1).max(50).default(5),
  teamIds: z.array(ZId).default([]),
});
export type TCreateUserBody = z.input<typeof ZCreateUserBody>;

export const ZUpdateUserBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    password: z.string().min(8).max(200),
    role: ZRole,
    locale: ZLocale.nullable(),
    active: z.boolean(),
    maxConcurrent: z.number().int().min(1).max(50),
    teamIds: z.array(ZId),
  })
  .partial();
export type TUpdateUserBody = z.infer<typeof ZUpdateUserBody>;

export const ZTeam = z.object({
  id: ZId,
  name: z.string(),
  memberIds: z.array(ZId),
});
export type TTeam = z.infer<typeof ZTeam>;

export const ZTeamBody = z.object({
  name: z.string().trim().min(1).max(100),
  memberIds: z.array(ZId).default([]),
});
export type TTeamBody = z.input<typeof ZTeamBody>;

export const ZCannedReply = z.object({
  id: ZId,
  shortcut: z.string(),
  title: z.string(),
  /** May hold {customer.name}, {customer.email}, {agent.name}: filled in when the agent inserts it. */
  body: z.string(),
  /** The team whose agents see it; null = every agent. */
  teamId: ZId.nullable().optional(),
});
export type TCannedReply = z.infer<typeof ZCannedReply>;

export const ZCannedReplyBody = z.object({
  shortcut: z.string().trim().min(1).max(40).regex(/^[\p{L}\p{N}_-]+$/u),
  title: z.string().trim().min(1).max(100),
  body: z.string().trim().min(1).max(4000),
  teamId: ZId.nullable().default(null),
});
