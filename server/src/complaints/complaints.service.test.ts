import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../platform/secrets';
import type { RunningServer } from '../server';
import { api, connectCustomer, createAgent, eventually, newClientId, useTestServer } from '../testing/test-server';

let server: RunningServer;
let admin: string;
let teamId: string;
let manager: { token: string; user: { id: string } };
let handler: { token: string; user: { id: string } };
let outsider: { token: string; user: { id: string } };
const sockets: { close(): void }[] = [];

useTestServer({ sweepMs: 3_600_000 }, (t) => {
  ({ server, adminToken: admin } = t);
});
beforeAll(async () => {
  teamId = (await api(server, '/api/teams', { token: admin, body: { name: 'Complaints team' } })).body.team.id;
  const otherTeam = (await api(server, '/api/teams', { token: admin, body: { name: 'Other team' } })).body.team.id;
  manager = await createAgent(server, admin, { teamIds: [], role: 'manager' });
  handler = await createAgent(server, admin, { teamIds: [teamId] });
  outsider = await createAgent(server, admin, { teamIds: [otherTeam] });
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
});

async function fileFromWidget(extra: Record<string, unknown> = {}) {
  const c = await connectCustomer(server);
  sockets.push(c.socket);
  const res = await api(server, '/api/widget/complaints', {
    body: { siteKey: 'demo', visitorToken: c.visitorToken, hostOrigin: server.url, category: 'delivery', description: 'The parcel never came', email: 'wang@example.com', ...extra },
  });
  return { ...res, visitorToken: c.visitorToken, token: String(res.body.trackingUrl ?? '').split('/c/')[1] ?? '' };
}
const track = (token: string, path = '', body?: unknown) => api(server, `/api/track/${token}${path}`, body === undefined ? {} : { body });
async function idOf(number: string): Promise<string> {
  const { body } = await api(server, '/api/complaints?sort=created', { token: admin });
  return body.complaints.find((c: { number: string }) => c.number === number).id;
}

describe('complaints', () => {
  it('files a complaint from the widget with a day number and a tracking link stored only as a hash', async () => {
    const filed = await fileFromWidget();
    expect(filed.status).toBe(201);
    expect(filed.body.number).toMatch(/^KS\d{8}-\d{4}$/);
    expect(filed.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await server.ctx.db.selectFrom('complaint_tracking_tokens').select('token_hash').execute();
    expect(rows.map((r) => r.token_hash)).toContain(hashToken(filed.token));
    expect(JSON.stringify(rows)).not.toContain(filed.token);
    const view = await track(filed.token);
    expect(view.status).toBe(200);
    expect(view.body.complaint).toMatchObject({ number: filed.body.number, status: 'received', canAddInfo: true, awaitingFeedback: false });
    expect(view.body.complaint.dueAt).toEqual(expect.any(String));
    const second = await fileFromWidget();
    const [a, b] = [filed.body.number, second.body.number].map((n: string) => Number(n.slice(-4)));
    expect(b).toBe(a! + 1);
  });

  it('answers wrong, malformed and expired tracking tokens with the same 404', async () => {
    const filed = await fileFromWidget();
    const wrong = filed.token.slice(0, -2) + (filed.token.endsWith('AA') ? 'BB' : 'AA');
    for (const t of [wrong, 'short', 'x'.repeat(43)]) {
      const r = await track(t);
      expect(r.status).toBe(404);
      expect(r.body.code).toBe('not_found');
    }
    await server.ctx.db.updateTable('complaint_tracking_tokens').set({ expires_at: new Date(Date.now() - 1000) }).where('token_hash', '=', hashToken(filed.token)).execute();
    expect((await track(filed.token)).status).toBe(404);
  });

  it('refuses a widget complaint without any contact, or from an unknown visitor', async () => {
    expect((await fileFromWidget({ email: undefined })).body.code).toBe('bad_request');
    const r = await api(server, '/api/widget/complaints', { body: { siteKey: 'demo', visitorToken: 'not-a-visitor-token', hostOrigin: server.url, category: 'other', description: 'x', phone: '123456' } });
    expect(r.status).toBe(401);
  });

  it('goes through judgement, handling, an unsatisfied reopen and a satisfied close', async () => {
    const filed = await fileFromWidget();
    const id = await idOf(filed.body.number);
    // Only managers judge.
    expect((await api(server, `/api/complaints/${id}/judge`, { token: handler.token, body: { decision: 'accept', teamId } })).status).toBe(403);
    // Resolving before acceptance is an illegal transition.
    expect((await api(server, `/api/complaints/${id}/resolve`, { token: manager.token, body: { resolution: 'done' } })).body.code).toBe('invalid_transition');
    const accepted = await api(server, `/api/complaints/${id}/judge`, { token: manager.token, body: { decision: 'accept', teamId, handlerId: handler.user.id, priority: 'high' } });
    expect(accepted.body.complaint).toMatchObject({ status: 'accepted', teamId, handlerId: handler.user.id, ownerId: manager.user.id, priority: 'high' });
    expect((await api(server, `/api/complaints/${id}/judge`, { token: manager.token, body: { decision: 'reject', reason: 'no' } })).status).toBe(409);
    // Agents of other teams neither see nor touch it.
    expect((await api(server, `/api/complaints/${id}`, { token: outsider.token })).status).toBe(404);
    const note = await api(server, `/api/complaints/${id}/replies`, { token: handler.token, body: { text: 'internal: carrier lost it', public: false } });
    expect(note.body.complaint.status).toBe('accepted');
    const reply = await api(server, `/api/complaints/${id}/replies`, { token: handler.token, body: { text: 'We are checking with the carrier.', public: true } });
    expect(reply.body.complaint.status).toBe('in_progress');
    await api(server, `/api/complaints/${id}/resolve`, { token: handler.token, body: { resolution: 'A new parcel is on its way.' } });

    let view = (await track(filed.token)).body.complaint;
    expect(view).toMatchObject({ status: 'resolved', awaitingFeedback: true });
    expect(view.timeline.map((e: { type: string }) => e.type)).toEqual(['created', 'accepted', 'reply', 'resolved']);
    expect(JSON.stringify(view)).not.toContain('carrier lost it');

    view = (await track(filed.token, '/feedback', { satisfied: false, comment: 'Still nothing' })).body.complaint;
    expect(view.status).toBe('handling');
    let detail = (await api(server, `/api/complaints/${id}`, { token: handler.token })).body;
    expect(detail.complaint).toMatchObject({ status: 'reopened', reopenCount: 1 });
    expect(detail.deadlines.filter((d: { kind: string; metAt: string | null }) => d.kind === 'resolution' && d.metAt === null)).toHaveLength(1);
    expect((await track(filed.token, '/feedback', { satisfied: true, rating: 5 })).status).toBe(409);

    await track(filed.token, '/info', { text: 'The tracking number is 123' });
    await api(server, `/api/complaints/${id}/resolve`, { token: handler.token, body: { resolution: 'Delivered today.' } });
    view = (await track(filed.token, '/feedback', { satisfied: true, rating: 4, comment: 'Thanks' })).body.complaint;
    expect(view).toMatchObject({ status: 'closed', rating: 4, canAddInfo: false, awaitingFeedback: false });
    detail = (await api(server, `/api/complaints/${id}`, { token: handler.token })).body;
    expect(detail.complaint).toMatchObject({ status: 'closed', rating: 4, reopenCount: 1, ownerId: manager.user.id });
    expect(detail.events.map((e: { type: string }) => e.type)).toEqual([
      'created', 'accepted', 'priority_changed', 'note', 'started', 'reply', 'resolved', 'reopened', 'customer_info', 'started', 'resolved', 'rated', 'closed',
    ]);
    expect((await track(filed.token, '/info', { text: 'more' })).body.code).toBe('invalid_transition');
    // The rating counts as the complaint's survey, credited to its owner (首问), for CSAT.
    const survey = await eventually(() =>
      server.ctx.db.selectFrom('surveys').select(['rating', 'comment', 'agent_id', 'source']).where('complaint_id', '=', id).executeTakeFirst(),
    );
    expect(survey).toEqual({ rating: 4, comment: 'Thanks', agent_id: manager.user.id, source: 'complaint' });
  });

  it('shows the customer a polite rejection and nothing internal', async () => {
    const filed = await fileFromWidget();
    const id = await idOf(filed.body.number);
    await api(server, `/api/complaints/${id}/replies`, { token: manager.token, body: { text: 'looks like spam', public: false } });
    const r = await api(server, `/api/complaints/${id}/judge`, { token: manager.token, body: { decision: 'reject', reason: 'We are sorry, the order is not from our shop.' } });
    expect(r.body.complaint.status).toBe('rejected');
    const view = (await track(filed.token)).body.complaint;
    expect(view.status).toBe('not_accepted');
    expect(view.timeline.at(-1)).toMatchObject({ type: 'rejected', text: 'We are sorry, the order is not from our shop.' });
    expect(JSON.stringify(view)).not.toContain('spam');
  });

  it('lists a visitor’s complaints in the widget and mints working links only for their own', async () => {
    const filed = await fileFromWidget();
    const q = `siteKey=demo&hostOrigin=${encodeURIComponent(server.url)}`;
    const mine = await api(server, `/api/widget/complaints?${q}`, { headers: { authorization: `Bearer ${filed.visitorToken}` } });
    expect(mine.body.complaints).toEqual([expect.objectContaining({ number: filed.body.number, status: 'received' })]);
    const id = mine.body.complaints[0].id;
    const link = await api(server, `/api/widget/complaints/${id}/link?${q}`, { method: 'POST', headers: { authorization: `Bearer ${filed.visitorToken}` } });
    const token = String(link.body.trackingUrl).split('/c/')[1]!;
    expect((await track(token)).body.complaint.number).toBe(filed.body.number);
    const other = await fileFromWidget();
    const stolen = await api(server, `/api/widget/complaints/${id}/link?${q}`, { method: 'POST', headers: { authorization: `Bearer ${other.visitorToken}` } });
    expect(stolen.status).toBe(404);
  });

  it('registers a phone complaint and converts a conversation with its transcript linked', async () => {
    const phone = await api(server, '/api/complaints', { token: handler.token, body: { customerName: 'Li Lei', phone: '+86 138 0000 0000', category: 'billing', priority: 'urgent', description: 'Charged twice' } });
    expect(phone.status).toBe(201);
    expect(phone.body.complaint).toMatchObject({ channel: 'phone', ownerId: handler.user.id, priority: 'urgent', status: 'submitted' });
    const c = await connectCustomer(server);
    sockets.push(c.socket);
    const ack = await c.socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: 'Your courier was rude' });
    if (!ack.ok) throw new Error(ack.message);
    const conv = await api(server, '/api/complaints/from-conversation', { token: admin, body: { conversationId: ack.message.conversationId, category: 'staff', description: 'Courier was rude' } });
    expect(conv.status).toBe(201);
    expect(conv.body.complaint).toMatchObject({ channel: 'conversation', conversationId: ack.message.conversationId, visitorId: c.visitorId });
    expect((await api(server, '/api/complaints/from-conversation', { token: outsider.token, body: { conversationId: ack.message.conversationId, category: 'staff', description: 'x' } })).status).toBe(404);
  });

  it('filters the board and counts per status, with agents seeing only their teams’ complaints', async () => {
    const all = (await api(server, '/api/complaints', { token: manager.token })).body;
    const total = Object.values(all.counts as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(all.complaints.length);
    expect(all.counts.closed).toBeGreaterThanOrEqual(1);
    const urgent = (await api(server, '/api/complaints?priority=urgent', { token: manager.token })).body.complaints;
    expect(urgent.length).toBeGreaterThan(0);
    expect(urgent.every((c: { priority: string }) => c.priority === 'urgent')).toBe(true);
    const dues = all.complaints.map((c: { dueAt: string | null }) => c.dueAt).filter(Boolean);
    expect([...dues].sort()).toEqual(dues);
    const mine = (await api(server, '/api/complaints', { token: handler.token })).body.complaints;
    expect(mine.every((c: { teamId: string | null; ownerId: string | null; handlerId: string | null }) => c.teamId === teamId || c.ownerId === handler.user.id || c.handlerId === handler.user.id)).toBe(true);
    expect((await api(server, '/api/complaints?status=bogus', { token: manager.token })).status).toBe(400);
  });
});
