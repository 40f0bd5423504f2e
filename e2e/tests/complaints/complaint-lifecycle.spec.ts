import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN, type KefuProcess } from '../../fixtures/server';
import { useKefuAndChromium } from '../../fixtures/suite';

let kefu: KefuProcess;
let browser: Browser;
useKefuAndChromium((s) => ({ kefu, browser } = s));

async function signInManager(page: Page): Promise<void> {
  await page.goto(`${kefu.url}/portal/`);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('en');
}

async function resolveInPortal(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Resolution' }).fill(text);
  await page.getByRole('button', { name: 'Resolve' }).click();
  await page.getByText('Resolved, awaiting customer').first().waitFor();
}

describe('a complaint from the widget to a satisfied customer', () => {
  it('is filed in the widget, accepted and resolved in the portal, reopened by the customer, resolved again and closed', async () => {
    // The customer files a complaint in the widget's Complaint tab.
    const customerContext = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 } });
    const customer = await customerContext.newPage();
    await customer.goto(`${kefu.url}/demo`);
    await customer.getByRole('button', { name: 'Open chat' }).click();
    const frame = customer.frameLocator('iframe[title="Kefu chat"]');
    await frame.getByRole('button', { name: 'Complaint', exact: true }).click();
    await frame.getByRole('combobox', { name: 'What is it about?' }).selectOption('delivery');
    await frame.getByRole('textbox', { name: 'What happened?' }).fill('My parcel #1024 never arrived.');
    await frame.getByRole('textbox', { name: 'Email' }).fill('wang@example.com');
    await frame.getByRole('button', { name: 'Submit complaint' }).click();
    const confirmation = frame.getByText(/Your complaint KS\d{8}-\d{4} was received/);
    await confirmation.waitFor();
    const number = (await confirmation.textContent())!.match(/KS\d{8}-\d{4}/)![0];
    const trackingUrl = (await frame.getByRole('link', { name: 'Open the tracking page' }).getAttribute('href'))!;
    expect(trackingUrl).toMatch(/\/c\/[A-Za-z0-9_-]{43}$/);

    // "My complaints" lists it.
    await frame.getByRole('button', { name: 'My complaints' }).click();
    await frame.getByText(number).waitFor();

    // The manager accepts it for the demo team and resolves it.
    const managerContext = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const manager = await managerContext.newPage();
    await signInManager(manager);
    await manager.getByRole('link', { name: 'Complaints' }).click();
    await manager.getByRole('link', { name: number }).click();
    await manager.getByText('Awaiting judgement').first().waitFor();
    await manager.getByRole('combobox', { name: 'Responsible team' }).selectOption({ index: 1 });
    await manager.getByRole('button', { name: 'Accept' }).click();
    await manager.getByText('Sent to responsible team').first().waitFor();
    await manager.getByRole('textbox', { name: 'Reply to the customer' }).fill('We are asking the carrier.');
    await manager.getByRole('button', { name: 'Send' }).click();
    await manager.getByText('In progress').first().waitFor();
    await resolveInPortal(manager, 'A new parcel was sent.');

    // The customer opens the link and is not satisfied: the complaint reopens.
    const tracking = await customerContext.newPage();
    await tracking.goto(trackingUrl.replace(/^https?:\/\/[^/]+/, kefu.url) + '?lang=en');
    await tracking.getByText(number).waitFor();
    await tracking.getByText('Resolved — waiting for your answer').waitFor();
    await tracking.getByText('We are asking the carrier.').waitFor();
    await tracking.getByRole('button', { name: 'No, not satisfied' }).click();
    await tracking.getByRole('textbox', { name: 'Comment (optional)' }).fill('The new parcel is also missing.');
    await tracking.getByRole('button', { name: 'Send answer' }).click();
    await tracking.getByText('Being handled').first().waitFor();
    await tracking.getByText('You were not satisfied: we are handling it again.').waitFor();

    // Back in the portal: reopened, resolved again.
    await manager.reload();
    await manager.getByText('Reopened by customer').first().waitFor();
    expect(await manager.locator('.fact', { hasText: 'Reopened' }).locator('dd').textContent()).toBe('1');
    await resolveInPortal(manager, 'Delivered by courier today.');

    // Now satisfied: closed with a rating.
    await tracking.reload();
    await tracking.getByRole('button', { name: 'Yes, satisfied' }).click();
    await tracking.locator('label', { hasText: '5 of 5' }).click();
    expect(await tracking.getByRole('radio', { name: '5 of 5' }).isChecked()).toBe(true);
    await tracking.getByRole('button', { name: 'Send answer' }).click();
    await tracking.getByText('Closed', { exact: true }).first().waitFor();
    await tracking.getByText('You rated our handling 5 of 5.').waitFor();
    expect(await tracking.getByRole('textbox', { name: 'Add information' }).count()).toBe(0);

    await manager.reload();
    await manager.locator('.c-title').getByText('Closed', { exact: true }).waitFor();
    expect(await manager.locator('.fact', { hasText: 'Rating' }).locator('dd').textContent()).toBe('5/5');
    await managerContext.close();
    await customerContext.close();
  });
});
