import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_NAMESPACE, DEFAULT_ROLE_PERMISSIONS, roleAtLeast, type AgentClientToServer, type TPermission, type TRole } from '@kefu/shared';
import type { RunningServer } from '../server';
import { createAgent, login, useTestServer, type AgentSocket } from '../testing/test-server';

/**
 * Who may call what: every REST route of the app and every agent socket event, for each role and
 * signed out. A route added without an entry here fails the test, so each new endpoint states who
 * may use it. Rules: 'public' (no agent session; the answer does not depend on who asks),
 * 'signedIn', a minimum role, or a permission (checked against the default role mapping).
 */
type Rule = 'public' | 'signedIn' | 'supervisor' | 'manager' | 'admin' | { permission: TPermission };
type Entry = Rule | { rule: Rule; body: unknown };

const P = (permission: TPermission) => ({ permission });
const ID = randomUUID();
const TEAM = randomUUID();

const REST: Record<string, Entry> = {
  'GET /healthz': 'public',
  // agents
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'public',
  'GET /api/me': 'signedIn',
  'PATCH /api/me': 'signedIn',
  'PUT /api/me/presence': 'signedIn',
  'GET /api/users': 'signedIn',
  'POST /api/users': P('users.manage'),
  'PATCH /api/users/:id': P('users.manage'),
  'GET /api/teams': 'signedIn',
  'POST /api/teams': P('users.manage'),
  'PATCH /api/teams/:id': P('users.manage'),
  // administration
  'GET /api/roles': P('users.manage'),
  'PUT /api/roles': P('users.manage'),
  'POST /api/users/invite': P('users.manage'),
  'POST /api/users/:id/invite': P('users.manage'),
  'GET /api/audit': P('audit.view'),
  'GET /api/invites/:token': 'public',
  'POST /api/invites/accept': 'public',
  // conversations
  'GET /api/conversations': 'signedIn',
  'GET /api/conversations/:id': 'signedIn',
  'PATCH /api/conversations/:id': 'signedIn',
  'POST /api/conversations/:id/claim': 'signedIn',
  'POST /api/conversations/:id/transfer': 'signedIn',
  'POST /api/conversations/:id/resolve': 'signedIn',
  'POST /api/conversations/:id/attachments': 'signedIn',
  'GET /api/conversations/:id/attachments/:attachmentId': 'signedIn',
  // settings
  'GET /api/canned-replies': 'signedIn',
  'POST /api/canned-replies': P('settings.manage'),
  'PUT /api/canned-replies/:id': P('settings.manage'),
  'DELETE /api/canned-replies/:id': P('settings.manage'),
  'GET /api/sites': P('settings.manage'),
  'POST /api/sites': P('settings.manage'),
  'PATCH /api/sites/:id': P('settings.manage'),
  'POST /api/sites/:id/rotate-key': P('settings.manage'),
  'GET /api/sites/:id/identity-secret': P('settings.manage'),
  'POST /api/sites/:id/identity-secret/rotate': P('settings.manage'),
  'GET /api/mail/outbox': P('settings.manage'),
  // customers
  'GET /api/customers': 'signedIn',
  'GET /api/customers/by-visitor/:visitorId': 'signedIn',
  'GET /api/customers/:id': 'signedIn',
  'PATCH /api/customers/:id': 'signedIn',
  'POST /api/customers/:id/notes': 'signedIn',
  'POST /api/customers/:id/reveal': P('customers.reveal'),
  'POST /api/customers/:id/export': P('data.export'),
  'DELETE /api/customers/:id': P('customers.delete'),
  // widget (visitor token or site key, never an agent session)
  'GET /api/widget/config': 'public',
  'POST /api/widget/session': 'public',
  'POST /api/widget/session/end': 'public',
  'POST /api/widget/attachments': 'public',
  'GET /api/widget/attachments/:id': 'public',
  'POST /api/widget/complaints': 'public',
  'GET /api/widget/complaints': 'public',
  'POST /api/widget/complaints/:id/link': 'public',
  'GET /api/widget/articles': 'public',
  'GET /api/widget/articles/:id': 'public',
  // complaints
  'GET /api/complaints': 'signedIn',
  'POST /api/complaints': 'signedIn',
  'POST /api/complaints/from-conversation': 'signedIn',
  'GET /api/complaints/sla-policies': 'signedIn',
  'PUT /api/complaints/sla-policies': P('settings.manage'),
  'GET /api/complaints/:id': 'signedIn',
  'PATCH /api/complaints/:id': { rule: 'supervisor', body: { priority: 'high' } },
  'POST /api/complaints/:id/judge': { rule: P('complaints.judge'), body: { decision: 'reject', reason: 'Sorry' } },
  'POST /api/complaints/:id/assign': { rule: 'supervisor', body: { teamId: TEAM, handlerId: null } },
  'POST /api/complaints/:id/replies': 'signedIn',
  'POST /api/complaints/:id/resolve': 'signedIn',
  'POST /api/complaints/:id/attachments': 'signedIn',
  'GET /api/complaints/:id/attachments/:attachmentId': 'signedIn',
  'POST /api/complaints/:id/close': { rule: 'supervisor', body: { reason: 'Done' } },
  // tracking link (token-scoped)
  'GET /api/track/:token': 'public',
  'POST /api/track/:token/info': 'public',
  'POST /api/track/:token/attachments': 'public',
  'GET /api/track/:token/attachments/:attachmentId': 'public',
  'POST /api/track/:token/feedback': 'public',
  'GET /c/:token': 'public',
  // surveys and follow-ups
  'GET /api/surveys': 'signedIn',
  'GET /api/surveys/summary': 'supervisor',
  'GET /api/surveys/settings/:siteId': P('settings.manage'),
  'PUT /api/surveys/settings/:siteId': P('settings.manage'),
  'GET /api/survey-links/:token': 'public',
  'PUT /api/survey-links/:token': 'public',
  'GET /s/:token': 'public',
  'POST /s/:token': 'public',
  'GET /api/follow-ups/mine': 'signedIn',
  'GET /api/follow-ups': 'supervisor',
  'POST /api/follow-ups/batches/preview': 'manager',
  'POST /api/follow-ups/batches': 'manager',
  'POST /api/follow-ups/:id/outcome': 'signedIn',
  'POST /api/follow-ups/:id/survey-link': 'signedIn',
  // quality
  'GET /api/quality/phrases': 'signedIn',
  'POST /api/quality/phrases': P('settings.manage'),
  'PUT /api/quality/phrases/:id': P('settings.manage'),
  'DELETE /api/quality/phrases/:id': P('settings.manage'),
  'POST /api/quality/check': 'signedIn',
  'GET /api/quality/flags': 'signedIn',
  'GET /api/quality/scorecard': 'signedIn',
  'PUT /api/quality/scorecard': P('settings.manage'),
  'GET /api/quality/reviews': 'signedIn',
  'POST /api/quality/reviews': 'supervisor',
  'GET /api/quality/review-queue': 'supervisor',
  // reports
  'GET /api/reports': P('reports.view'),
  'GET /api/reports/filters': P('reports.view'),
  'GET /api/reports/export.csv': P('reports.view'),
  'GET /api/reports/scorecard': P('reports.view'),
  'GET /api/reports/scorecard/export.csv': P('reports.view'),
  'GET /api/scheduled-reports': P('reports.view'),
  'GET /api/scheduled-reports/:id/download': P('reports.view'),
  // help articles
  'GET /api/articles/search': 'signedIn',
  'POST /api/articles/preview': P('settings.manage'),
  'GET /api/articles': P('settings.manage'),
  'POST /api/articles': P('settings.manage'),
  'GET /api/articles/:id': P('settings.manage'),
  'PATCH /api/articles/:id': P('settings.manage'),
  'DELETE /api/articles/:id': P('settings.manage'),
  'GET /help/:siteKey/:id': 'public',
  // pages and static files
  'GET /demo': 'public',
  'GET /demo/sign-out.js': 'public',
  'GET /': 'public',
  'GET /widget.js': 'public',
  'GET /widget/frame.html': 'public',
  'GET /widget/*': 'public',
  'GET /portal': 'public',
  'GET /portal/*': 'public',
};

/** Agent socket events: typed by the protocol, so a new event without an entry does not compile. */
const SOCKET: Record<keyof AgentClientToServer, { rule: Rule; payload: unknown; ack: boolean }> = {
  'conversation:sync': { rule: 'signedIn', payload: { conversationId: ID }, ack: true },
  'conversation:leave': { rule: 'signedIn', payload: { conversationId: ID }, ack: false },
  'message:send': { rule: 'signedIn', payload: { conversationId: ID, clientId: 'matrix-client-id-1', text: 'hi', internal: false }, ack: true },
  typing: { rule: 'signedIn', payload: { conversationId: ID, typing: true }, ack: false },
  'presence:set': { rule: 'signedIn', payload: { presence: 'away' }, ack: true },
  'monitor:subscribe': { rule: 'supervisor', payload: {}, ack: true },
  'monitor:unsubscribe': { rule: 'supervisor', payload: {}, ack: false },
};

const ROLES_UNDER_TEST: TRole[] = ['agent', 'supervisor', 'manager', 'admin'];
type Who = TRole | 'signedOut';

function allowed(rule: Rule, who: Who): boolean {
  if (rule === 'public') return true;
  if (who === 'signedOut') return false;
  if (rule === 'signedIn') return true;
  if (typeof rule === 'object') return DEFAULT_ROLE_PERMISSIONS[who].includes(rule.permission);
  return roleAtLeast(who, rule);
}

let server: RunningServer;
const tokens: Partial<Record<TRole, string>> = {};
const sockets: AgentSocket[] = [];

useTestServer({ sweepMs: 3_600_000 }, (t) => {
  server = t.server;
  tokens.admin = t.adminToken;
});
beforeAll(async () => {
  for (const role of ['agent', 'supervisor', 'manager'] as const) tokens[role] = (await createAgent(server, tokens.admin!, { teamIds: [], role })).token;
});
afterAll(() => sockets.forEach((s) => s.close()));

function appRoutes(): string[] {
  const keys = new Set<string>();
  for (const r of server.app.routes) if (r.method !== 'ALL') keys.add(`${r.method} ${r.path}`);
  return [...keys].sort();
}

async function call(key: string, who: Who | { token: string }, body: unknown): Promise<{ status: number; code: string | undefined }> {
  const [method, path] = key.split(' ') as [string, string];
  const url = path.replace(/:token/g, 'A'.repeat(43)).replace(/:siteKey/g, 'demo').replace(/:[A-Za-z]+/g, ID).replace(/\*/g, 'x');
  const headers: Record<string, string> = { accept: 'application/json' };
  // Signed out, the request comes from the portal's own origin (so the CSRF check lets it through).
  if (who === 'signedOut') headers.origin = server.url;
  else headers.authorization = `Bearer ${typeof who === 'object' ? who.token : tokens[who]}`;
  const withBody = method !== 'GET' && method !== 'HEAD';
  if (withBody) headers['content-type'] = 'application/json';
  const res = await fetch(server.url + url, { method, headers, redirect: 'manual', ...(withBody ? { body: JSON.stringify(body ?? {}) } : {}) });
  const text = await res.text();
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { code?: string }).code;
  } catch {
    code = undefined;
  }
  return { status: res.status, code };
}

describe('permission matrix', () => {
  it('has an entry for every REST route of the app', () => {
    const missing = appRoutes().filter((k) => !(k in REST));
    expect(missing, `add these routes to the table in permission-matrix.test.ts: ${missing.join(', ')}`).toEqual([]);
  });

  it('answers every REST route for each role and signed out as the table says', async () => {
    const wrong: string[] = [];
    for (const key of appRoutes()) {
      const entry = REST[key];
      if (!entry) continue;
      const { rule, body } = typeof entry === 'object' && 'rule' in entry ? entry : { rule: entry, body: undefined };
      if (rule === 'public') {
        // No agent session is asked for, and who asks makes no difference.
        // A fresh admin session each time: POST /api/auth/logout ends the one it is called with.
        const probe = { token: (await login(server)).token };
        const [out, asAdmin] = [await call(key, 'signedOut', body), await call(key, probe, body)];
        if (out.code === 'forbidden' || out.status !== asAdmin.status) wrong.push(`${key} public: signed out ${out.status}, admin ${asAdmin.status}`);
        continue;
      }
      for (const who of [...ROLES_UNDER_TEST, 'signedOut'] as Who[]) {
        const { status, code } = await call(key, who, body);
        const expected = allowed(rule, who) ? 'allowed' : who === 'signedOut' ? 401 : 403;
        const got = code === 'unauthenticated' ? 401 : code === 'forbidden' ? 403 : 'allowed';
        if (got !== expected) wrong.push(`${key} as ${who}: expected ${expected}, got ${status} ${code ?? ''}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  it('refuses the agent socket signed out and answers every event per role as the table says', async () => {
    const out = io(server.url + AGENT_NAMESPACE, { transports: ['websocket'], forceNew: true, auth: {} });
    const refusal = await new Promise<{ data?: { code?: string } }>((resolve) => out.on('connect_error', (e) => resolve(e as never)));
    expect(refusal.data?.code).toBe('unauthenticated');
    out.close();

    const wrong: string[] = [];
    for (const role of ROLES_UNDER_TEST) {
      const socket: AgentSocket = io(server.url + AGENT_NAMESPACE, { transports: ['websocket'], forceNew: true, auth: { token: tokens[role] } });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.on('connect', () => resolve());
        socket.on('connect_error', reject);
      });
      for (const [event, spec] of Object.entries(SOCKET)) {
        if (!spec.ack) {
          (socket.emit as (e: string, p: unknown) => void)(event, spec.payload);
          continue;
        }
        const ack = (await (socket.timeout(5000).emitWithAck as (e: string, p: unknown) => Promise<{ ok: boolean; code?: string }>)(event, spec.payload)) ?? { ok: false };
        const got = ack.ok ? 'allowed' : ack.code === 'forbidden' ? 403 : ack.code === 'unauthenticated' ? 401 : 'allowed';
        const expected = allowed(spec.rule, role) ? 'allowed' : 403;
        if (got !== expected) wrong.push(`${event} as ${role}: expected ${expected}, got ${JSON.stringify(ack)}`);
      }
      // Events without an ack must not cost the connection.
      await (socket.timeout(5000).emitWithAck as (e: string, p: unknown) => Promise<unknown>)('presence:set', { presence: 'away' });
      expect(socket.connected).toBe(true);
    }
    expect(wrong).toEqual([]);
  });
});
