import type { TCreateUserBody, TPresence, TTeam, TUpdateUserBody, TUser } from '@kefu/shared';
import { ZCreateUserBody } from '@kefu/shared';
import type { DbOrTrx } from '../db/database';
import type { Ctx } from '../platform/context';
import { AppError } from '../platform/errors';
import { hashPassword, hashToken, randomToken, verifyPassword } from '../platform/secrets';
import { recordAudit } from '../audit/audit.service';
import * as repo from './agents.repository';
import type { UserRow } from './agents.table';

const SESSION_DAYS = 7;

/** Who makes an administrative change, for the audit log (null actor = the system, e.g. bootstrap). */
export type TActor = { id: string | null; ip?: string | null };
const SYSTEM: TActor = { id: null };

/**
 * Checks email and password; on success opens a session and returns its token. Every attempt is
 * counted per account and per client address before the password is checked (atomically in the
 * shared store, so parallel guesses cannot slip past the lockout); a success clears the account's count.
 */
export async function login(ctx: Ctx, email: string, password: string, ip = 'unknown'): Promise<{ token: string; user: TUser }> {
  const account = email.trim().toLowerCase();
  await ctx.limits.consume('login_ip', ip);
  await ctx.limits.consume('login_account', account);
  const row = await repo.findUserByEmail(ctx.db, email);
  // Verify against a dummy hash when the user is unknown, so timing does not reveal which emails exist.
  const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
  if (!row || !ok || !row.active) {
    const reason = !row ? 'unknown_email' : !ok ? 'wrong_password' : 'deactivated';
    await recordAudit(ctx.db, { actorId: row?.id ?? null, action: 'auth.login_failed', targetType: 'user', targetId: row?.id ?? null, detail: { email: account, reason }, ip }, ctx.clock());
    throw new AppError('unauthenticated', 'wrong email or password');
  }
  await Promise.all([ctx.limits.reset('login_account', account), ctx.limits.refund('login_ip', ip)]);
  const token = randomToken();
  const expires = new Date(ctx.clock().getTime() + SESSION_DAYS * 86_400_000);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertSession(trx, hashToken(token), row.id, expires);
    await recordAudit(trx, { actorId: row.id, action: 'auth.login', targetType: 'user', targetId: row.id, ip }, ctx.clock());
  });
  return { token, user: await getUser(ctx.db, row.id) };
}
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** The active user behind a session token, or undefined. */
export async function authenticate(ctx: Ctx, token: string): Promise<UserRow | undefined> {
  return repo.findSessionUser(ctx.db, hashToken(token), ctx.clock());
}

export async function logout(ctx: Ctx, token: string, ip: string | null = null): Promise<void> {
  const user = await repo.findSessionUser(ctx.db, hashToken(token), ctx.clock());
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, hashToken(token));
    if (user) await recordAudit(trx, { actorId: user.id, action: 'auth.logout', targetType: 'user', targetId: user.id, ip }, ctx.clock());
  });
  if (user) ctx.bus.publish('agent.sessions_revoked', { userId: user.id, sessionHash: hashToken(token) });
}

export async function getUser(db: DbOrTrx, id: string): Promise<TUser> {
  const [user] = await repo.listUsers(db, [id]);
  if (!user) throw new AppError('not_found', 'no such user');
  return user;
}

export async function createUser(ctx: Ctx, body: TCreateUserBody, actor: TActor = SYSTEM): Promise<TUser> {
  const input = ZCreateUserBody.parse(body);
  if (await repo.findUserByEmail(ctx.db, input.email)) {
    throw new AppError('conflict', 'a user with this email exists');
  }
  const password_hash = await hashPassword(input.password);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('users')
      .values({
        email: input.email,
        name: input.name,
        password_hash,
        role: input.role,
        locale: input.locale,
        max_concurrent: input.maxConcurrent,
        last_assigned_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await repo.setTeamsOfUser(trx, id, input.teamIds);
    await recordAudit(trx, { actorId: actor.id, action: 'user.created', targetType: 'user', targetId: id, detail: { email: input.email, role: input.role, teamIds: input.teamIds }, ip: actor.ip ?? null }, ctx.clock());
    return id;
  });
  return getUser(ctx.db, id);
}

export async function updateUser(ctx: Ctx, id: string, body: TUpdateUserBody, actor: TActor = { id }): Promise<TUser> {
  const existing = await repo.findUserById(ctx.db, id);
  if (!existing) throw new AppError('not_found', 'no such user');
  const password_hash = body.password ? await hashPassword(body.password) : undefined;
  await ctx.db.transaction().execute(async (trx) => {
    const set = {
      ...(body.name !== undefined && { name: body.name }),
      ...(body.role !== undefined && { role: body.role }),
      ...(body.locale !== undefined && { locale: body.locale }),
      ...(body.active !== undefined && { active: body.active }),
      ...(body.maxConcurrent !== undefined && { max_concurrent: body.maxConcurrent }),
      ...(password_hash && { password_hash }),
      // A deactivated user goes offline so routing stops giving them conversations.
      ...(body.active === false && { presence: 'offline' as const }),
    };
    if (Object.keys(set).length > 0) await trx.updateTable('users').set(set).where('id', '=', id).execute();
    if (body.teamIds) await repo.setTeamsOfUser(trx, id, body.teamIds);
    if (body.active === false || password_hash) await repo.deleteSessionsOfUser(trx, id);
    await auditUserChange(ctx, trx, actor, existing, body);
  });
  if (body.maxConcurrent !== undefined || body.teamIds) ctx.bus.publish('routing.requested', {});
  if (body.active === false || password_hash) ctx.bus.publish('agent.sessions_revoked', { userId: id });
  return getUser(ctx.db, id);
}

/** Writes the audit entries of a user change: role change and deactivation get their own action. */
async function auditUserChange(ctx: Ctx, trx: DbOrTrx, actor: TActor, before: UserRow, body: TUpdateUserBody): Promise<void> {
  const base = { actorId: actor.id, targetType: 'user', targetId: before.id, ip: actor.ip ?? null };
  const now = ctx.clock();
  if (body.role !== undefined && body.role !== before.role) {
    await recordAudit(trx, { ...base, action: 'user.role_changed', detail: { from: before.role, to: body.role } }, now);
  }
  if (body.active === false && before.active) await recordAudit(trx, { ...base, action: 'user.deactivated' }, now);
  // Field names only: a new password is recorded as "password", never its value.
  const fields = Object.keys(body).filter((k) => k !== 'role' && !(k === 'active' && body.active === false) && body[k as keyof TUpdateUserBody] !== undefined);
  if (fields.length > 0) await recordAudit(trx, { ...base, action: 'user.updated', detail: { fields } }, now);
}

/** Sets an agent's presence; going online makes routing look at the queue. */
export async function setPresence(ctx: Ctx, userId: string, presence: TPresence): Promise<TUser> {
  await repo.setPresence(ctx.db, userId, presence, ctx.clock());
  ctx.bus.publish('agent.presence_changed', { userId, presence });
  if (presence === 'online') ctx.bus.publish('routing.requested', {});
  return getUser(ctx.db, userId);
}

export async function listTeams(db: DbOrTrx): Promise<TTeam[]> {
  const teams = await db.selectFrom('teams').select(['id', 'name']).orderBy('name').execute();
  const members = await db.selectFrom('team_members').select(['team_id', 'user_id']).execute();
  return teams.map((t) => ({
    id: t.id,
    name: t.name,
    memberIds: members.filter((m) => m.team_id === t.id).map((m) => m.user_id),
  }));
}

export async function saveTeam(ctx: Ctx, id: string | null, body: { name?: string | undefined; memberIds?: string[] | undefined }, actor: TActor = SYSTEM): Promise<TTeam> {
  const teamId = await ctx.db.transaction().execute(async (trx) => {
    const clash = body.name
      ? await trx.selectFrom('teams').select('id').where('name', '=', body.name).executeTakeFirst()
      : undefined;
    if (clash && clash.id !== id) throw new AppError('conflict', 'a team with this name exists');
    let teamId = id;
    if (teamId === null) {
      if (!body.name) throw new AppError('bad_request', 'name: required');
      teamId = (await trx.insertInto('teams').values({ name: body.name }).returning('id').executeTakeFirstOrThrow()).id;
    } else {
      const found = await trx.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst();
      if (!found) throw new AppError('not_found', 'no such team');
      if (body.name) await trx.updateTable('teams').set({ name: body.name }).where('id', '=', teamId).execute();
    }
    const before = id === null ? [] : (await trx.selectFrom('team_members').select('user_id').where('team_id', '=', teamId).execute()).map((m) => m.user_id);
    if (body.memberIds) {
      const added = body.memberIds.filter((m) => !before.includes(m));
      const removed = before.filter((m) => !body.memberIds!.includes(m));
      const detail = { created: id === null, ...(body.name && { name: body.name }), added, removed };
      await recordAudit(trx, { actorId: actor.id, action: 'team.changed', targetType: 'team', targetId: teamId, detail, ip: actor.ip ?? null }, ctx.clock());
      await trx.deleteFrom('team_members').where('team_id', '=', teamId).execute();
      if (body.memberIds.length > 0) {
        await trx.insertInto('team_members').values(body.memberIds.map((user_id) => ({ team_id: teamId, user_id }))).execute();
      }
    } else {
      await recordAudit(trx, { actorId: actor.id, action: 'team.changed', targetType: 'team', targetId: teamId, detail: { created: id === null, ...(body.name && { name: body.name }) }, ip: actor.ip ?? null }, ctx.clock());
    }
    return teamId;
  });
  ctx.bus.publish('routing.requested', {});
  const team = (await listTeams(ctx.db)).find((t) => t.id === teamId);
  if (!team) throw new AppError('not_found', 'no such team');
  return team;
}
