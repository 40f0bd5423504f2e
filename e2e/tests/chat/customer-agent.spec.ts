import type { Browser, FrameLocator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN, type KefuProcess } from '../../fixtures/server';
import { useKefuAndChromium } from '../../fixtures/suite';

let kefu: KefuProcess;
let browser: Browser;
useKefuAndChromium((s) => ({ kefu, browser } = s));

async function signInAgent(page: Page): Promise<void> {
  await page.goto(`${kefu.url}/portal/`);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The first admin chose no language: the portal follows this English browser after sign-in too.
  expect(await page.getByRole('combobox', { name: 'Language' }).inputValue()).toBe('en');
  await page.getByRole('combobox', { name: 'Presence' }).selectOption('online');
}

async function openWidget(page: Page): Promise<FrameLocator> {
  await page.goto(`${kefu.url}/demo`);
  await page.getByRole('button', { name: 'Open chat' }).click();
  const frame = page.frameLocator('iframe[title="Kefu chat"]');
  await frame.getByRole('textbox', { name: 'Your message' }).waitFor();
  return frame;
}

async function send(frame: FrameLocator, text: string): Promise<void> {
  const box = frame.getByRole('textbox', { name: 'Your message' });
  await box.fill(text);
  await box.press('Enter');
}

describe('a customer on the demo site and an agent in the portal', () => {
  it('talk in both directions, and a reload in the middle keeps the conversation', async () => {
    const agentContext = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const agent = await agentContext.newPage();
    await signInAgent(agent);

    const customerContext = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 } });
    const customer = await customerContext.newPage();
    let frame = await openWidget(customer);
    await send(frame, 'Hello, where is my order #1024?');
    const log = () => frame.getByRole('log');
    await log().getByText('Hello, where is my order #1024?').waitFor();
    await log().getByText('Sent').first().waitFor();

    // The agent is online in the demo team, so routing assigns the conversation to them.
    await agent.getByRole('tab', { name: 'Mine' }).click();
    await agent.getByText('Hello, where is my order #1024?').first().click();
    const agentLog = agent.getByRole('log');
    await agentLog.getByText('Hello, where is my order #1024?').waitFor();

    const reply = agent.getByRole('textbox', { name: 'Reply' });
    await reply.fill('It left our warehouse this morning.');
    await reply.press('Enter');
    await log().getByText('It left our warehouse this morning.').waitFor();

    // Reload the customer's page in the middle of the conversation: the history comes back.
    await customer.reload();
    await customer.getByRole('button', { name: 'Open chat' }).click();
    frame = customer.frameLocator('iframe[title="Kefu chat"]');
    await log().getByText('Hello, where is my order #1024?').waitFor();
    await log().getByText('It left our warehouse this morning.').waitFor();

    await send(frame, 'Great, thank you!');
    await agentLog.getByText('Great, thank you!').waitFor();
    await reply.fill('You are welcome.');
    await reply.press('Enter');
    await log().getByText('You are welcome.').waitFor();

    // Each message shows exactly once on both sides, in the same order.
    const expected = ['Hello, where is my order #1024?', 'It left our warehouse this morning.', 'Great, thank you!', 'You are welcome.'];
    const customerTexts = await log().innerText();
    const agentTexts = await agentLog.innerText();
    for (const text of [customerTexts, agentTexts]) {
      const positions = expected.map((m) => text.indexOf(m));
      expect(positions.every((p) => p >= 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      for (const m of expected) expect(text.split(m).length - 1).toBe(1);
    }

    await agentContext.close();
    await customerContext.close();
  });
});
