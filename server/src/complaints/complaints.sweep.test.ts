import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../platform/database';
import type { RunningServer } from '../server';
import { api, connectCustomer, createAgent, createTestDatabase, login, startTestServer } from '../testing/test-server';
import { autoCloseResolved, sweepDeadlines } from './complaints.sweep';

let database: OpenDatabase;
let servers: RunningServer[] = [];
let admin: string;
let teamId: string;
let supervisorId: string;
let offsetMs = 0;
const clock = () => new Date(Date.now() + offsetMs);
const HOUR = 3_600_000;

beforeAll(async () => {
  database = await createTestDatabase();
  // Two server processes on one database, each with its own sweep (driven by hand here).
  servers = [await startTestServer({ database, clock, sweepMs: 3_600_000 })];
  servers.push(await startTestServer({ database, clock, sweepMs: 3_600_000 }));
  admin = (await login(servers[0]!)).token;
  teamId = (await api(servers[0]!, '/api/teams', { token: admin, body: { name: 'Sweep team' } })).body.team.id;
  supervisorId = (await createAgent(servers[0]!, admin, { teamIds: [teamId], role: 'supervisor' })).user.id;
});
afterAll(async () => {
  for (const s of servers) await s.close();
  await database?.close();
});

async function fileAndAccept(handlerId: string | null): Promise<string> {
  const s = servers[0]!;
  const c = await connectCustomer(s);
  c.socket.close();
  const filed = await api(s, '/api/widget/complaints', { body: { siteKey: 'demo', visitorToken: c.visitorToken, hostOrigin: s.url, category: 'product', description: 'Broken', phone: '1234567' } });
  const list = await api(s, '/api/complaints?sort=created', { token: admin });
  const id = list.body.complaints.find((x: { number: string }) => x.number === filed.body.number).id;
  await api(s, `/api/complaints/${id}/judge`, { token: admin, body: { decision: 'accept', teamId, handlerId } });
  return id;
}

const eventsOf = async (id: string, type: string) =>
  (await database.db.selectFrom('complaint_events').select('data').where('complaint_id', '=', id).where('type', '=', type as never).execute()).map((r) => r.data);

describe('complaint deadline sweep', () => {
  it('warns the handler once at 80% and escalates to the team supervisor once on breach, with two processes sweeping', async () => {
    offsetMs = 0;
    const handler = await createAgent(servers[0]!, admin, { teamIds: [teamId] });
    const id = await fileAndAccept(handler.user.id);
    // normal priority: resolution due in 72 h (the first response was met by the judgement).
    const sweepBoth = async () => (await Promise.all(servers.map((s) => sweepDeadlines(s.ctx)))).reduce((a, b) => a + b, 0);
    offsetMs = 50 * HOUR;
    await sweepBoth();
    expect(await eventsOf(id, 'deadline_warning')).toHaveLength(0);
    offsetMs = 60 * HOUR;
    await sweepBoth();
    await sweepBoth();
    const warnings = await eventsOf(id, 'deadline_warning');
    expect(warnings).toEqual([expect.objectContaining({ deadline: 'resolution', notified: [handler.user.id] })]);
    const board = await api(servers[1]!, `/api/complaints?overdue=1`, { token: admin });
    expect(board.body.complaints.map((c: { id: string }) => c.id)).not.toContain(id);
    expect((await api(servers[1]!, `/api/complaints/${id}`, { token: admin })).body.complaint.deadlineState).toBe('at_risk');

    offsetMs = 73 * HOUR;
    await sweepBoth();
    await sweepBoth();
    const breaches = await eventsOf(id, 'deadline_breached');
    expect(breaches).toEqual([expect.objectContaining({ deadline: 'resolution', notified: [supervisorId] })]);
    expect(await eventsOf(id, 'deadline_warning')).toHaveLength(1);
    const overdue = await api(servers[1]!, `/api/complaints?overdue=1`, { token: admin });
    expect(overdue.body.complaints.map((c: { id: string }) => c.id)).toContain(id);
    expect(overdue.body.complaints.find((c: { id: string }) => c.id === id).deadlineState).toBe('breached');
    const row = await database.db.selectFrom('complaint_deadlines').selectAll().where('complaint_id', '=', id).where('kind', '=', 'resolution').executeTakeFirstOrThrow();
    expect(row.breached_at).not.toBeNull();
  });

  it('closes a resolved complaint nobody answered after the configured days, once', async () => {
    offsetMs = 0;
    const id = await fileAndAccept(null);
    await api(servers[0]!, `/api/complaints/${id}/resolve`, { token: admin, body: { resolution: 'Replaced' } });
    offsetMs = 6 * 24 * HOUR;
    await Promise.all(servers.map((s) => autoCloseResolved(s.ctx)));
    expect((await api(servers[0]!, `/api/complaints/${id}`, { token: admin })).body.complaint.status).toBe('resolved');
    offsetMs = 8 * 24 * HOUR;
    await Promise.all(servers.map((s) => autoCloseResolved(s.ctx)));
    await Promise.all(servers.map((s) => autoCloseResolved(s.ctx)));
    admin = (await login(servers[0]!)).token; // the old session expired in the meantime
    const detail = (await api(servers[0]!, `/api/complaints/${id}`, { token: admin })).body;
    expect(detail.complaint.status).toBe('closed');
    expect(detail.events.filter((e: { type: string }) => e.type === 'closed')).toEqual([expect.objectContaining({ public: true, data: { by: 'auto', afterDays: 7 } })]);
  });
});
