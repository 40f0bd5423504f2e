import { beforeAll, describe, expect, it } from 'vitest';
import { conversationWithMessage, type TConversation } from '@kefu/shared';
import type { RunningServer } from '../server';
import { appendMessages, type FastAppendWriter } from './messages.repository';
import { api, connectAgent, connectCustomer, createAgent, eventually, newClientId, nextEvent, useTestServer } from '../testing/test-server';

let server: RunningServer;
let adminToken: string;
let teamId: string;

useTestServer({}, (t) => {
  ({ server, adminToken } = t);
});
beforeAll(async () => {
  const { body } = await api(server, '/api/teams', { token: adminToken });
  teamId = body.teams.find((t: { name: string }) => t.name === 'Support').id;
  // The admin is in the demo team; keep them offline so only the test's agents take chats.
});

describe('customer and agent in realtime', () => {
  it('reports the database on /healthz', async () => {
    const { status, body } = await api(server, '/healthz');
    expect(status).toBe(200);
    expect(body).toEqual({ ok: true, db: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite' });
  });

  it('delivers a customer message to the assigned agent and the reply back, with the agent becoming owner', async () => {
    const agent = await createAgent(server, adminToken, { teamIds: [teamId], name: 'Li Wei' });
    const agentSocket = await connectAgent(server, agent.token);
    await api(server, '/api/me/presence', { method: 'PUT', token: agent.token, body: { presence: 'online' } });

    const customer = await connectCustomer(server);
    const ack = await customer.socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: '我的订单还没发货' });
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(ack.message.seq).toBe(1);
    const conversationId = ack.message.conversationId;

    const assigned = await eventually(async () => {
      const { body } = await api(server, `/api/conversations/${conversationId}`, { token: agent.token });
      return body.conversation?.assigneeId === agent.user.id ? body : undefined;
    });
    expect(assigned.messages.map((m: { text: string }) => m.text)).toEqual(['我的订单还没发货']);

    const sync = await agentSocket.emitWithAck('conversation:sync', { conversationId, afterSeq: 0 });
    expect(sync.ok).toBe(true);

    const typing = nextEvent(customer.socket, 'typing');
    agentSocket.emit('typing', { conversationId, typing: true });
    expect(await typing).toEqual({ conversationId, typing: true });

    const onCustomer = nextEvent(customer.socket, 'message:new', (m) => m.author === 'agent');
    // The first public reply makes its writer the owner: live, on the trail and in the summary.
    const ownerSet = nextEvent(agentSocket, 'conversation:event', (e) => e.type === 'owner_set');
    const ownerUpdate = nextEvent(agentSocket, 'conversation:updated', (c) => c.id === conversationId && c.ownerId === agent.user.id);
    const reply = await agentSocket.emitWithAck('message:send', { conversationId, clientId: newClientId(), text: '您好，我来帮您查一下', internal: false });
    expect(reply.ok).toBe(true);
    expect(await ownerSet).toMatchObject({ conversationId, actorId: agent.user.id, actorName: 'Li Wei', data: { ownerId: agent.user.id, ownerName: 'Li Wei' } });
    expect(await ownerUpdate).toMatchObject({ ownerId: agent.user.id, ownerName: 'Li Wei', lastSeq: 2, waitingSince: null });
    const received = await onCustomer;
    expect(received.text).toBe('您好，我来帮您查一下');
    expect(received.seq).toBe(2);
    expect(received.authorName).toBe('Li Wei');

    const { body } = await api(server, `/api/conversations/${conversationId}`, { token: agent.token });
    expect(body.conversation.ownerId).toBe(agent.user.id);
    expect(body.events.map((e: { type: string }) => e.type)).toEqual(['created', 'assigned', 'owner_set']);

    const onAgent = nextEvent(agentSocket, 'message:new', (m) => m.author === 'customer');
    await customer.socket.emitWithAck('message:send', { conversationId, clientId: newClientId(), text: '谢谢' });
    expect((await onAgent).seq).toBe(3);

    customer.socket.close();
    agentSocket.close();
    await api(server, '/api/me/presence', { method: 'PUT', token: agent.token, body: { presence: 'offline' } });
  });

  it('never shows internal notes to the customer', async () => {
    const agent = await createAgent(server, adminToken, { teamIds: [teamId] });
    const customer = await connectCustomer(server);
    const first = await customer.socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: 'hello' });
    if (!first.ok) throw new Error(first.message);
    const conversationId = first.message.conversationId;
    const agentSocket = await connectAgent(server, agent.token);
    const seen: string[] = [];
    customer.socket.on('message:new', (m) => seen.push(m.text));
    const note = await agentSocket.emitWithAck('message:send', { conversationId, clientId: newClientId(), text: 'VIP? check CRM', internal: true });
    expect(note.ok).toBe(true);
    const sync = await customer.socket.emitWithAck('conversation:sync', { conversationId, afterSeq: 0 });
    if (!sync.ok) throw new Error(sync.message);
    expect(sync.messages.map((m) => m.text)).toEqual(['hello']);
    expect(seen).toEqual([]);
    customer.socket.close();
    agentSocket.close();
  });

  it('stores a message resent after a dropped ack exactly once', async () => {
    const customer = await connectCustomer(server);
    const clientId = newClientId();
    const a = await customer.socket.emitWithAck('message:send', { conversationId: null, clientId, text: 'once' });
    const b = await customer.socket.emitWithAck('message:send', { conversationId: null, clientId, text: 'once' });
    if (!a.ok || !b.ok) throw new Error('send failed');
    expect(b.message.id).toBe(a.message.id);
    expect(b.message.seq).toBe(1);
    const sync = await customer.socket.emitWithAck('conversation:sync', { conversationId: a.message.conversationId, afterSeq: 0 });
    if (!sync.ok) throw new Error(sync.message);
    expect(sync.messages).toHaveLength(1);
    customer.socket.close();
  });

  it('tells the other side of a stored message its sender resends (the process that stored it may have died before telling anyone)', async () => {
    const agent = await createAgent(server, adminToken, { teamIds: [teamId], name: 'Resend' });
    const agentSocket = await connectAgent(server, agent.token);
    await api(server, '/api/me/presence', { method: 'PUT', token: agent.token, body: { presence: 'online' } });
    const customer = await connectCustomer(server);
    const first = await customer.socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: 'hello' });
    if (!first.ok) throw new Error(first.message);
    const conversationId = first.message.conversationId;
    await eventually(async () => (await api(server, `/api/conversations/${conversationId}`, { token: agent.token })).body.conversation?.assigneeId === agent.user.id);
    await agentSocket.emitWithAck('conversation:sync', { conversationId, afterSeq: 0 });
    await agentSocket.emitWithAck('message:send', { conversationId, clientId: newClientId(), text: 'hi, how can I help?', internal: false });

    // Stored as a dying process would leave them: committed, told to no one.
    const storedUntold = async (writer: FastAppendWriter, author: 'customer' | 'agent', clientId: string, text: string) => {
      const [r] = await appendMessages(server.ctx.db, [{ writer, message: { conversationId, clientId, author, authorId: author === 'agent' ? agent.user.id : null, internal: false, text, preview: text, createdAt: new Date() } }]);
      expect(r?.kind).toBe('stored');
    };
    const fromCustomer = newClientId();
    await storedUntold({ kind: 'customer', visitorId: customer.visitorId }, 'customer', fromCustomer, 'where is my parcel?');
    const atAgent = nextEvent(agentSocket, 'message:new', (m) => m.text === 'where is my parcel?');
    const resent = await customer.socket.emitWithAck('message:send', { conversationId, clientId: fromCustomer, text: 'where is my parcel?' });
    expect(resent.ok && resent.message.seq).toBe(3);
    expect((await atAgent).seq).toBe(3);

    const fromAgent = newClientId();
    await storedUntold({ kind: 'agent', agentId: agent.user.id, name: 'Resend' }, 'agent', fromAgent, 'it left the warehouse today');
    const atCustomer = nextEvent(customer.socket, 'message:new', (m) => m.text === 'it left the warehouse today');
    const again = await agentSocket.emitWithAck('message:send', { conversationId, clientId: fromAgent, text: 'it left the warehouse today', internal: false });
    expect(again.ok && again.message.seq).toBe(4);
    expect((await atCustomer).seq).toBe(4);

    customer.socket.close();
    agentSocket.close();
    await api(server, '/api/me/presence', { method: 'PUT', token: agent.token, body: { presence: 'offline' } });
  });

  it('starts one conversation when two tabs send their first message at once', async () => {
    const first = await connectCustomer(server);
    const second = await connectCustomer(server, { visitorToken: first.visitorToken });
    const [a, b] = await Promise.all([
      first.socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: 'tab one' }),
      second.socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: 'tab two' }),
    ]);
    if (!a.ok || !b.ok) throw new Error('send failed');
    expect(a.message.conversationId).toBe(b.message.conversationId);
    expect([a.message.seq, b.message.seq].sort()).toEqual([1, 2]);
    first.socket.close();
    second.socket.close();
  });

  it('brings a reconnecting customer to exactly the server sequence', async () => {
    const agent = await createAgent(server, adminToken, { teamIds: [teamId] });
    const customer = await connectCustomer(server);
    const first = await customer.socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: 'm1' });
    if (!first.ok) throw new Error(first.message);
    const conversationId = first.message.conversationId;
    const claimed = await api(server, `/api/conversations/${conversationId}/claim`, { token: agent.token, body: {} });
    expect(claimed.status).toBe(200);
    customer.socket.close();

    const agentSocket = await connectAgent(server, agent.token);
    for (const text of ['a1', 'a2', 'a3']) {
      const r = await agentSocket.emitWithAck('message:send', { conversationId, clientId: newClientId(), text, internal: false });
      expect(r.ok).toBe(true);
    }
    const again = await connectCustomer(server, { visitorToken: customer.visitorToken });
    const sync = await again.socket.emitWithAck('conversation:sync', { conversationId: null, afterSeq: 1 });
    if (!sync.ok) throw new Error(sync.message);
    expect(sync.messages.map((m) => [m.seq, m.text])).toEqual([[2, 'a1'], [3, 'a2'], [4, 'a3']]);
    expect(sync.conversation?.lastSeq).toBe(4);
    again.socket.close();
    agentSocket.close();
  });

  it('refuses bad payloads with an error ack and writes nothing', async () => {
    const customer = await connectCustomer(server);
    const bad = await customer.socket.emitWithAck('message:send', { conversationId: null, clientId: 'x', text: '' } as never);
    expect(bad).toMatchObject({ ok: false, code: 'bad_request' });
    const worse = await customer.socket.emitWithAck('message:send', 'not an object' as never);
    expect(worse).toMatchObject({ ok: false, code: 'bad_request' });
    const huge = await customer.socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: 'x'.repeat(4001) });
    expect(huge).toMatchObject({ ok: false, code: 'bad_request' });
    const sync = await customer.socket.emitWithAck('conversation:sync', { conversationId: null, afterSeq: 0 });
    expect(sync).toMatchObject({ ok: true, conversation: null, messages: [] });
    customer.socket.close();
  });

  it('does not let a visitor read another visitor\'s conversation', async () => {
    const alice = await connectCustomer(server);
    const sent = await alice.socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: 'private' });
    if (!sent.ok) throw new Error(sent.message);
    const mallory = await connectCustomer(server);
    const peek = await mallory.socket.emitWithAck('conversation:sync', { conversationId: sent.message.conversationId, afterSeq: 0 });
    expect(peek).toMatchObject({ ok: false, code: 'not_found' });
    const write = await mallory.socket.emitWithAck('message:send', { conversationId: sent.message.conversationId, clientId: newClientId(), text: 'hi' });
    expect(write).toMatchObject({ ok: false, code: 'not_found' });
    alice.socket.close();
    mallory.socket.close();
  });

  it('sends a plain message once and nothing else: no echo to its sender, no conversation update to anyone, each follower derives the summary from it', async () => {
    const agent = await createAgent(server, adminToken, { teamIds: [teamId], name: 'Zhou Min' });
    const [tabA, tabB, tabC] = await Promise.all([connectAgent(server, agent.token), connectAgent(server, agent.token), connectAgent(server, agent.token)]);
    await api(server, '/api/me/presence', { method: 'PUT', token: agent.token, body: { presence: 'online' } });
    const c1 = await connectCustomer(server);
    const c2 = await connectCustomer(server, { visitorToken: c1.visitorToken });
    const first = await c1.socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: '在吗' });
    if (!first.ok) throw new Error(first.message);
    const conversationId = first.message.conversationId;
    await eventually(async () => {
      const { body } = await api(server, `/api/conversations/${conversationId}`, { token: agent.token });
      return body.conversation?.assigneeId === agent.user.id ? body : undefined;
    });
    // Tabs A and B view the conversation; tab C only has the inbox. The first reply sets the owner (not plain).
    for (const tab of [tabA, tabB]) expect((await tab.emitWithAck('conversation:sync', { conversationId, afterSeq: 0 })).ok).toBe(true);
    expect((await tabA.emitWithAck('message:send', { conversationId, clientId: newClientId(), text: '在的', internal: false })).ok).toBe(true);
    await eventually(async () => {
      const { body } = await api(server, `/api/conversations/${conversationId}`, { token: agent.token });
      return body.conversation?.ownerId === agent.user.id ? true : undefined;
    });
    await new Promise((r) => setTimeout(r, 200));

    const record = (socket: { onAny(l: (event: string, ...args: unknown[]) => void): unknown }) => {
      const got: { event: string; payload: unknown }[] = [];
      socket.onAny((event, payload) => got.push({ event, payload }));
      return got;
    };
    // A supervisor follows every conversation (the supervisors' room) without viewing this one.
    const supervisor = await connectAgent(server, adminToken);
    const seen = { tabA: record(tabA), tabB: record(tabB), tabC: record(tabC), supervisor: record(supervisor), c1: record(c1.socket), c2: record(c2.socket) };
    const names = (got: { event: string }[]) => got.map((g) => g.event).filter((e) => e !== 'presence:updated');
    const before = async (): Promise<TConversation> => (await api(server, `/api/conversations/${conversationId}`, { token: agent.token })).body.conversation;

    // The customer writes from tab 1. Tab C (the assignee's inbox, not viewing) gets the message too.
    const snapshot1 = await before();
    const messageOnC = nextEvent(tabC, 'message:new', (m) => m.conversationId === conversationId);
    const sent = await c1.socket.emitWithAck('message:send', { conversationId, clientId: newClientId(), text: '订单 123 还没到' });
    if (!sent.ok) throw new Error(sent.message);
    expect(await messageOnC).toEqual(sent.message);
    const derived1 = conversationWithMessage(snapshot1, await messageOnC);
    expect(derived1.waitingSince).toBe(sent.message.createdAt);
    expect(await before()).toEqual(derived1);
    await new Promise((r) => setTimeout(r, 300));
    expect(names(seen.c1)).toEqual([]);
    expect(names(seen.c2)).toEqual(['message:new']);
    expect(names(seen.tabA)).toEqual(['message:new']);
    expect(names(seen.tabB)).toEqual(['message:new']);
    expect(names(seen.tabC)).toEqual(['message:new']);
    expect(names(seen.supervisor)).toEqual(['message:new']);
    for (const got of Object.values(seen)) got.length = 0;

    // The agent replies from tab A.
    const snapshot2 = await before();
    const replyOnC = nextEvent(tabC, 'message:new', (m) => m.conversationId === conversationId);
    const reply = await tabA.emitWithAck('message:send', { conversationId, clientId: newClientId(), text: '我查一下', internal: false });
    if (!reply.ok) throw new Error(reply.message);
    expect(await replyOnC).toEqual(reply.message);
    const derived = conversationWithMessage(snapshot2, reply.message);
    expect(derived.waitingSince).toBeNull();
    await new Promise((r) => setTimeout(r, 300));
    expect(names(seen.tabA)).toEqual([]);
    expect(names(seen.tabB)).toEqual(['message:new']);
    expect(names(seen.tabC)).toEqual(['message:new']);
    expect(names(seen.supervisor)).toEqual(['message:new']);
    expect(names(seen.c1)).toEqual(['message:new']);
    expect(names(seen.c2)).toEqual(['message:new']);
    // What REST says now is what the viewers derived.
    expect(await before()).toEqual(derived);

    for (const s of [tabA, tabB, tabC, supervisor, c1.socket, c2.socket]) s.close();
    await api(server, '/api/me/presence', { method: 'PUT', token: agent.token, body: { presence: 'offline' } });
  });

  it('tells the trail only to those viewing the conversation; its team and supervisors follow its state', async () => {
    const teammate = await createAgent(server, adminToken, { teamIds: [teamId], name: 'Qian Hao' });
    const [inbox, viewer, supervisor] = await Promise.all([connectAgent(server, teammate.token), connectAgent(server, teammate.token), connectAgent(server, adminToken)]);
    const got = new Map<unknown, { event: string; payload: { id?: string; conversationId?: string; type?: string; priority?: string } }[]>();
    for (const s of [inbox, viewer, supervisor]) {
      got.set(s, []);
      s.onAny((event, payload) => got.get(s)!.push({ event, payload }));
    }
    const customer = await connectCustomer(server);
    const first = await customer.socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: 'Is anyone there?' });
    if (!first.ok) throw new Error(first.message);
    const id = first.conversation.id;
    // Nobody is online: it stays queued, and the team's inboxes hear of it.
    await eventually(async () => got.get(inbox)!.some((g) => g.event === 'conversation:updated' && g.payload.id === id));
    expect((await viewer.emitWithAck('conversation:sync', { conversationId: id, afterSeq: 0 })).ok).toBe(true);
    const changed = await api(server, `/api/conversations/${id}`, { method: 'PATCH', token: adminToken, body: { priority: 'high' } });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    await eventually(async () => got.get(viewer)!.some((g) => g.event === 'conversation:event' && g.payload.type === 'priority_changed'));
    await eventually(async () => got.get(inbox)!.some((g) => g.event === 'conversation:updated' && g.payload.priority === 'high'));
    await new Promise((r) => setTimeout(r, 200));
    const events = (s: unknown) => got.get(s)!.filter((g) => g.event === 'conversation:event' && g.payload.conversationId === id).map((g) => g.payload.type);
    expect(events(viewer)).toEqual(['priority_changed']);
    expect(events(inbox)).toEqual([]);
    expect(events(supervisor)).toEqual([]);
    expect(got.get(supervisor)!.some((g) => g.event === 'conversation:updated' && g.payload.priority === 'high')).toBe(true);
    for (const s of [inbox, viewer, supervisor, customer.socket]) s.close();
  });
});
