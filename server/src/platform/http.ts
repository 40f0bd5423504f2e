import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { roleAtLeast, type TPermission, type TRole } from '@kefu/shared';
import { authenticate } from '../agents/agents.service';
import { listTeamIds } from '../agents/agents.repository';
import { permissionsOf } from '../audit/audit.service';
import { assertPermission, type Agent } from '../conversations/conversations.access';
import type { Ctx } from './context';
import { AppError } from './errors';

export const SESSION_COOKIE = 'kefu_session';

/** Hono's Env for every Kefu route: the platform context, and the signed-in agent where required. */
export type AppEnv = { Variables: { ctx: Ctx; agent: Agent } };

/** The session token of a request: the portal's cookie, or `Authorization: Bearer` for API clients. */
export function sessionToken(c: Context): string | undefined {
  const header = c.req.header('authorization');
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  return getCookie(c, SESSION_COOKIE);
}

/** Resolves a session token to the acting agent (with teams), or undefined. */
export async function agentFromToken(ctx: Ctx, token: string | undefined): Promise<Agent | undefined> {
  if (!token) return undefined;
  const user = await authenticate(ctx, token);
  if (!user) return undefined;
  const [teamIds, permissions] = await Promise.all([listTeamIds(ctx.db, user.id), permissionsOf(ctx.db, user.role)]);
  return { id: user.id, name: user.name, role: user.role, teamIds, permissions };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF guard for the portal's cookie: a state-changing request that relies on the cookie must come
 * from our own origin (SameSite=Strict already stops most; this stops the rest). Bearer tokens are
 * not sent by browsers on their own, so they need no check.
 */
function assertSameOrigin(c: Context): void {
  if (SAFE_METHODS.has(c.req.method) || c.req.header('authorization')?.startsWith('Bearer ')) return;
  const origin = c.req.header('origin');
  const host = c.req.header('host');
  let originHost: string | undefined;
  try {
    originHost = origin ? new URL(origin).host : undefined;
  } catch {
    originHost = undefined;
  }
  if (!originHost || originHost !== host) throw new AppError('forbidden', 'cross-site request refused');
}

/** Requires a signed-in agent with at least `min` role. */
export function requireRole(min: TRole = 'agent'): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    assertSameOrigin(c);
    const agent = await agentFromToken(c.var.ctx, sessionToken(c));
    if (!agent) throw new AppError('unauthenticated', 'sign in first');
    if (!roleAtLeast(agent.role, min)) throw new AppError('forbidden', `this needs the ${min} role`);
    c.set('agent', agent);
    await next();
  };
}

/** Requires a signed-in agent whose role holds `permission` (see shared/src/permissions.ts). */
export function requirePermission(permission: TPermission): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    assertSameOrigin(c);
    const agent = await agentFromToken(c.var.ctx, sessionToken(c));
    if (!agent) throw new AppError('unauthenticated', 'sign in first');
    assertPermission(agent, permission);
    c.set('agent', agent);
    await next();
  };
}

/** Parses a JSON body, refusing non-JSON and malformed bodies with a clear error. */
export async function jsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!type.includes('application/json')) throw new AppError('bad_request', 'send a JSON body (Content-Type: application/json)');
  try {
    return await c.req.json();
  } catch {
    throw new AppError('bad_request', 'the body is not valid JSON');
  }
}
