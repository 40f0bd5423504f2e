import { deflateSync } from 'node:zlib';
import { mkdirSync } from 'node:fs';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../fixtures/browser';
import { ADMIN, startKefu, type KefuProcess } from '../../fixtures/server';

let kefu: KefuProcess;
let browser: Browser;
// Set KEFU_SHOTS_DIR to also save screenshots of both composers and the file bubbles (phone/desktop, en/zh-CN).
const shots = process.env.KEFU_SHOTS_DIR;

beforeAll(async () => {
  kefu = await startKefu();
  browser = await launchChromium();
  if (shots) mkdirSync(shots, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await kefu?.stop();
});

/** A real PNG (a colour gradient) made here, so the thumbnail has something to show. */
function gradientPng(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) rows.set([Math.round((x / width) * 255), 120, Math.round((y / height) * 255)], y * (width * 3 + 1) + 1 + x * 3);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

async function signInAgent(page: Page): Promise<void> {
  await page.goto(`${kefu.url}/portal/`);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('en');
  await page.getByRole('combobox', { name: 'Presence' }).selectOption('online');
}

async function openWidget(page: Page): Promise<FrameLocator> {
  await page.goto(`${kefu.url}/demo`);
  await page.getByRole('button', { name: /Open chat|打开/ }).click();
  const frame = page.frameLocator('iframe[title="Kefu chat"]');
  await frame.locator('#kf-composer-input').waitFor();
  return frame;
}

describe('files in a chat', () => {
  it('the customer sends a photo the agent sees as a thumbnail, and the agent sends a PDF the customer downloads', async () => {
    const agentContext = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const agent = await agentContext.newPage();
    await signInAgent(agent);

    const customerContext = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 }, acceptDownloads: true });
    const customer = await customerContext.newPage();
    const frame = await openWidget(customer);
    const log = frame.getByRole('log');
    await frame.locator('input[type=file]').setInputFiles({ name: 'broken-cup.png', mimeType: 'image/png', buffer: gradientPng(240, 160) });
    const ownThumb = log.getByRole('img', { name: 'broken-cup.png' });
    await ownThumb.waitFor();
    await log.getByText('Sent').first().waitFor();

    // The agent (online in the demo team) gets the conversation and sees the photo, fetched with their session.
    await agent.getByRole('tab', { name: 'Mine' }).click();
    await agent.locator('a.conv-link').first().click();
    const agentLog = agent.getByRole('log');
    const thumb = agentLog.getByRole('img', { name: 'broken-cup.png' });
    await thumb.waitFor();
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(240);
    expect(await agentLog.getByRole('link', { name: 'Open image broken-cup.png' }).getAttribute('target')).toBe('_blank');

    // The agent attaches a PDF and sends it with a line of text.
    await agent.getByLabel('Attach file').setInputFiles({ name: 'invoice-1024.pdf', mimeType: 'application/pdf', buffer: PDF });
    await agent.getByText(/invoice-1024\.pdf · \d+ B/).waitFor();
    if (shots) await agent.screenshot({ path: `${shots}/portal-composer-file-desktop-en.png` });
    const reply = agent.getByRole('textbox', { name: 'Reply' });
    await reply.fill('Here is your invoice.');
    await reply.press('Enter');
    const link = log.getByRole('link', { name: /Download invoice-1024\.pdf/ });
    await link.waitFor();
    await log.getByText('Here is your invoice.').waitFor();
    // Shown once in the agent's log when the ack has replaced the pending copy.
    await expect.poll(() => agentLog.getByRole('link', { name: /Download invoice-1024\.pdf/ }).count()).toBe(1);

    const [download] = await Promise.all([customer.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('invoice-1024.pdf');
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');

    // After a reload each file is there exactly once.
    await customer.reload();
    await customer.getByRole('button', { name: 'Open chat' }).click();
    await log.getByRole('img', { name: 'broken-cup.png' }).waitFor();
    expect(await log.getByRole('img', { name: 'broken-cup.png' }).count()).toBe(1);
    expect(await log.getByRole('link', { name: /Download invoice-1024\.pdf/ }).count()).toBe(1);

    if (shots) {
      const state = await customerContext.storageState();
      for (const [size, viewport] of [['phone', { width: 390, height: 844 }], ['desktop', { width: 1280, height: 800 }]] as const) {
        for (const locale of ['en', 'zh-CN'] as const) {
          const c = await browser.newContext({ locale, viewport, storageState: state });
          const p = await c.newPage();
          const f = await openWidget(p);
          await f.getByRole('log').locator('.kf-thumb img').waitFor();
          await p.waitForTimeout(300); // let the thumbnail paint
          await p.screenshot({ path: `${shots}/widget-files-${size}-${locale}.png` });
          await c.close();
        }
      }
      const agentState = await agentContext.storageState();
      for (const [size, viewport] of [['phone', { width: 390, height: 844 }], ['desktop', { width: 1280, height: 800 }]] as const) {
        for (const locale of ['en', 'zh-CN'] as const) {
          const c = await browser.newContext({ locale, viewport, storageState: agentState });
          const p = await c.newPage();
          await p.goto(`${kefu.url}/portal/#/inbox/mine`);
          // The account's language was set to English above; the top bar switches it.
          const language = p.getByRole('combobox', { name: /^(Language|语言)$/ });
          await language.waitFor({ timeout: 60_000 });
          await language.selectOption(locale);
          await p.locator('a.conv-link').first().click();
          await p.locator('.msg-thumb img').waitFor();
          await p.locator('.composer-attach input').setInputFiles({ name: 'receipt.pdf', mimeType: 'application/pdf', buffer: PDF });
          await p.locator('.composer-files li:not(.busy)').waitFor();
          await p.waitForTimeout(300);
          await p.screenshot({ path: `${shots}/portal-files-${size}-${locale}.png` });
          await c.close();
        }
      }
    }
    await agentContext.close();
    await customerContext.close();
  }, 120_000);
});
