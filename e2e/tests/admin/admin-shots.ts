// Screenshots of the administration screens (roles, audit log, sites, canned replies, SLA, invite page) for a person to look at.
// Usage: pnpm --filter @kefu/e2e exec tsx tests/admin/admin-shots.ts http://localhost:3000 out-dir admin-password
import { launchChromium } from '../../fixtures/browser';

const [base = 'http://localhost:3000', out = '/tmp/shots', password = 'admin-password'] = process.argv.slice(2);
const browser = await launchChromium();
for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]] as const) {
  for (const locale of ['en', 'zh-CN'] as const) {
    const ctx = await browser.newContext({ viewport, locale });
    await ctx.addInitScript((l) => localStorage.setItem('kefu.portal.locale', l), locale);
    const page = await ctx.newPage();
    await page.goto(`${base}/portal/`);
    await page.locator('input[type=email]').fill('admin@kefu.local');
    await page.locator('input[type=password]').fill(password);
    await page.keyboard.press('Enter');
    await page.locator('.topnav').waitFor();
    for (const section of ['roles', 'audit', 'sla', 'canned']) {
      await page.goto(`${base}/portal/#/settings/${section}`);
      await page.locator('.settings-body section').waitFor();
      await page.waitForTimeout(600);
      await page.screenshot({ path: `${out}/admin-${section}-${name}-${locale}.png`, fullPage: true });
    }
    await page.goto(`${base}/portal/#/settings/sites`);
    await page.locator('.card').first().waitFor();
    await page.locator('.card button.btn-ghost').last().click();
    await page.getByRole('dialog').waitFor();
    await page.getByRole('dialog').locator('fieldset').last().scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${out}/admin-site-form-${name}-${locale}.png` });
    await page.goto(`${base}/portal/#/settings/users`);
    await page.locator('.section-head .btn').first().click();
    await page.getByRole('dialog').waitFor();
    await page.screenshot({ path: `${out}/admin-invite-${name}-${locale}.png` });
    await ctx.close();
    const anon = await browser.newContext({ viewport, locale });
    const p2 = await anon.newPage();
    await p2.goto(`${base}/portal/#/invite/${'A'.repeat(43)}`);
    await p2.locator('.login-card').waitFor();
    await p2.waitForTimeout(500);
    await p2.screenshot({ path: `${out}/admin-invite-page-${name}-${locale}.png` });
    await anon.close();
  }
}
await browser.close();
