import { afterAll, beforeAll, expect, it } from 'vitest';
import { Agent, ADMIN, api, Customer, freshDatabase, newTally, spawnKefu, until, type KefuProcess } from './harness';

let db: Awaited<ReturnType<typeof freshDatabase>>;
let kefu: KefuProcess;

beforeAll(async () => {
  db = await freshDatabase();
  kefu = await spawnKefu(db.url);
});
afterAll(async () => {
  await kefu?.stop();
  await db?.drop();
});

it('delivers a widget’s queued messages once and in order when it comes back online, and catches it up', async () => {
  const tally = newTally();
  const urls = () => [kefu.url];
  const admin = (await api(kefu.url, '/api/auth/login', { body: ADMIN })).body.token as string;
  const team = (await api(kefu.url, '/api/teams', { token: admin, body: { name: 'Offline' } })).body.team.id as string;
  const site = (await api(kefu.url, '/api/sites', { token: admin, body: { name: 'Offline shop', defaultTeamId: team, allowedOrigins: ['*'] } })).body.site;
  await api(kefu.url, '/api/users', { token: admin, body: { email: 'w@faults.local', name: 'W', password: 'agent-password', role: 'agent', teamIds: [team] } });
  const { body: login } = await api(kefu.url, '/api/auth/login', { body: { email: 'w@faults.local', password: 'agent-password' } });
  const agent = new Agent(urls, tally, login.token, login.user.id, 0);
  await agent.connect();
  await api(kefu.url, '/api/me/presence', { method: 'PUT', token: login.token, body: { presence: 'online' } });

  const customer = await Customer.open(urls, tally, site.key);
  customer.send('w:0');
  await until('first message acked and assigned', () => customer.conversationId && agent.views.get(customer.conversationId)?.lastSeq === 1);
  const id = customer.conversationId!;

  // Offline (a laptop lid closed): the widget queues 20 messages; the agent writes 5 meanwhile.
  customer.goOffline();
  for (let i = 1; i <= 20; i++) customer.send(`w:${i}`);
  for (let i = 0; i < 5; i++) agent.send(`r:${i}`, id);
  await until('agent replies acked', () => agent.outbox.length === 0);
  const backAt = Date.now();
  await customer.goOnline();
  await until('outbox drained and caught up', () => customer.outbox.length === 0 && customer.views.get(id)?.lastSeq === 26 && agent.views.get(id)?.lastSeq === 26);
  const catchUpMs = Date.now() - backAt;

  const atAgent = agent.views.get(id)!.messages.filter((m) => m.author === 'customer').map((m) => m.text);
  const atCustomer = customer.views.get(id)!.messages.filter((m) => m.author === 'agent').map((m) => m.text);
  console.log(`[faults] offline widget: ${JSON.stringify({ queued: 20, agentRepliesMeanwhile: 5, deliveredToAgent: atAgent.length, caughtUpAtCustomer: atCustomer.length, catchUpMs, duplicates: tally.redelivered })}`);
  expect(atAgent).toEqual(Array.from({ length: 21 }, (_, i) => `w:${i}`));
  expect(atCustomer).toEqual(['r:0', 'r:1', 'r:2', 'r:3', 'r:4']);
  expect(customer.views.get(id)!.messages.map((m) => m.seq)).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
  expect(tally.errors).toEqual([]);
  customer.close();
  agent.close();
});
