import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { hashToken } from '../src/platform/secrets';
import { connectAgent, connectCustomer, createAgent, login, newClientId, nextEvent, startTestServer, createTestDatabase, type AgentSocket, type CustomerSocket } from '../src/testing/test-server';
import type { OpenDatabase } from '../src/platform/database';

// IDOR sweep: every id-bearing route and socket event, called by someone who must not reach the
// object (another team's agent, another visitor, a forged token) → refused with no data leaked.
// The lists below are checked against `app.routes` and the namespaces' `socket.on(...)` calls, so a
// new id-bearing route or event fails this file until it is added here.

let database: OpenDatabase;
let server: RunningServer;
const dir = mkdtempSync(join(tmpdir(), 'kefu-idor-'));
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const FORGED_TOKEN = 'Zm9yZ2VkLXRva2VuLXRoYXQtaXMtbG9uZy1lbm91Z2gtMTIzNDU2Nzg5MA';

/** Every response text and every event seen during the sweep (scanned for visitor tokens at the end). */
const seen: { where: string; text: string }[] = [];
const sockets: { close(): void }[] = [];

async function call(path: string, init: { method?: string; body?: unknown; token?: string; raw?: Uint8Array; headers?: Record<string, string> } = {}) {
  const res = await fetch(server.url + path, {
    method: init.method ?? (init.body === undefined && !init.raw ? 'GET' : 'POST'),
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
    ...(init.raw ? { body: init.raw } : init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await res.text();
  seen.push({ where: `${init.method ?? 'GET'} ${path}`, text });
  let body: any = null;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: res.status, text, body };
}

function record(where: string, s: { onAny(fn: (...a: unknown[]) => void): unknown }) {
  s.onAny((event, ...args) => seen.push({ where: `${where} ← ${String(event)}`, text: JSON.stringify(args) }));
}

type World = Awaited<ReturnType<typeof buildWorld>>;
let w: World;

async function buildWorld() {
  const admin = (await login(server)).token;
  const team = async (name: string) => (await call('/api/teams', { token: admin, body: { name } })).body.team.id as string;
  const teamA = await team('IDOR A');
  const teamB = await team('IDOR B');
  const site = async (name: string, teamId: string) => (await call('/api/sites', { token: admin, body: { name, defaultTeamId: teamId, allowedOrigins: ['*'] } })).body.site as { id: string; key: string };
  const siteA = await site('Shop A', teamA);
  const siteB = await site('Shop B', teamB);
  const agentA = await createAgent(server, admin, { teamIds: [teamA], name: 'Agent A' });
  const agentB = await createAgent(server, admin, { teamIds: [teamB], name: 'Agent B' });

  const customerA = await connectCustomer(server, { siteKey: siteA.key });
  const customerB = await connectCustomer(server, { siteKey: siteB.key });
  const ackA = await customerA.socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: 'SECRET-A my order 4711' });
  const ackB = await customerB.socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: 'SECRET-B my order 4712' });
  if (!ackA.ok || !ackB.ok) throw new Error('first messages refused');
  const convA = ackA.message.conversationId;
  const convB = ackB.message.conversationId;
  await call(`/api/conversations/${convA}/claim`, { token: agentA.token, body: {} });

  // Complaints: A's judged into team A with agent A handling; B's into team B.
  const file = async (siteKey: string, visitorToken: string, description: string) => {
    const r = await call('/api/widget/complaints', { body: { siteKey, visitorToken, hostOrigin: server.url, category: 'product', description, phone: '13800000000' } });
    if (r.status !== 201) throw new Error(`complaint: ${r.text}`);
    const list = await call('/api/complaints?sort=created', { token: admin });
    const id = list.body.complaints.find((x: { number: string }) => x.number === r.body.number).id as string;
    return { id, trackingToken: String(r.body.trackingUrl).split('/c/')[1]! };
  };
  const complaintA = await file(siteA.key, customerA.visitorToken, 'SECRET-A broken parcel');
  const complaintB = await file(siteB.key, customerB.visitorToken, 'SECRET-B broken parcel');
  await call(`/api/complaints/${complaintA.id}/judge`, { token: admin, body: { decision: 'accept', teamId: teamA, handlerId: agentA.user.id } });
  await call(`/api/complaints/${complaintB.id}/judge`, { token: admin, body: { decision: 'accept', teamId: teamB, handlerId: agentB.user.id } });
  const upload = async (path: string, token?: string) => (await call(`${path}?name=photo.png`, { raw: new Uint8Array(PNG), ...(token ? { token } : {}) })).body.attachment.id as string;
  const attachmentA = await upload(`/api/complaints/${complaintA.id}/attachments`, agentA.token);
  const attachmentB = await upload(`/api/complaints/${complaintB.id}/attachments`, agentB.token);

  // A follow-up of agent A (about customer A) and its survey link.
  await call(`/api/conversations/${convA}/resolve`, { token: admin, body: {} });
  const batch = await call('/api/follow-ups/batches', { token: admin, body: { name: 'IDOR', filter: { siteId: siteA.id }, dueAt: new Date(Date.now() + 86_400_000).toISOString(), agentIds: [agentA.user.id] } });
  if (batch.status !== 201) throw new Error(`batch: ${batch.text}`);
  const followUpA = batch.body.followUps[0].id as string;
  const link = await call(`/api/follow-ups/${followUpA}/survey-link`, { token: agentA.token, body: {} });
  const surveyTokenA = String(link.body.path).split('/').pop()!;
  const surveysA = await call(`/api/surveys?conversationId=${convA}`, { token: admin });
  const surveyA = surveysA.body.surveys[0].id as string;
  const phrase = await call('/api/quality/phrases', { token: admin, body: { locale: 'en', category: 'negating', text: 'idor phrase' } });
  const canned = await call('/api/canned-replies', { token: admin, body: { shortcut: 'idor', title: 'IDOR', body: 'canned' } });

  const agentSocketA = await connectAgent(server, agentA.token);
  const agentSocketB = await connectAgent(server, agentB.token);
  await agentSocketA.emitWithAck('conversation:sync', { conversationId: convA, afterSeq: 0 });
  for (const [name, s] of [['customerA', customerA.socket], ['customerB', customerB.socket], ['agentA', agentSocketA], ['agentB', agentSocketB]] as const) {
    record(name, s);
    sockets.push(s);
  }
  return {
    admin, teamA, teamB, siteA, siteB, agentA, agentB, customerA, customerB, convA, convB,
    complaintA, complaintB, attachmentA, attachmentB, followUpA, surveyTokenA, surveyA,
    phraseA: phrase.body.phrase?.id as string, cannedA: canned.body.cannedReply?.id as string,
    agentSocketA, agentSocketB,
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer({ database, sweepMs: 3_600_000, env: { KEFU_ATTACHMENTS_DIR: dir, KEFU_RATE_LIMIT_SCALE: '0' } });
  w = await buildWorld();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server?.close();
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Refused the right way: the status expected, a structured error, and none of the victim's text. */
function refused(r: { status: number; text: string; body: any }, status: number | number[]) {
  expect([status].flat(), `${r.status} ${r.text.slice(0, 200)}`).toContain(r.status);
  expect(r.text).not.toMatch(/SECRET-A|13800000000|Agent A|idor phrase/);
  if (r.body && typeof r.body === 'object') expect(r.body.ok).toBe(false);
}

async function multipart(path: string, headers: Record<string, string>) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'photo.png');
  const res = await fetch(server.url + path, { method: 'POST', body: form, headers });
  const text = await res.text();
  seen.push({ where: `POST ${path}`, text });
  return { status: res.status, text, body: JSON.parse(text) };
}
const articles = new Map<boolean, string>();
async function articleOfA(published = true): Promise<string> {
  if (articles.has(published)) return articles.get(published)!;
  const r = await call('/api/articles', { token: w.admin, body: { siteId: w.siteA.id, title: 'SECRET-A article', body: 'SECRET-A body', locale: 'en', published } });
  if (r.status !== 201) throw new Error(`article: ${r.text}`);
  articles.set(published, r.body.article.id as string);
  return r.body.article.id as string;
}
let customerA: string | undefined;
async function customerOfA(): Promise<string> {
  if (customerA) return customerA;
  const r = await call(`/api/customers/by-visitor/${w.customerA.visitorId}`, { token: w.admin });
  if (r.status !== 200) throw new Error(`customer of A: ${r.text}`);
  return (customerA = r.body.profile.customer.id as string);
}
let chatAttachment: string | undefined;
async function chatAttachmentOfA(): Promise<string> {
  if (chatAttachment) return chatAttachment;
  const r = await multipart(`/api/widget/attachments?${widgetQuery(w.siteA.key)}&conversationId=${w.convA}`, { authorization: `Bearer ${w.customerA.visitorToken}` });
  if (r.status !== 201) throw new Error(`chat attachment: ${r.text}`);
  return (chatAttachment = r.body.attachment.id as string);
}

const widgetQuery = (siteKey: string) => `siteKey=${siteKey}&hostOrigin=${encodeURIComponent(server.url)}`;

/**
 * Every id-bearing route, keyed as `METHOD path` exactly as Hono lists it; each case calls it as an
 * attacker and checks the refusal. 403 is expected only where a role is missing (the role check
 * comes before any lookup, so it tells nothing about the id); object-level checks answer 404.
 */
const routeCases: Record<string, () => Promise<void>> = {
  'PATCH /api/users/:id': async () => refused(await call(`/api/users/${w.agentA.user.id}`, { method: 'PATCH', token: w.agentB.token, body: { name: 'pwned' } }), 403),
  'PATCH /api/teams/:id': async () => refused(await call(`/api/teams/${w.teamA}`, { method: 'PATCH', token: w.agentB.token, body: { name: 'pwned' } }), 403),
  'DELETE /api/canned-replies/:id': async () => refused(await call(`/api/canned-replies/${w.cannedA}`, { method: 'DELETE', token: w.agentB.token }), 403),
  'PATCH /api/sites/:id': async () => refused(await call(`/api/sites/${w.siteA.id}`, { method: 'PATCH', token: w.agentB.token, body: { name: 'pwned' } }), 403),
  'GET /api/conversations/:id': async () => refused(await call(`/api/conversations/${w.convA}`, { token: w.agentB.token }), 404),
  'PATCH /api/conversations/:id': async () => refused(await call(`/api/conversations/${w.convA}`, { method: 'PATCH', token: w.agentB.token, body: { priority: 'urgent' } }), 404),
  'POST /api/conversations/:id/claim': async () => refused(await call(`/api/conversations/${w.convA}/claim`, { token: w.agentB.token, body: {} }), 404),
  'POST /api/conversations/:id/transfer': async () => refused(await call(`/api/conversations/${w.convA}/transfer`, { token: w.agentB.token, body: { toTeamId: w.teamB, reason: 'mine now' } }), 404),
  'POST /api/conversations/:id/resolve': async () => refused(await call(`/api/conversations/${w.convA}/resolve`, { token: w.agentB.token, body: {} }), 404),
  'GET /api/complaints/:id': async () => refused(await call(`/api/complaints/${w.complaintA.id}`, { token: w.agentB.token }), 404),
  // Changing priority needs the supervisor role, checked before the lookup.
  'PATCH /api/complaints/:id': async () => refused(await call(`/api/complaints/${w.complaintA.id}`, { method: 'PATCH', token: w.agentB.token, body: { priority: 'urgent' } }), [403, 404]),
  'POST /api/complaints/:id/judge': async () => refused(await call(`/api/complaints/${w.complaintA.id}/judge`, { token: w.agentB.token, body: { decision: 'reject', reason: 'x' } }), 403),
  'POST /api/complaints/:id/assign': async () => refused(await call(`/api/complaints/${w.complaintA.id}/assign`, { token: w.agentB.token, body: { teamId: w.teamB, handlerId: w.agentB.user.id } }), [403, 404]),
  'POST /api/complaints/:id/replies': async () => refused(await call(`/api/complaints/${w.complaintA.id}/replies`, { token: w.agentB.token, body: { text: 'x', public: true } }), 404),
  'POST /api/complaints/:id/resolve': async () => refused(await call(`/api/complaints/${w.complaintA.id}/resolve`, { token: w.agentB.token, body: { resolution: 'x' } }), 404),
  'POST /api/complaints/:id/close': async () => refused(await call(`/api/complaints/${w.complaintA.id}/close`, { token: w.agentB.token, body: { reason: 'x' } }), [403, 404]),
  'POST /api/complaints/:id/attachments': async () => refused(await call(`/api/complaints/${w.complaintA.id}/attachments?name=x.png`, { token: w.agentB.token, raw: new Uint8Array(PNG) }), 404),
  'GET /api/complaints/:id/attachments/:attachmentId': async () => {
    refused(await call(`/api/complaints/${w.complaintA.id}/attachments/${w.attachmentA}`, { token: w.agentB.token }), 404);
    // Mixing ids: one's own complaint with someone else's attachment.
    refused(await call(`/api/complaints/${w.complaintB.id}/attachments/${w.attachmentA}`, { token: w.agentB.token }), 404);
  },
  'GET /api/track/:token': async () => refused(await call(`/api/track/${FORGED_TOKEN}`), 404),
  'POST /api/track/:token/info': async () => refused(await call(`/api/track/${FORGED_TOKEN}/info`, { body: { text: 'x' } }), 404),
  'POST /api/track/:token/attachments': async () => refused(await call(`/api/track/${FORGED_TOKEN}/attachments?name=x.png`, { raw: new Uint8Array(PNG) }), 404),
  'GET /api/track/:token/attachments/:attachmentId': async () => {
    refused(await call(`/api/track/${FORGED_TOKEN}/attachments/${w.attachmentA}`), 404);
    refused(await call(`/api/track/${w.complaintB.trackingToken}/attachments/${w.attachmentA}`), 404);
  },
  'POST /api/track/:token/feedback': async () => refused(await call(`/api/track/${FORGED_TOKEN}/feedback`, { body: { satisfied: true, rating: 5 } }), [400, 404]),
  'POST /api/widget/complaints/:id/link': async () =>
    refused(await call(`/api/widget/complaints/${w.complaintA.id}/link?${widgetQuery(w.siteB.key)}`, { method: 'POST', headers: { authorization: `Bearer ${w.customerB.visitorToken}` } }), 404),
  'GET /c/:token': async () => {
    // The tracking page is the same static HTML for every token (the page fetches /api/track itself).
    const r = await call(`/c/${FORGED_TOKEN}`);
    expect(r.text).not.toMatch(/SECRET-A/);
  },
  'POST /s/:token': async () => {
    const r = await call(`/s/${FORGED_TOKEN}`, { method: 'POST', raw: new TextEncoder().encode('rating=1'), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(r.status).toBe(404);
    expect(r.text).not.toMatch(/SECRET-A|Agent A/);
  },
  // Chat attachments (when that feature is served): another team's agent, another visitor, mixed ids.
  'POST /api/conversations/:id/attachments': async () => refused(await multipart(`/api/conversations/${w.convA}/attachments`, { authorization: `Bearer ${w.agentB.token}` }), 404),
  'GET /api/conversations/:id/attachments/:attachmentId': async () => {
    const own = await chatAttachmentOfA();
    refused(await call(`/api/conversations/${w.convA}/attachments/${own}`, { token: w.agentB.token }), 404);
    refused(await call(`/api/conversations/${w.convB}/attachments/${own}`, { token: w.agentB.token }), 404);
  },
  'GET /api/widget/attachments/:id': async () => refused(await call(`/api/widget/attachments/${await chatAttachmentOfA()}?${widgetQuery(w.siteB.key)}`, { headers: { authorization: `Bearer ${w.customerB.visitorToken}` } }), 404),
  // Help articles (when served): editing needs settings.manage; a published article of site A is not
  // readable through site B's widget or help pages, and a draft through nobody's.
  'GET /api/articles/:id': async () => refused(await call(`/api/articles/${await articleOfA()}`, { token: w.agentB.token }), 403),
  'PATCH /api/articles/:id': async () => refused(await call(`/api/articles/${await articleOfA()}`, { method: 'PATCH', token: w.agentB.token, body: { title: 'pwned' } }), 403),
  'DELETE /api/articles/:id': async () => refused(await call(`/api/articles/${await articleOfA()}`, { method: 'DELETE', token: w.agentB.token }), 403),
  'GET /api/widget/articles/:id': async () => {
    refused(await call(`/api/widget/articles/${await articleOfA()}?${widgetQuery(w.siteB.key)}`, { headers: { authorization: `Bearer ${w.customerB.visitorToken}` } }), 404);
    refused(await call(`/api/widget/articles/${await articleOfA(false)}?${widgetQuery(w.siteA.key)}`, { headers: { authorization: `Bearer ${w.customerA.visitorToken}` } }), 404);
  },
  'GET /help/:siteKey/:id': async () => {
    for (const path of [`/help/${w.siteB.key}/${await articleOfA()}`, `/help/${w.siteA.key}/${await articleOfA(false)}`]) {
      const r = await call(path);
      expect(r.status, path).toBe(404);
      expect(r.text).not.toMatch(/SECRET-A/);
    }
  },
  // Customer profiles (客户档案): another team's customer is not found; reveal/export/erase need permissions.
  'GET /api/customers/:id': async () => refused(await call(`/api/customers/${await customerOfA()}`, { token: w.agentB.token }), 404),
  'GET /api/customers/by-visitor/:visitorId': async () => refused(await call(`/api/customers/by-visitor/${w.customerA.visitorId}`, { token: w.agentB.token }), 404),
  'PATCH /api/customers/:id': async () => refused(await call(`/api/customers/${await customerOfA()}`, { method: 'PATCH', token: w.agentB.token, body: { vip: true } }), 404),
  'POST /api/customers/:id/notes': async () => refused(await call(`/api/customers/${await customerOfA()}/notes`, { token: w.agentB.token, body: { body: 'pwned' } }), 404),
  'POST /api/customers/:id/reveal': async () => refused(await call(`/api/customers/${await customerOfA()}/reveal`, { token: w.agentB.token, body: { field: 'phone' } }), [403, 404]),
  'POST /api/customers/:id/export': async () => refused(await call(`/api/customers/${await customerOfA()}/export`, { token: w.agentB.token, body: {} }), [403, 404]),
  'DELETE /api/customers/:id': async () => refused(await call(`/api/customers/${await customerOfA()}`, { method: 'DELETE', token: w.agentB.token }), [403, 404]),
  'GET /api/sites/:id/identity-secret': async () => refused(await call(`/api/sites/${w.siteA.id}/identity-secret`, { token: w.agentB.token }), 403),
  'POST /api/sites/:id/identity-secret/rotate': async () => refused(await call(`/api/sites/${w.siteA.id}/identity-secret/rotate`, { token: w.agentB.token, body: {} }), 403),
  'POST /api/sites/:id/rotate-key': async () => refused(await call(`/api/sites/${w.siteA.id}/rotate-key`, { token: w.agentB.token, body: {} }), 403),
  'PUT /api/canned-replies/:id': async () => refused(await call(`/api/canned-replies/${w.cannedA}`, { method: 'PUT', token: w.agentB.token, body: { shortcut: 'idor', title: 'x', body: 'x' } }), 403),
  'POST /api/users/:id/invite': async () => refused(await call(`/api/users/${w.agentA.user.id}/invite`, { token: w.agentB.token, body: {} }), 403),
  'GET /api/invites/:token': async () => refused(await call(`/api/invites/${FORGED_TOKEN}`), [400, 404]),
  'GET /api/scheduled-reports/:id/download': async () => refused(await call(`/api/scheduled-reports/${w.siteA.id}/download`, { token: w.agentB.token }), [403, 404]),
  'GET /s/:token': async () => {
    const r = await call(`/s/${FORGED_TOKEN}`);
    expect([200, 404]).toContain(r.status);
    expect(r.text).not.toMatch(/SECRET-A|Agent A/);
  },
  'GET /api/survey-links/:token': async () => refused(await call(`/api/survey-links/${FORGED_TOKEN}`), 404),
  'PUT /api/survey-links/:token': async () => refused(await call(`/api/survey-links/${FORGED_TOKEN}`, { method: 'PUT', body: { rating: 1 } }), 404),
  'GET /api/surveys/settings/:siteId': async () => refused(await call(`/api/surveys/settings/${w.siteA.id}`, { token: w.agentB.token }), 403),
  'PUT /api/surveys/settings/:siteId': async () => refused(await call(`/api/surveys/settings/${w.siteA.id}`, { method: 'PUT', token: w.agentB.token, body: { enabled: false } }), 403),
  'POST /api/follow-ups/:id/outcome': async () => refused(await call(`/api/follow-ups/${w.followUpA}/outcome`, { token: w.agentB.token, body: { outcome: 'reached' } }), 404),
  'POST /api/follow-ups/:id/survey-link': async () => refused(await call(`/api/follow-ups/${w.followUpA}/survey-link`, { token: w.agentB.token, body: {} }), 404),
  'PUT /api/quality/phrases/:id': async () => refused(await call(`/api/quality/phrases/${w.phraseA}`, { method: 'PUT', token: w.agentB.token, body: { locale: 'en', category: 'negating', text: 'x' } }), 403),
  'DELETE /api/quality/phrases/:id': async () => refused(await call(`/api/quality/phrases/${w.phraseA}`, { method: 'DELETE', token: w.agentB.token }), 403),
};

/** Query parameters that carry ids (not in the path), tried the same way. */
const queryCases: Record<string, () => Promise<void>> = {
  'GET /api/surveys?conversationId': async () => refused(await call(`/api/surveys?conversationId=${w.convA}`, { token: w.agentB.token }), 404),
  'GET /api/surveys?visitorId': async () => refused(await call(`/api/surveys?visitorId=${w.customerA.visitorId}`, { token: w.agentB.token }), 404),
  'GET /api/widget/complaints (other visitor token on another site)': async () =>
    refused(await call(`/api/widget/complaints?${widgetQuery(w.siteB.key)}`, { headers: { authorization: `Bearer ${w.customerA.visitorToken}` } }), 401),
};

function idBearingRoutes(): string[] {
  return [...new Set(server.app.routes.filter((r) => r.method !== 'ALL' && r.path.includes('/:')).map((r) => `${r.method} ${r.path}`))].sort();
}

/** Socket events handled in src/realtime: the customer namespace's file, and every other file (agent namespace). */
function socketEvents(namespace: 'customer' | 'agent'): string[] {
  const dir = resolve(__dirname, '../src/realtime');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && (namespace === 'customer') === (f === 'customer.namespace.ts'));
  const src = files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
  return [...new Set([...src.matchAll(/socket\.on\(\s*'([^']+)'/g)].map((m) => m[1]!).filter((e) => e !== 'disconnect'))].sort();
}

describe('IDOR sweep', () => {
  it('covers every id-bearing route the app serves (a new one must be added to this sweep)', () => {
    const covered = new Set(Object.keys(routeCases));
    expect(idBearingRoutes().filter((r) => !covered.has(r))).toEqual([]);
  });

  it('refuses every id-bearing route called with another team’s or another customer’s ids, leaking nothing', async () => {
    let tried = 0;
    const served = new Set(idBearingRoutes());
    for (const [route, run] of Object.entries({ ...routeCases, ...queryCases })) {
      if (route in routeCases && !served.has(route)) continue; // a feature not (yet) served here
      tried++;
      await run().catch((e: Error) => {
        throw new Error(`${route}: ${e.message}`);
      });
    }
    // The victim's objects are untouched and still reachable by their owner.
    expect((await call(`/api/conversations/${w.convA}`, { token: w.agentA.token })).status).toBe(200);
    expect((await call(`/api/complaints/${w.complaintA.id}`, { token: w.agentA.token })).body.complaint.priority).toBe('normal');
    expect((await call(`/api/complaints/${w.complaintA.id}/attachments/${w.attachmentA}`, { token: w.agentA.token })).status).toBe(200);
    console.log(`[abuse] IDOR sweep: ${tried} id-bearing routes/queries tried as an outsider, all refused`);
  });

  const customerEvents: Record<string, (b: CustomerSocket) => Promise<void>> = {
    'conversation:sync': async (b) => expect(await b.emitWithAck('conversation:sync', { conversationId: w.convA, afterSeq: 0 })).toMatchObject({ ok: false, code: 'not_found' }),
    'message:send': async (b) => expect(await b.emitWithAck('message:send', { conversationId: w.convA, clientId: newClientId(), text: 'injected' })).toMatchObject({ ok: false, code: 'not_found' }),
    'survey:pending': async (b) => expect(await b.emitWithAck('survey:pending', { conversationId: w.convA })).toEqual({ ok: true, survey: null }),
    'survey:answer': async (b) => expect(await b.emitWithAck('survey:answer', { surveyId: w.surveyA, rating: 1 })).toMatchObject({ ok: false, code: 'not_found' }),
    typing: async (b) => {
      // B's forged typing must not reach agent A; A's own typing right after must be the first seen.
      const first = nextEvent(w.agentSocketA, 'typing');
      b.emit('typing', { conversationId: w.convA, typing: true });
      await b.emitWithAck('conversation:sync', { conversationId: null, afterSeq: 0 });
      w.customerA.socket.emit('typing', { conversationId: w.convA, typing: false });
      expect(await first).toEqual({ conversationId: w.convA, typing: false });
    },
  };
  const agentEvents: Record<string, (b: AgentSocket) => Promise<void>> = {
    'conversation:sync': async (b) => expect(await b.emitWithAck('conversation:sync', { conversationId: w.convA, afterSeq: 0 })).toMatchObject({ ok: false, code: 'not_found' }),
    'message:send': async (b) => {
      expect(await b.emitWithAck('message:send', { conversationId: w.convA, clientId: newClientId(), text: 'injected', internal: false })).toMatchObject({ ok: false, code: 'not_found' });
      expect(await b.emitWithAck('message:send', { conversationId: w.convA, clientId: newClientId(), text: 'injected', internal: true })).toMatchObject({ ok: false, code: 'not_found' });
    },
    typing: async (b) => {
      const first = nextEvent(w.customerA.socket, 'typing');
      b.emit('typing', { conversationId: w.convA, typing: true });
      await b.emitWithAck('presence:set', { presence: 'away' });
      w.agentSocketA.emit('typing', { conversationId: w.convA, typing: false });
      expect(await first).toEqual({ conversationId: w.convA, typing: false });
    },
    'conversation:leave': async (b) => {
      // Leaving a room one is not in changes nothing; A still gets the conversation's messages.
      b.emit('conversation:leave', { conversationId: w.convA });
      const got = nextEvent(w.agentSocketA, 'message:new', (m: { text: string }) => m.text === 'still here');
      await w.customerA.socket.emitWithAck('message:send', { conversationId: w.convA, clientId: newClientId(), text: 'still here' });
      await got;
    },
    'presence:set': async () => {}, // carries no id
    // The live monitor (when served) is for supervisors: a plain agent is refused before anything is read.
    'monitor:subscribe': async (b) => expect(await (b as any).emitWithAck('monitor:subscribe', {})).toMatchObject({ ok: false, code: 'forbidden' }),
    'monitor:unsubscribe': async () => {}, // carries no id; leaves only the socket's own room
  };

  it('covers every socket event of both namespaces', () => {
    expect(socketEvents('customer').filter((e) => !(e in customerEvents))).toEqual([]);
    expect(socketEvents('agent').filter((e) => !(e in agentEvents))).toEqual([]);
  });

  it('refuses every id-bearing socket event sent with another customer’s or team’s ids, and stores nothing', async () => {
    const before = (await call(`/api/conversations/${w.convA}`, { token: w.admin })).body.messages.length as number;
    for (const [event, run] of Object.entries(customerEvents)) await run(w.customerB.socket).catch((e: Error) => { throw new Error(`customer ${event}: ${e.message}`); });
    const agentServed = new Set(socketEvents('agent'));
    for (const [event, run] of Object.entries(agentEvents)) if (agentServed.has(event)) await run(w.agentSocketB).catch((e: Error) => { throw new Error(`agent ${event}: ${e.message}`); });
    const after = (await call(`/api/conversations/${w.convA}`, { token: w.admin })).body.messages as { text: string }[];
    expect(after.length).toBe(before + 1); // only "still here"
    expect(after.map((m) => m.text)).not.toContain('injected');
    console.log(`[abuse] IDOR sweep: ${Object.keys(customerEvents).length + Object.keys(agentEvents).length} socket events tried with foreign ids, all refused`);
  });

  it('never shows a visitor token (or its hash) in any response or event, except to its own visitor', async () => {
    // The sweep above plus what the agents' screens load.
    for (const path of [`/api/conversations/${w.convA}`, `/api/conversations?view=all`, `/api/complaints/${w.complaintA.id}`, `/api/complaints?sort=created`, `/api/surveys?visitorId=${w.customerA.visitorId}`, '/api/follow-ups', '/api/mail/outbox', `/api/customers/by-visitor/${w.customerA.visitorId}`, '/api/customers']) {
      await call(path, { token: w.admin });
    }
    await call(`/api/track/${w.complaintA.trackingToken}`);
    const secrets = [w.customerA, w.customerB].flatMap((c) => [c.visitorToken, hashToken(c.visitorToken)]);
    const leaks = seen.filter((s) => secrets.some((t) => s.text.includes(t))).map((s) => s.where);
    console.log(`[abuse] visitor-token scan: ${seen.length} responses and events scanned, ${leaks.length} leaks`);
    expect(leaks).toEqual([]);
    expect(seen.length).toBeGreaterThan(40);
  });
});

