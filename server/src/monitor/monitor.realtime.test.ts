import { beforeAll, describe, expect, it } from 'vitest';
import type { TMonitorSnapshot } from '@kefu/shared';
import type { RunningServer } from '../server';
import { api, connectAgent, connectCustomer, createAgent, newClientId, nextEvent, useTestServer, type AgentSocket } from '../testing/test-server';

let server: RunningServer;
let adminToken: string;

useTestServer({}, (t) => {
  ({ server, adminToken } = t);
});

let teamId: string;
let siteKey: string;
beforeAll(async () => {
  // A team and site of their own, so the demo team's queue does not mix in.
  teamId = (await api(server, '/api/teams', { token: adminToken, body: { name: 'Monitor team' } })).body.team.id;
  siteKey = (await api(server, '/api/sites', { token: adminToken, body: { name: 'Monitor shop', defaultTeamId: teamId } })).body.site.key;
});

async function subscribe(socket: AgentSocket): Promise<TMonitorSnapshot> {
  const ack = await socket.emitWithAck('monitor:subscribe', {});
  if (!ack.ok) throw new Error(ack.message);
  return ack.snapshot;
}

describe('live monitor', () => {
  it('refuses an agent and answers a supervisor with a full snapshot', async () => {
    const agent = await createAgent(server, adminToken, { teamIds: [teamId] });
    const supervisor = await createAgent(server, adminToken, { teamIds: [teamId], role: 'supervisor', name: 'Zhou Supervisor' });
    const agentSocket = await connectAgent(server, agent.token);
    const refused = await agentSocket.emitWithAck('monitor:subscribe', {});
    expect(refused).toMatchObject({ ok: false, code: 'forbidden' });

    const socket = await connectAgent(server, supervisor.token);
    const snapshot = await subscribe(socket);
    expect(snapshot.teams.find((t) => t.teamId === teamId)).toMatchObject({ name: 'Monitor team', queued: 0, oldestQueuedAt: null });
    expect(snapshot.agents.find((a) => a.id === supervisor.user.id)).toMatchObject({ name: 'Zhou Supervisor', role: 'supervisor', load: 0, capacity: 5, teamIds: [teamId] });
    expect(snapshot.today.timeZone).toBe('Asia/Shanghai');
    expect(snapshot.today.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // An agent's pushes never reach a socket that was refused.
    const bad = await agentSocket.emitWithAck('monitor:subscribe', { extra: 1 } as never);
    expect(bad).toMatchObject({ ok: false, code: 'bad_request' });
    agentSocket.close();
    socket.close();
  });

  it('pushes a new snapshot when an agent goes offline', async () => {
    const agent = await createAgent(server, adminToken, { teamIds: [teamId], maxConcurrent: 3, name: 'Going Offline' });
    await api(server, '/api/me/presence', { method: 'PUT', token: agent.token, body: { presence: 'online' } });
    const supervisor = await createAgent(server, adminToken, { teamIds: [teamId], role: 'supervisor' });
    const socket = await connectAgent(server, supervisor.token);
    const first = await subscribe(socket);
    expect(first.agents.find((a) => a.id === agent.user.id)?.presence).toBe('online');
    expect(first.teams.find((t) => t.teamId === teamId)?.agentsOnline).toBeGreaterThanOrEqual(1);

    const offline = nextEvent<TMonitorSnapshot>(socket, 'monitor:snapshot', (s) => s.agents.some((a) => a.id === agent.user.id && a.presence === 'offline'));
    await api(server, '/api/me/presence', { method: 'PUT', token: agent.token, body: { presence: 'offline' } });
    const after = await offline;
    expect(after.teams.find((t) => t.teamId === teamId)?.agentsOnline).toBe(first.teams.find((t) => t.teamId === teamId)!.agentsOnline - 1);
    socket.close();
  });

  it('pushes a new snapshot when a conversation is queued, showing the queue and the waiting customer', async () => {
    const supervisor = await createAgent(server, adminToken, { teamIds: [teamId], role: 'supervisor' });
    const socket = await connectAgent(server, supervisor.token);
    await subscribe(socket);
    const queued = nextEvent<TMonitorSnapshot>(socket, 'monitor:snapshot', (s) => (s.teams.find((t) => t.teamId === teamId)?.queued ?? 0) > 0);
    const customer = await connectCustomer(server, { siteKey });
    const ack = await customer.socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: '请问有人在吗' });
    if (!ack.ok) throw new Error(ack.message);
    const snapshot = await queued;
    const team = snapshot.teams.find((t) => t.teamId === teamId)!;
    expect(team.queued).toBe(1);
    expect(team.oldestQueuedAt).not.toBeNull();
    expect(snapshot.waiting.find((w) => w.conversationId === ack.message.conversationId)).toMatchObject({ status: 'queued', teamName: 'Monitor team', lastMessageText: '请问有人在吗' });
    expect(snapshot.today.created).toBeGreaterThanOrEqual(1);
    customer.socket.close();
    socket.close();
  });

  it('lets a supervisor reassign from the monitor through the transfer API, and shows the new load', async () => {
    const supervisor = await createAgent(server, adminToken, { teamIds: [teamId], role: 'supervisor' });
    const target = await createAgent(server, adminToken, { teamIds: [teamId], name: 'Takes Over' });
    const socket = await connectAgent(server, supervisor.token);
    const before = await subscribe(socket);
    const waiting = before.waiting.find((w) => w.teamId === teamId && w.status === 'queued');
    expect(waiting).toBeDefined();

    const loaded = nextEvent<TMonitorSnapshot>(socket, 'monitor:snapshot', (s) => s.agents.some((a) => a.id === target.user.id && a.load === 1));
    const { status } = await api(server, `/api/conversations/${waiting!.conversationId}/transfer`, { token: supervisor.token, body: { toAgentId: target.user.id, reason: 'from the live monitor' } });
    expect(status).toBe(200);
    const after = await loaded;
    expect(after.teams.find((t) => t.teamId === teamId)?.queued).toBe(0);
    expect(after.waiting.find((w) => w.conversationId === waiting!.conversationId)).toMatchObject({ status: 'active', assigneeName: 'Takes Over' });

    // After unsubscribing, changes are no longer pushed to this socket.
    socket.emit('monitor:unsubscribe', {});
    const other = await connectAgent(server, supervisor.token);
    await subscribe(other);
    let stray = 0;
    socket.on('monitor:snapshot', () => stray++);
    const seen = nextEvent(other, 'monitor:snapshot', (s: TMonitorSnapshot) => s.agents.some((a) => a.id === target.user.id && a.presence === 'away'));
    await api(server, '/api/me/presence', { method: 'PUT', token: target.token, body: { presence: 'away' } });
    await seen;
    expect(stray).toBe(0);
    other.close();
    socket.close();
  });
});
