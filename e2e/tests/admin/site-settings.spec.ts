import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN, type KefuProcess } from '../../fixtures/server';
import { useKefuAndChromium } from '../../fixtures/suite';

let kefu: KefuProcess;
let browser: Browser;
useKefuAndChromium((s) => ({ kefu, browser } = s));

async function openChat(page: Page) {
  await page.getByRole('button', { name: 'Open chat' }).click();
  const frame = page.frameLocator('iframe[title="Kefu chat"]');
  await frame.getByRole('textbox', { name: 'Your message' }).waitFor();
  return frame;
}

describe('site settings in the portal', () => {
  it('change the widget colour and greeting on the running demo page without a restart', async () => {
    // The customer's demo page is already open (before the change).
    const customerContext = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 } });
    const customer = await customerContext.newPage();
    await customer.goto(`${kefu.url}/demo`);
    let frame = await openChat(customer);
    await frame.getByText('Hi! How can we help?').waitFor();

    const adminContext = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const admin = await adminContext.newPage();
    await admin.goto(`${kefu.url}/portal/`);
    await admin.getByLabel('Email').fill(ADMIN.email);
    await admin.getByLabel('Password').fill(ADMIN.password);
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.getByRole('combobox', { name: 'Language' }).selectOption('en');
    await admin.getByRole('link', { name: 'Settings' }).click();
    await admin.getByRole('link', { name: 'Sites' }).click();
    await admin.getByRole('button', { name: 'Edit Demo shop' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.locator('#site-color').fill('#c2185b');
    await dialog.locator('#site-greeting-en').fill('Welcome to the demo shop! Ask us anything.');
    await dialog.getByRole('radio', { name: 'Bottom left' }).check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The same server process: the reloaded page shows the new greeting and colour.
    await customer.reload();
    frame = await openChat(customer);
    await frame.getByText('Welcome to the demo shop! Ask us anything.').waitFor();
    const accent = await frame.locator('.kf-root').evaluate((el) => getComputedStyle(el).getPropertyValue('--kf-accent').trim());
    expect(accent.toLowerCase()).toBe('#c2185b');
    expect(await frame.getByText('Hi! How can we help?').count()).toBe(0);
    // The launcher on the host page takes the colour too, and moves to the left side.
    const launcher = () => customer.locator('kefu-widget').evaluate((el) => {
      const b = el.shadowRoot!.querySelector('button')!;
      return `${getComputedStyle(b).backgroundColor} ${b.getBoundingClientRect().left < 100 ? 'left' : 'right'}`;
    });
    await expect.poll(launcher, { timeout: 10_000 }).toBe('rgb(194, 24, 91) left');

    // The change is in the audit log, by field name.
    await admin.getByRole('link', { name: 'Audit log' }).click();
    await admin.getByRole('combobox', { name: 'Action' }).selectOption('settings.changed');
    await admin.getByRole('button', { name: 'Filter' }).click();
    await admin.getByText('"fields":["color","greeting","launcherPosition"]').first().waitFor();
    await customerContext.close();
    await adminContext.close();
  });
});
