import type { Browser, FrameLocator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { KefuProcess } from '../../fixtures/server';
import { useKefuAndChromium } from '../../fixtures/suite';

let kefu: KefuProcess;
let browser: Browser;
useKefuAndChromium((s) => ({ kefu, browser } = s));

const widget = (page: Page): FrameLocator => page.frameLocator('iframe[title="Kefu chat"]');

async function openWidget(page: Page): Promise<FrameLocator> {
  await page.getByRole('button', { name: 'Open chat' }).click();
  const frame = widget(page);
  await frame.getByRole('textbox', { name: 'Your message' }).waitFor();
  return frame;
}

async function send(frame: FrameLocator, text: string): Promise<void> {
  // No agent is online here: the widget's offline form, whose message waits in the queue.
  await frame.getByRole('textbox', { name: 'Your message' }).fill(text);
  await frame.getByRole('button', { name: 'Send' }).click();
  await frame.getByRole('log').getByText(text).waitFor();
  await frame.getByRole('log').getByText('Sent').first().waitFor();
}

const widgetText = (frame: FrameLocator) => frame.locator('body').innerText();

describe('Kefu.reset on a shared computer', () => {
  it('the next person on the browser sees nothing of the previous chat, at once and after a reload', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${kefu.url}/demo`);
    let frame = await openWidget(page);
    await send(frame, 'My membership number is 778899');

    // The host page's sign-out calls Kefu.reset (the demo shop's button does): the open widget empties at once.
    await page.getByRole('button', { name: 'Sign out · 退出登录' }).click();
    await expect.poll(() => widgetText(frame)).not.toContain('778899');
    await frame.getByRole('textbox', { name: 'Your message' }).waitFor();

    await page.reload();
    frame = await openWidget(page);
    await frame.getByRole('textbox', { name: 'Your message' }).waitFor();
    await page.waitForTimeout(500);
    expect(await widgetText(frame)).not.toContain('778899');

    // The next person chats as a new visitor.
    await send(frame, 'Hello, second customer here');
    expect(await widgetText(frame)).not.toContain('778899');
    await context.close();
  });

  it('a sign-out that navigates straight after Kefu.reset still leaves nothing behind', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${kefu.url}/demo`);
    const frame = await openWidget(page);
    await send(frame, 'Please call me on 13800138000');
    const visitorBefore = await page.frames().find((f) => f.url().includes('/widget/frame.html'))?.evaluate(() => Object.keys(localStorage).join(','));
    expect(visitorBefore).toContain('kefu:visitor:');

    await page.evaluate(() => {
      (window as unknown as { Kefu: { reset(): void } }).Kefu.reset();
      location.reload();
    });
    await page.waitForLoadState('load');
    const next = await openWidget(page);
    await page.waitForTimeout(500);
    expect(await widgetText(next)).not.toContain('13800138000');
    // The request is done: the host page keeps no reset marker.
    await expect.poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('kefu:reset:')).length)).toBe(0);
    await context.close();
  });
});
