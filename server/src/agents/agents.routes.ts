import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { ZCreateUserBody, ZLocale, ZLoginBody, ZPresence, ZTeamBody, ZUpdateUserBody, ZId } from '@kefu/shared';
import { jsonBody, requirePermission, requireRole, SESSION_COOKIE, sessionToken, type AppEnv } from '../platform/http';
import { requestIp } from '../platform/limits';
import { parseInput } from '../platform/validate';
import { actorOf } from '../admin/actor';
import { listUsers } from './agents.repository';
import { permissionsOf } from '../audit/audit.service';
import * as agents from './agents.service';

/** Sign-in, the signed-in agent, users and teams. */
export const agentsRoutes = new Hono<AppEnv>()
  .post('/auth/login', async (c) => {
    const body = parseInput(ZLoginBody, await jsonBody(c));
    const { token, user } = await agents.login(c.var.ctx, body.email, body.password, requestIp(c, c.var.ctx.config.trustProxy));
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      secure: new URL(c.req.url).protocol === 'https:',
      maxAge: 7 * 86400,
    });
    // The permissions come along so the portal shows the actions the role holds (as GET /api/me).
    return c.json({ ok: true as const, user: { ...user, permissions: await permissionsOf(c.var.ctx.db, user.role) }, token });
  })
  .post('/auth/logout', async (c) => {
    const token = sessionToken(c);
    if (token) await agents.logout(c.var.ctx, token, requestIp(c, c.var.ctx.config.trustProxy));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true as const });
  })
  .get('/me', requireRole(), async (c) =>
    c.json({ ok: true as const, user: { ...(await agents.getUser(c.var.ctx.db, c.var.agent.id)), permissions: [...c.var.agent.permissions] } }),
  )
  .patch('/me', requireRole(), async (c) => {
    const body = parseInput(z.object({ locale: ZLocale }), await jsonBody(c));
    return c.json({ ok: true as const, user: await agents.updateUser(c.var.ctx, c.var.agent.id, body) });
  })
  .put('/me/presence', requireRole(), async (c) => {
    const { presence } = parseInput(z.object({ presence: ZPresence }), await jsonBody(c));
    return c.json({ ok: true as const, user: await agents.setPresence(c.var.ctx, c.var.agent.id, presence) });
  })
  .get('/users', requireRole(), async (c) => c.json({ ok: true as const, users: await listUsers(c.var.ctx.db) }))
  .post('/users', requirePermission('users.manage'), async (c) => {
    const body = parseInput(ZCreateUserBody, await jsonBody(c));
    return c.json({ ok: true as const, user: await agents.createUser(c.var.ctx, body, actorOf(c)) }, 201);
  })
  .patch('/users/:id', requirePermission('users.manage'), async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    const body = parseInput(ZUpdateUserBody, await jsonBody(c));
    return c.json({ ok: true as const, user: await agents.updateUser(c.var.ctx, id, body, actorOf(c)) });
  })
  .get('/teams', requireRole(), async (c) => c.json({ ok: true as const, teams: await agents.listTeams(c.var.ctx.db) }))
  .post('/teams', requirePermission('users.manage'), async (c) => {
    const body = parseInput(ZTeamBody, await jsonBody(c));
    return c.json({ ok: true as const, team: await agents.saveTeam(c.var.ctx, null, body, actorOf(c)) }, 201);
  })
  .patch('/teams/:id', requirePermission('users.manage'), async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    const raw = await jsonBody(c);
    const parsed = parseInput(ZTeamBody.partial(), raw);
    // Only the fields sent: zod's partial fills a missing memberIds with its default [] (which would empty the team).
    const sent = (k: string) => typeof raw === 'object' && raw !== null && k in raw;
    const body = { ...(sent('name') && { name: parsed.name }), ...(sent('memberIds') && { memberIds: parsed.memberIds }) };
    return c.json({ ok: true as const, team: await agents.saveTeam(c.var.ctx, id, body, actorOf(c)) });
  });
