import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server';
import { api, connectAgent, connectCustomer, createAgent, eventually, newClientId, useTestServer } from '../testing/test-server';

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

describe('prohibited phrases and QA review', () => {
  it('ships a default list that admins manage and agents can check against', async () => {
    const agent = await createAgent(server, adminToken, { teamIds: [teamId] });
    const list = await api(server, '/api/quality/phrases', { token: agent.token });
    const locales = new Set(list.body.phrases.map((p: { locale: string }) => p.locale));
    expect([...locales].sort()).toEqual(['en', 'zh-CN']);
    expect((await api(server, '/api/quality/phrases', { token: agent.token, body: { locale: 'zh-CN', category: 'negating', text: '别问我' } })).status).toBe(403);
    const created = await api(server, '/api/quality/phrases', { token: adminToken, body: { locale: 'zh-CN', category: 'negating', text: '别问我', severity: 'high' } });
    expect(created.status).toBe(201);
    expect((await api(server, '/api/quality/phrases', { token: adminToken, body: { locale: 'zh-CN', category: 'negating', kind: 'pattern', text: '(' } })).status).toBe(400);
    const check = await api(server, '/api/quality/check', { token: agent.token, body: { text: '这个 别 问 我' } });
    expect(check.body.matches).toMatchObject([{ phrase: '别问我', severity: 'high', excerpt: '别 问 我' }]);
  });

  it('flags a sent reply on its conversation, queues it for review, and shows the review to the agent', async () => {
    const agent = await createAgent(server, adminToken, { teamIds: [teamId], name: 'Zhang' });
    const supervisor = await createAgent(server, adminToken, { teamIds: [teamId], role: 'supervisor' });
    const customer = await connectCustomer(server);
    const ack = await customer.socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: '怎么还没到' });
    if (!ack.ok) throw new Error(ack.message);
    const conversationId = ack.message.conversationId;
    await api(server, `/api/conversations/${conversationId}/claim`, { token: agent.token, body: {} });
    const socket = await connectAgent(server, agent.token);
    await socket.emitWithAck('message:send', { conversationId, clientId: newClientId(), text: '不是说了吗，我已经说 过了', internal: false });
    await socket.emitWithAck('message:send', { conversationId, clientId: newClientId(), text: '烦不烦（内部备注）', internal: true });
    const flags = await eventually(async () => {
      const { body } = await api(server, `/api/quality/flags?conversationId=${conversationId}`, { token: agent.token });
      return body.flags.length ? body.flags : undefined;
    });
    expect(flags).toMatchObject([{ phrase: '我已经说过了', agentName: 'Zhang', excerpt: '我已经说 过了' }]);

    const queue = await api(server, '/api/quality/review-queue', { token: supervisor.token });
    expect(queue.body.queue).toContainEqual(expect.objectContaining({ conversationId, reason: 'flagged', flags: 1, agentId: agent.user.id }));
    expect((await api(server, '/api/quality/review-queue', { token: agent.token })).status).toBe(403);

    const put = await api(server, '/api/quality/scorecard', { method: 'PUT', token: adminToken, body: { criteria: [
      { key: 'greeting', label: { 'zh-CN': '问候', en: 'Greeting' }, weight: 1 },
      { key: 'attitude', label: { 'zh-CN': '态度', en: 'Attitude' }, weight: 3 },
    ] } });
    expect(put.status).toBe(200);
    const review = await api(server, '/api/quality/reviews', { token: supervisor.token, body: { conversationId, scores: { greeting: 5, attitude: 1 }, comment: '注意语气' } });
    expect(review.status).toBe(201);
    expect(review.body.review).toMatchObject({ agentId: agent.user.id, total: 40, comment: '注意语气' });
    const mine = await api(server, '/api/quality/reviews', { token: agent.token });
    expect(mine.body.reviews.map((r: { id: string }) => r.id)).toEqual([review.body.review.id]);
    const after = await api(server, '/api/quality/review-queue', { token: supervisor.token });
    expect(after.body.queue.some((q: { conversationId: string }) => q.conversationId === conversationId)).toBe(false);
    socket.close();
    customer.socket.close();
  });
});
