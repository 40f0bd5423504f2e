import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { z } from 'zod';
import { ZAcceptInviteBody, ZAuditQuery, ZId, ZInviteBody, ZRolesBody } from '@kefu/shared';
import { findAuditEntries } from '../audit/audit.repository';
import { jsonBody, requirePermission, SESSION_COOKIE, type AppEnv } from '../platform/http';
import { requestIp } from '../platform/limits';
import { parseInput } from '../platform/validate';
import { actorOf } from './actor';
import * as invites from './invites.service';
import * as roles from './roles.service';

const ZToken = z.string().min(20).max(100).regex(/^[A-Za-z0-9_-]+$/);

/** Roles and permissions, invites and the audit log (docs/api.md, "Administration"). */
export const adminRoutes = new Hono<AppEnv>()
  .get('/roles', requirePermission('users.manage'), async (c) => c.json({ ok: true as const, roles: await roles.listRoles(c.var.ctx) }))
  .put('/roles', requirePermission('users.manage'), async (c) => {
    const body = parseInput(ZRolesBody, await jsonBody(c));
    return c.json({ ok: true as const, roles: await roles.saveRoles(c.var.ctx, body, actorOf(c)) });
  })
  .post('/users/invite', requirePermission('users.manage'), async (c) => {
    const body = parseInput(ZInviteBody, await jsonBody(c));
    return c.json({ ok: true as const, ...(await invites.inviteUser(c.var.ctx, body, actorOf(c))) }, 201);
  })
  .post('/users/:id/invite', requirePermission('users.manage'), async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    return c.json({ ok: true as const, ...(await invites.reinviteUser(c.var.ctx, id, actorOf(c))) });
  })
  .get('/audit', requirePermission('audit.view'), async (c) => {
    const q = parseInput(ZAuditQuery, c.req.query());
    const entries = await findAuditEntries(c.var.ctx.db, q);
    return c.json({ ok: true as const, entries, nextBefore: entries.length === q.limit ? (entries.at(-1)?.id ?? null) : null });
  });

/** The public side of an invite link: who it is for, and setting the password (which signs in). */
export const inviteRoutes = new Hono<AppEnv>()
  .get('/:token', async (c) => {
    const token = parseInput(ZToken, c.req.param('token'));
    return c.json({ ok: true as const, invite: await invites.inviteInfo(c.var.ctx, token) });
  })
  .post('/accept', async (c) => {
    const body = parseInput(ZAcceptInviteBody, await jsonBody(c));
    const ip = requestIp(c, c.var.ctx.config.trustProxy);
    // Guessing links costs the same budget as guessing passwords.
    await c.var.ctx.limits.consume('login_ip', ip);
    const { token, user } = await invites.acceptInvite(c.var.ctx, body.token, body.password, ip);
    await c.var.ctx.limits.refund('login_ip', ip);
    setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/', secure: new URL(c.req.url).protocol === 'https:', maxAge: 7 * 86400 });
    return c.json({ ok: true as const, user, token });
  });
