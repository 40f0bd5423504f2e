import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server';
import { api, connectCustomer, createAgent, newClientId, useTestServer } from '../testing/test-server';

let server: RunningServer;
let adminToken: string;
let teamId: string;

useTestServer({}, (t) => {
  ({ server, adminToken } = t);
});
beforeAll(async () => {
  const teams = await api(server, '/api/teams', { token: adminToken });
  teamId = teams.body.teams.find((t: { name: string }) => t.name === 'Support').id;
});

/** Seven VIP customers with a conversation each, and three ordinary ones. */
async function seedCustomers(): Promise<{ vip: string[]; plain: string[] }> {
  const vip: string[] = [];
  const plain: string[] = [];
  for (let i = 0; i < 10; i++) {
    const c = await connectCustomer(server);
    const ack = await c.socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: `问题 ${i}` });
    expect(ack.ok).toBe(true);
    c.socket.close();
    if (i < 7) {
      await server.ctx.db.updateTable('visitors').set({ vip: true }).where('id', '=', c.visitorId).execute();
      vip.push(c.visitorId);
    } else plain.push(c.visitorId);
  }
  return { vip, plain };
}

describe('follow-up batches', () => {
  it('creates one task per matching customer, spread evenly over the chosen agents, with named overrides', async () => {
    const manager = await createAgent(server, adminToken, { teamIds: [teamId], role: 'manager' });
    const a = await createAgent(server, adminToken, { teamIds: [teamId], name: 'A' });
    const b = await createAgent(server, adminToken, { teamIds: [teamId], name: 'B' });
    const c = await createAgent(server, adminToken, { teamIds: [teamId], name: 'C' });
    const { vip, plain } = await seedCustomers();
    const dueAt = new Date(Date.now() + 3 * 86_400_000).toISOString();

    const preview = await api(server, '/api/follow-ups/batches/preview', { token: manager.token, body: { filter: { vip: true } } });
    expect(preview.body.count).toBe(7);
    const refused = await api(server, '/api/follow-ups/batches', { token: a.token, body: { name: 'VIP', filter: { vip: true }, dueAt, agentIds: [a.user.id] } });
    expect(refused.status).toBe(403);

    const res = await api(server, '/api/follow-ups/batches', {
      token: manager.token,
      body: { name: 'VIP 回访', filter: { vip: true }, dueAt, agentIds: [a.user.id, b.user.id], assignments: { [vip[0]!]: c.user.id } },
    });
    expect(res.status).toBe(201);
    const tasks: { visitorId: string; assigneeId: string; dueAt: string; batchName: string }[] = res.body.followUps;
    expect(tasks.map((t) => t.visitorId).sort()).toEqual([...vip].sort());
    expect(tasks.some((t) => plain.includes(t.visitorId))).toBe(false);
    const per = (id: string) => tasks.filter((t) => t.assigneeId === id).length;
    expect(per(c.user.id)).toBe(1);
    expect([per(a.user.id), per(b.user.id)]).toEqual([3, 3]);
    expect(tasks.every((t) => t.dueAt === dueAt && t.batchName === 'VIP 回访')).toBe(true);

    const mine = await api(server, '/api/follow-ups/mine', { token: b.token });
    expect(mine.body.followUps).toHaveLength(3);
  });

  it('records outcomes: callback moves the due date, reached closes it; overdue tasks are flagged', async () => {
    const manager = await createAgent(server, adminToken, { teamIds: [teamId], role: 'manager' });
    const agent = await createAgent(server, adminToken, { teamIds: [teamId] });
    const other = await createAgent(server, adminToken, { teamIds: [teamId] });
    const past = new Date(Date.now() - 3600_000).toISOString();
    const res = await api(server, '/api/follow-ups/batches', { token: manager.token, body: { name: 'late', filter: { vip: true }, dueAt: past, agentIds: [agent.user.id] } });
    const task = res.body.followUps[0];
    expect(task.overdue).toBe(true);

    expect((await api(server, `/api/follow-ups/${task.id}/outcome`, { token: other.token, body: { outcome: 'reached' } })).status).toBe(404);
    expect((await api(server, `/api/follow-ups/${task.id}/outcome`, { token: agent.token, body: { outcome: 'callback' } })).status).toBe(400);
    const later = new Date(Date.now() + 86_400_000).toISOString();
    const cb = await api(server, `/api/follow-ups/${task.id}/outcome`, { token: agent.token, body: { outcome: 'callback', notes: '客户在开会', callbackAt: later } });
    expect(cb.body.followUp).toMatchObject({ status: 'open', outcome: 'callback', overdue: false, dueAt: later, notes: '客户在开会' });
    const done = await api(server, `/api/follow-ups/${task.id}/outcome`, { token: agent.token, body: { outcome: 'reached', notes: '已解决' } });
    expect(done.body.followUp).toMatchObject({ status: 'done', outcome: 'reached', notes: '客户在开会\n已解决' });
    expect((await api(server, `/api/follow-ups/${task.id}/outcome`, { token: agent.token, body: { outcome: 'reached' } })).status).toBe(409);
  });

  it('picks customers whose complaint was closed in a date range (客诉回访)', async () => {
    const manager = await createAgent(server, adminToken, { teamIds: [teamId], role: 'manager' });
    const fileAndClose = async () => {
      const c = await connectCustomer(server);
      c.socket.close();
      const filed = await api(server, '/api/widget/complaints', {
        body: { siteKey: 'demo', visitorToken: c.visitorToken, hostOrigin: server.url, category: 'delivery', description: 'Parcel lost', phone: '13800138000' },
      });
      expect(filed.status, JSON.stringify(filed.body)).toBe(201);
      const id = (await api(server, '/api/complaints?sort=created', { token: adminToken })).body.complaints.find((x: { number: string }) => x.number === filed.body.number).id;
      await api(server, `/api/complaints/${id}/judge`, { token: adminToken, body: { decision: 'accept', teamId } });
      await api(server, `/api/complaints/${id}/resolve`, { token: adminToken, body: { resolution: 'Sent again' } });
      const token = String(filed.body.trackingUrl).split('/c/')[1];
      expect((await api(server, `/api/track/${token}/feedback`, { body: { satisfied: true, rating: 5 } })).status).toBe(200);
      return c.visitorId;
    };
    const closedNow = await fileAndClose();
    const inRange = { resolvedFrom: new Date(Date.now() - 3_600_000).toISOString(), resolvedTo: new Date(Date.now() + 3_600_000).toISOString() };
    const preview = await api(server, '/api/follow-ups/batches/preview', { token: manager.token, body: { filter: { closedComplaints: true, ...inRange } } });
    expect(preview.body.count).toBe(1);
    const lastMonth = { resolvedFrom: new Date(Date.now() - 40 * 86_400_000).toISOString(), resolvedTo: new Date(Date.now() - 10 * 86_400_000).toISOString() };
    const none = await api(server, '/api/follow-ups/batches/preview', { token: manager.token, body: { filter: { closedComplaints: true, ...lastMonth } } });
    expect(none.body.count).toBe(0);
    const batch = await api(server, '/api/follow-ups/batches', {
      token: manager.token,
      body: { name: '客诉回访', filter: { closedComplaints: true, ...inRange }, dueAt: new Date(Date.now() + 86_400_000).toISOString(), agentIds: [manager.user.id] },
    });
    expect(batch.status).toBe(201);
    const mine = await api(server, '/api/follow-ups/mine', { token: manager.token });
    expect(mine.body.followUps.map((f: { visitorId: string }) => f.visitorId)).toContain(closedNow);
  });
});
