import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../fixtures/browser';
import { ADMIN, startKefu, type KefuProcess } from '../../fixtures/server';

let kefu: KefuProcess;
let browser: Browser;
const SUPERVISOR = { email: 'sup@e2e.local', password: 'supervisor-password', name: 'Supervisor Zhou' };

async function call(path: string, init: { token?: string; body?: unknown } = {}): Promise<any> {
  const res = await fetch(kefu.url + path, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`${path}: ${JSON.stringify(body)}`);
  return body;
}

beforeAll(async () => {
  kefu = await startKefu();
  browser = await launchChromium();
  // Seed through the API: a supervisor in the demo team (the admin, who answers, is in it too).
  const { token } = await call('/api/auth/login', { body: ADMIN });
  const { teams } = await call('/api/teams', { token });
  const support = teams.find((t: { name: string }) => t.name === 'Support');
  await call('/api/users', { token, body: { ...SUPERVISOR, role: 'supervisor', teamIds: [support.id], maxConcurrent: 5 } });
});
afterAll(async () => {
  await browser?.close();
  await kefu?.stop();
});

async function signIn(page: Page, who: { email: string; password: string }): Promise<void> {
  await page.goto(`${kefu.url}/portal/`);
  await page.getByLabel(/Email|邮箱/).fill(who.email);
  await page.getByLabel(/Password|密码/).fill(who.password);
  await page.getByRole('button', { name: /Sign in|登录/ }).click();
  await page.getByRole('combobox', { name: /Language|语言/ }).selectOption('en');
}

describe('a low rating in the widget', () => {
  it('reaches the supervisor as a follow-up after the agent resolves the chat', async () => {
    const agentContext = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const agent = await agentContext.newPage();
    await signIn(agent, ADMIN);
    await agent.getByRole('combobox', { name: 'Presence' }).selectOption('online');

    const customerContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 360, height: 740 } });
    const customer = await customerContext.newPage();
    await customer.goto(`${kefu.url}/demo`);
    await customer.getByRole('button', { name: /Open chat|打开/ }).click();
    const frame = customer.frameLocator('iframe[title="Kefu chat"]');
    const box = frame.getByRole('textbox').first();
    await box.waitFor();
    await box.fill('我的退款还没到账');
    await box.press('Enter');

    await agent.getByRole('tab', { name: 'Mine' }).click();
    await agent.getByText('我的退款还没到账').first().click();
    const reply = agent.getByRole('textbox', { name: 'Reply' });
    await reply.fill('您好，退款将在三个工作日内到账。');
    await reply.press('Enter');
    await frame.getByRole('log').getByText('您好，退款将在三个工作日内到账。').waitFor();
    await agent.getByRole('button', { name: 'Resolve' }).click();

    // The survey card appears in the widget; the customer rates 2 with a comment.
    await frame.getByText('您对本次服务满意吗？').waitFor();
    await frame.getByRole('radio', { name: '2 不满意' }).click();
    await frame.getByRole('textbox', { name: '意见或建议（选填）' }).fill('等了太久');
    await frame.getByRole('button', { name: '提交评价' }).click();
    await frame.getByText('感谢您的评价！').waitFor();

    // The agent sees the rating on the conversation.
    await agent.getByText('2/5 · Dissatisfied').waitFor();

    const supContext = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const supervisor = await supContext.newPage();
    await signIn(supervisor, SUPERVISOR);
    await supervisor.getByRole('link', { name: 'Follow-ups' }).click();
    const task = supervisor.getByRole('article').filter({ hasText: 'Low rating' });
    await task.getByText('等了太久').waitFor();
    expect(await task.innerText()).toContain('2/5 · Dissatisfied');

    await agentContext.close();
    await customerContext.close();
    await supContext.close();
  });
});
