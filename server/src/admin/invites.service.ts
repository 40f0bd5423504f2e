import { ZInviteBody, type TInviteBody, type TInviteInfo, type TInviteResult, type TUser } from '@kefu/shared';
import * as agents from '../agents/agents.service';
import * as agentsRepo from '../agents/agents.repository';
import { recordAudit } from '../audit/audit.service';
import { sendMail } from '../mail/mail.service';
import type { Ctx } from '../platform/context';
import { AppError } from '../platform/errors';
import { hashPassword, hashToken, randomToken } from '../platform/secrets';
import type { TSettingsActor } from './settings-audit';

export const INVITE_HOURS = 72;

/** The invite page of the portal for a token. */
export function inviteLink(ctx: Ctx, token: string): string {
  return `${ctx.config.publicUrl}/portal/#/invite/${token}`;
}

/**
 * Creates the user with an unusable password and a one-time link (256-bit token, only its SHA-256
 * stored, valid INVITE_HOURS, single use) where they set their own password. The link is mailed to
 * the user's address; the outbox copy never holds it.
 */
export async function inviteUser(ctx: Ctx, body: TInviteBody, actor: TSettingsActor): Promise<TInviteResult> {
  const input = ZInviteBody.parse(body);
  // Nobody knows this password: the account is usable only once the invitee sets theirs.
  const user = await agents.createUser(ctx, { ...input, password: randomToken(24) }, actor);
  const { token, expiresAt } = await issueInvite(ctx, user, actor);
  return { user, link: inviteLink(ctx, token), expiresAt: expiresAt.toISOString(), mailed: await mailInvite(ctx, user, token) };
}

/** A new link for an existing user (earlier unused links stop working). */
export async function reinviteUser(ctx: Ctx, userId: string, actor: TSettingsActor): Promise<TInviteResult> {
  const user = await agents.getUser(ctx.db, userId);
  if (!user.active) throw new AppError('conflict', 'the user is deactivated');
  const { token, expiresAt } = await issueInvite(ctx, user, actor);
  return { user, link: inviteLink(ctx, token), expiresAt: expiresAt.toISOString(), mailed: await mailInvite(ctx, user, token) };
}

async function issueInvite(ctx: Ctx, user: TUser, actor: TSettingsActor): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken(32);
  const now = ctx.clock();
  const expiresAt = new Date(now.getTime() + INVITE_HOURS * 3_600_000);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('user_invites').where('user_id', '=', user.id).where('used_at', 'is', null).execute();
    await trx.insertInto('user_invites').values({ token_hash: hashToken(token), user_id: user.id, created_by: actor.id, created_at: now, expires_at: expiresAt, used_at: null }).execute();
    await recordAudit(trx, { actorId: actor.id, action: 'user.invited', targetType: 'user', targetId: user.id, detail: { email: user.email, expiresAt: expiresAt.toISOString() }, ip: actor.ip ?? null }, now);
  });
  return { token, expiresAt };
}

async function mailInvite(ctx: Ctx, user: TUser, token: string): Promise<boolean> {
  const link = inviteLink(ctx, token);
  const zh = user.locale !== 'en';
  const text = zh
    ? `${user.name}，您好：\n\n您已受邀使用 Kefu 客服系统。请在 ${INVITE_HOURS} 小时内打开以下链接设置密码（链接只能使用一次）：\n\n${link}\n`
    : `Hello ${user.name},\n\nYou have been invited to Kefu. Open this link within ${INVITE_HOURS} hours to set your password (it works once):\n\n${link}\n`;
  const mail = await sendMail(ctx, { to: user.email, subject: zh ? 'Kefu 账号邀请' : 'Your Kefu invitation', text, secret: link, keepSecretOut: true });
  return mail.status === 'sent';
}

type ValidInvite = { token_hash: string; user_id: string };

async function findValidInvite(ctx: Ctx, token: string): Promise<ValidInvite | undefined> {
  const row = await ctx.db
    .selectFrom('user_invites as i')
    .innerJoin('users as u', 'u.id', 'i.user_id')
    .select(['i.token_hash', 'i.user_id'])
    .where('i.token_hash', '=', hashToken(token))
    .where('i.used_at', 'is', null)
    .where('i.expires_at', '>', ctx.clock())
    .where('u.active', '=', true)
    .executeTakeFirst();
  return row;
}

/** Who a valid invite is for (the invite page greets them); 404 for unknown, used or expired links. */
export async function inviteInfo(ctx: Ctx, token: string): Promise<TInviteInfo> {
  const invite = await findValidInvite(ctx, token);
  if (!invite) throw new AppError('not_found', 'this invite link is not valid (used or expired)');
  const user = await agents.getUser(ctx.db, invite.user_id);
  return { name: user.name, email: user.email, locale: user.locale };
}

/**
 * Sets the invitee's password, uses the link up (atomically: two tabs cannot both use it) and signs
 * them in. Returns the new session token.
 */
export async function acceptInvite(ctx: Ctx, token: string, password: string, ip: string | null): Promise<{ token: string; user: TUser }> {
  const invite = await findValidInvite(ctx, token);
  if (!invite) throw new AppError('not_found', 'this invite link is not valid (used or expired)');
  const passwordHash = await hashPassword(password);
  const session = randomToken();
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const used = await trx.updateTable('user_invites').set({ used_at: now }).where('token_hash', '=', invite.token_hash).where('used_at', 'is', null).returning('user_id').executeTakeFirst();
    if (!used) throw new AppError('not_found', 'this invite link is not valid (used or expired)');
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', invite.user_id).execute();
    await agentsRepo.insertSession(trx, hashToken(session), invite.user_id, new Date(now.getTime() + 7 * 86_400_000));
    await recordAudit(trx, { actorId: invite.user_id, action: 'user.updated', targetType: 'user', targetId: invite.user_id, detail: { fields: ['password'], via: 'invite' }, ip }, now);
    await recordAudit(trx, { actorId: invite.user_id, action: 'auth.login', targetType: 'user', targetId: invite.user_id, detail: { via: 'invite' }, ip }, now);
  });
  return { token: session, user: await agents.getUser(ctx.db, invite.user_id) };
}
