import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server';
import { api, connectAgent, connectCustomer, createAgent, eventually, newClientId, nextEvent, type CustomerSocket, useTestServer } from '../testing/test-server';

let server: RunningServer;
let adminToken: string;
let teamId: string;
let siteId: string;
/** Added to the real time: lets a test jump past the 24 h edit window. */
let offsetMs = 0;

useTestServer({ clock: () => new Date(Date.now() + offsetMs) }, (t) => {
  ({ server, adminToken } = t);
});
beforeAll(async () => {
  const teams = await api(server, '/api/teams', { token: adminToken });
  teamId = teams.body.teams.find((t: { name: string }) => t.name === 'Support').id;
  const sites = await api(server, '/api/sites', { token: adminToken });
  siteId = sites.body.sites.find((s: { key: string }) => s.key === 'demo').id;
});

type Agent = Awaited<ReturnType<typeof createAgent>>;

/** A customer writes, `owner` claims and answers (becoming owner); returns the conversation id. */
async function chatOwnedBy(owner: Agent, customer: { socket: CustomerSocket }): Promise<string> {
  const ack = await customer.socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: '我的快递丢了' });
  if (!ack.ok) throw new Error(ack.message);
  const conversationId = ack.message.conversationId;
  const claim = await api(server, `/api/conversations/${conversationId}/claim`, { token: owner.token, body: {} });
  expect(claim.status).toBe(200);
  const socket = await connectAgent(server, owner.token);
  const reply = await socket.emitWithAck('message:send', { conversationId, clientId: newClientId(), text: '您好，我来帮您查一下', internal: false });
  expect(reply.ok).toBe(true);
  socket.close();
  return conversationId;
}

async function resolve(agent: Agent, conversationId: string) {
  const r = await api(server, `/api/conversations/${conversationId}/resolve`, { token: agent.token, body: {} });
  expect(r.status).toBe(200);
}

describe('surveys after a resolved conversation', () => {
  it('asks the customer once, keeps one answer they may change within 24 h, and then refuses changes', async () => {
    const agent = await createAgent(server, adminToken, { teamIds: [teamId] });
    const customer = await connectCustomer(server);
    const conversationId = await chatOwnedBy(agent, customer);
    const request = nextEvent(customer.socket, 'survey:request');
    await resolve(agent, conversationId);
    const survey = await request;
    expect(survey).toMatchObject({ conversationId, rating: null, answeredAt: null, question: { 'zh-CN': '您对本次服务满意吗？' } });

    const first = await customer.socket.emitWithAck('survey:answer', { surveyId: survey.id, rating: 3, comment: '还行' });
    expect(first).toMatchObject({ ok: true, survey: { rating: 3, comment: '还行' } });
    offsetMs = 23 * 3600_000;
    const changed = await customer.socket.emitWithAck('survey:answer', { surveyId: survey.id, rating: 5 });
    expect(changed).toMatchObject({ ok: true, survey: { rating: 5, comment: null } });
    offsetMs = 24 * 3600_000 + 1000;
    const late = await customer.socket.emitWithAck('survey:answer', { surveyId: survey.id, rating: 1 });
    expect(late).toMatchObject({ ok: false, code: 'invalid_transition' });
    offsetMs = 0;

    const { body } = await api(server, `/api/surveys?conversationId=${conversationId}`, { token: agent.token });
    expect(body.surveys).toHaveLength(1);
    expect(body.surveys[0]).toMatchObject({ rating: 5, agentId: agent.user.id });
    customer.socket.close();
  });

  it('lets another visitor neither read nor answer the survey', async () => {
    const agent = await createAgent(server, adminToken, { teamIds: [teamId] });
    const customer = await connectCustomer(server);
    const conversationId = await chatOwnedBy(agent, customer);
    const request = nextEvent(customer.socket, 'survey:request');
    await resolve(agent, conversationId);
    const survey = await request;
    const stranger = await connectCustomer(server);
    expect(await stranger.socket.emitWithAck('survey:answer', { surveyId: survey.id, rating: 1 })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await stranger.socket.emitWithAck('survey:pending', { conversationId })).toMatchObject({ ok: true, survey: null });
    customer.socket.close();
    stranger.socket.close();
  });

  it('credits the owner at resolution, not the agent who resolved after a transfer', async () => {
    const owner = await createAgent(server, adminToken, { teamIds: [teamId], name: 'Owner' });
    const other = await createAgent(server, adminToken, { teamIds: [teamId], name: 'Other' });
    const customer = await connectCustomer(server);
    const conversationId = await chatOwnedBy(owner, customer);
    const t = await api(server, `/api/conversations/${conversationId}/transfer`, { token: owner.token, body: { toAgentId: other.user.id, reason: '换人' } });
    expect(t.status).toBe(200);
    const request = nextEvent(customer.socket, 'survey:request');
    await resolve(other, conversationId);
    await request;
    const { body } = await api(server, `/api/surveys?conversationId=${conversationId}`, { token: adminToken });
    expect(body.surveys[0]).toMatchObject({ agentId: owner.user.id, agentName: 'Owner' });
    customer.socket.close();
  });

  it('asks at most once per N days per customer when the site says so, and not at all when off', async () => {
    const put = await api(server, `/api/surveys/settings/${siteId}`, { method: 'PUT', token: adminToken, body: { frequency: 'once_per_days', oncePerDays: 30 } });
    expect(put.body.settings).toMatchObject({ enabled: true, frequency: 'once_per_days', oncePerDays: 30 });
    const agent = await createAgent(server, adminToken, { teamIds: [teamId] });
    const customer = await connectCustomer(server);
    const first = await chatOwnedBy(agent, customer);
    const request = nextEvent(customer.socket, 'survey:request');
    await resolve(agent, first);
    await request;
    // A new conversation of the same customer, resolved the same day: no second survey.
    const second = await chatOwnedBy(agent, customer);
    await resolve(agent, second);
    await api(server, `/api/surveys/settings/${siteId}`, { method: 'PUT', token: adminToken, body: { enabled: false } });
    const other = await connectCustomer(server);
    const third = await chatOwnedBy(agent, other);
    await resolve(agent, third);
    // A sentinel resolved after both, with surveys on again: once its card arrives, the others were decided.
    await api(server, `/api/surveys/settings/${siteId}`, { method: 'PUT', token: adminToken, body: { enabled: true } });
    const sentinel = await connectCustomer(server);
    const fourth = await chatOwnedBy(agent, sentinel);
    const sentinelRequest = nextEvent(sentinel.socket, 'survey:request');
    await resolve(agent, fourth);
    await sentinelRequest;
    const count = async (id: string) => (await api(server, `/api/surveys?conversationId=${id}`, { token: adminToken })).body.surveys.length;
    expect(await count(first)).toBe(1);
    expect(await count(second)).toBe(0);
    expect(await count(third)).toBe(0);
    sentinel.socket.close();
    await api(server, `/api/surveys/settings/${siteId}`, { method: 'PUT', token: adminToken, body: { enabled: true, frequency: 'every' } });
    customer.socket.close();
    other.socket.close();
  });

  it('waits for the site’s delay before showing the card, then sends it once', async () => {
    await api(server, `/api/surveys/settings/${siteId}`, { method: 'PUT', token: adminToken, body: { delaySeconds: 600 } });
    const agent = await createAgent(server, adminToken, { teamIds: [teamId] });
    const customer = await connectCustomer(server);
    const conversationId = await chatOwnedBy(agent, customer);
    await resolve(agent, conversationId);
    const surveys = async () => (await api(server, `/api/surveys?conversationId=${conversationId}`, { token: adminToken })).body.surveys;
    await eventually(async () => (await surveys()).length === 1);
    expect((await surveys())[0].sentAt).toBeNull();
    expect(await customer.socket.emitWithAck('survey:pending', { conversationId })).toMatchObject({ ok: true, survey: null });
    const request = nextEvent(customer.socket, 'survey:request');
    offsetMs = 601_000;
    const { sendDueSurveys } = await import('./surveys.service');
    await sendDueSurveys(server.ctx); // the periodic sweep may beat this call to it: either sends it, once
    expect(await sendDueSurveys(server.ctx)).toBe(0);
    expect((await request).conversationId).toBe(conversationId);
    offsetMs = 0;
    await api(server, `/api/surveys/settings/${siteId}`, { method: 'PUT', token: adminToken, body: { delaySeconds: 0 } });
    customer.socket.close();
  });
});

describe('survey links and follow-ups', () => {
  it('turns a low rating into a follow-up for the owner’s team supervisor', async () => {
    const supervisor = await createAgent(server, adminToken, { teamIds: [teamId], role: 'supervisor', name: 'Sup' });
    const agent = await createAgent(server, adminToken, { teamIds: [teamId] });
    const customer = await connectCustomer(server);
    const conversationId = await chatOwnedBy(agent, customer);
    const request = nextEvent(customer.socket, 'survey:request');
    await resolve(agent, conversationId);
    const survey = await request;
    await customer.socket.emitWithAck('survey:answer', { surveyId: survey.id, rating: 2, comment: '太慢了' });
    const followUp = await eventually(async () => {
      const { body } = await api(server, '/api/follow-ups/mine', { token: supervisor.token });
      return body.followUps.find((f: { surveyId: string }) => f.surveyId === survey.id);
    });
    expect(followUp).toMatchObject({ reason: 'low_rating', rating: 2, ratingComment: '太慢了', conversationId, status: 'open', overdue: false });
    // Changing the answer (still low) does not add a second task.
    await customer.socket.emitWithAck('survey:answer', { surveyId: survey.id, rating: 1 });
    const all = await api(server, `/api/follow-ups?assigneeId=${supervisor.user.id}`, { token: adminToken });
    expect(all.body.followUps.filter((f: { surveyId: string }) => f.surveyId === survey.id)).toHaveLength(1);
    customer.socket.close();
  });

  it('opens only its own survey with a link token, which is no key to anything else', async () => {
    const supervisor = await createAgent(server, adminToken, { teamIds: [teamId], role: 'manager' });
    const customer = await connectCustomer(server);
    const agent = await createAgent(server, adminToken, { teamIds: [teamId] });
    const conversationId = await chatOwnedBy(agent, customer);
    await resolve(agent, conversationId);
    const batch = await api(server, '/api/follow-ups/batches', {
      token: supervisor.token,
      body: { name: 'link', filter: { resolvedFrom: new Date(Date.now() - 60_000).toISOString() }, dueAt: new Date(Date.now() + 86_400_000).toISOString(), agentIds: [agent.user.id] },
    });
    expect(batch.status).toBe(201);
    const task = batch.body.followUps.find((f: { visitorId: string }) => f.visitorId === customer.visitorId);
    const link = await api(server, `/api/follow-ups/${task.id}/survey-link`, { token: agent.token, body: {} });
    expect(link.status).toBe(201);
    const token = link.body.path.slice(3);

    const read = await api(server, `/api/survey-links/${token}`);
    expect(Object.keys(read.body.survey).sort()).toEqual(['answeredAt', 'comment', 'conversationId', 'editableUntil', 'id', 'question', 'rating', 'siteName']);
    const answer = await api(server, `/api/survey-links/${token}`, { method: 'PUT', body: { rating: 4 } });
    expect(answer.body.survey.rating).toBe(4);
    expect((await api(server, `/api/survey-links/${token.slice(0, -2)}xx`)).status).toBe(404);
    expect((await api(server, `/api/conversations/${conversationId}`, { token })).status).toBe(401);
    expect((await api(server, '/api/follow-ups/mine', { token })).status).toBe(401);
    const session = await api(server, '/api/widget/session', { body: { siteKey: 'demo', hostOrigin: server.url, visitorToken: token } });
    expect(session.body.visitorId).not.toBe(customer.visitorId);
    const pageRes = await fetch(`${server.url}/s/${token}?lang=en`);
    expect(pageRes.status).toBe(200);
    expect(await pageRes.text()).toContain('Thank you for your feedback!');
    customer.socket.close();
  });
});
