import { z } from 'zod';
import { ZRole, ZUser } from './agents';
import { ZId, ZLocale } from './common';
import { ZPermission } from './permissions';

/** The signed-in user as GET /api/me returns it: the user plus what their role may do now. */
export const ZMe = ZUser.extend({ permissions: z.array(ZPermission) });
export type TMe = z.infer<typeof ZMe>;

/** PUT /api/roles: the permissions each listed role holds (admin always holds all; omitted roles keep theirs). */
export const ZRolesBody = z.object({
  roles: z
    .array(z.object({ role: ZRole, permissions: z.array(ZPermission).max(50) }))
    .min(1)
    .max(4),
});
export type TRolesBody = z.infer<typeof ZRolesBody>;

/** POST /api/users/invite: the account is created inactive-until-accepted (no password yet). */
export const ZInviteBody = z.object({
  email: z.email().max(200),
  name: z.string().trim().min(1).max(100),
  role: ZRole.default('agent'),
  locale: ZLocale.default('zh-CN'),
  maxConcurrent: z.number().int().min(1).max(50).default(5),
  teamIds: z.array(ZId).default([]),
});
export type TInviteBody = z.input<typeof ZInviteBody>;

export const ZInviteResult = z.object({
  user: ZUser,
  /** The one-time link (shown once; only its hash is stored). */
  link: z.string(),
  expiresAt: z.string(),
  mailed: z.boolean(),
});
export type TInviteResult = z.infer<typeof ZInviteResult>;

/** What the invite page learns about a valid token before the invitee sets a password. */
export const ZInviteInfo = z.object({ name: z.string(), email: z.string(), locale: ZLocale.nullable() });
export type TInviteInfo = z.infer<typeof ZInviteInfo>;

export const ZAcceptInviteBody = z.object({
  token: z.string().min(20).max(100),
  password: z.string().min(8).max(200),
});
export type TAcceptInviteBody = z.infer<typeof ZAcceptInviteBody>;
