import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../fixtures/browser';
import { ADMIN, startKefu, type KefuProcess } from '../../fixtures/server';

let kefu: KefuProcess;
let browser: Browser;
let token: string;

beforeAll(async () => {
  kefu = await startKefu();
  browser = await launchChromium();
  const res = await fetch(`${kefu.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
  token = ((await res.json()) as { token: string }).token;
});
afterAll(async () => {
  await browser?.close();
  await kefu?.stop();
});

async function createArticle(body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${kefu.url}/api/articles`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(201);
}

describe('help articles (知识库)', () => {
  it('a customer finds an article in the widget, and an agent sends its link, which opens the article', async () => {
    await createArticle({ title: '如何申请退款', category: '售后', locale: 'zh-CN', published: true, body: '在**我的订单**中点击「申请退款」。\n\n<img src=x onerror="document.title=\'pwned\'">' });
    await createArticle({ title: '退款草稿', locale: 'zh-CN', published: false, body: '退款' });

    // An agent is online, so the widget offers the chat (not the offline form).
    const agentContext = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const agent = await agentContext.newPage();
    await agent.goto(`${kefu.url}/portal/`);
    await agent.getByLabel('Email').fill(ADMIN.email);
    await agent.getByLabel('Password').fill(ADMIN.password);
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await agent.getByRole('combobox', { name: 'Language' }).selectOption('en');
    await agent.getByRole('combobox', { name: 'Presence' }).selectOption('online');

    // Customer, in Chinese: opens the Help tab, searches, reads the article.
    const customerContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    const customer = await customerContext.newPage();
    await customer.goto(`${kefu.url}/demo`);
    await customer.getByRole('button', { name: '打开客服' }).click();
    const frame = customer.frameLocator('iframe[title="Kefu chat"]');
    const box = frame.getByRole('textbox', { name: '您的消息' });
    await box.fill('我想退款');
    await box.press('Enter');
    await frame.getByRole('button', { name: '帮助' }).click();
    await frame.getByRole('searchbox', { name: '搜索帮助文章' }).fill('退款');
    await frame.getByRole('button', { name: /如何申请退款/ }).click();
    await frame.getByRole('heading', { name: '如何申请退款' }).waitFor();
    expect(await frame.locator('.kf-help-body strong').innerText()).toBe('我的订单');
    expect(await frame.locator('.kf-help-body img').count()).toBe(0);
    await frame.getByRole('button', { name: /返回文章列表/ }).click();
    expect(await frame.getByRole('button', { name: /退款草稿/ }).count()).toBe(0);
    expect(await customer.title()).not.toBe('pwned');

    // Agent: opens the conversation, searches articles from the composer and sends the link.
    await agent.getByRole('tab', { name: 'Mine' }).click();
    await agent.getByText('我想退款').first().click();
    await agent.getByRole('button', { name: 'Articles' }).click();
    await agent.getByRole('searchbox', { name: 'Search help articles' }).fill('退款');
    await agent.getByRole('button', { name: 'Insert link' }).click();
    const reply = agent.getByRole('textbox', { name: 'Reply' });
    const text = await reply.inputValue();
    expect(text).toMatch(/^如何申请退款: http:\/\/.+\/help\/demo\/[0-9a-f-]{36}$/);
    await reply.press('Enter');

    // The customer gets the link in the chat, and it opens the article.
    await frame.getByRole('button', { name: '在线咨询' }).click();
    await frame.getByRole('log').getByText(/\/help\/demo\//).waitFor();
    const url = text.slice(text.indexOf('http'));
    const page = await customerContext.newPage();
    const res = await page.goto(url.replace(/^http:\/\/localhost:\d+/, kefu.url));
    expect(res?.status()).toBe(200);
    await page.getByRole('heading', { name: '如何申请退款' }).waitFor();
    expect(await page.title()).not.toBe('pwned');
    await customerContext.close();
    await agentContext.close();
  });
});
