// Screenshots of the portal's complaint screens (board, detail, phone form) for a person to look at.
// Usage: pnpm --filter @kefu/e2e exec tsx tests/complaints/portal-shots.ts http://localhost:3000 out-dir admin-password
import { launchChromium } from '../../fixtures/browser';

const [base = 'http://localhost:3000', out = '/tmp/shots', password = 'admin-password'] = process.argv.slice(2);
const browser = await launchChromium();
for (const [name, viewport] of [['desktop', { width: 1280, height: 860 }], ['phone', { width: 360, height: 740 }]] as const) {
  for (const locale of ['en', 'zh-CN'] as const) {
    const ctx = await browser.newContext({ viewport, locale });
    const page = await ctx.newPage();
    await page.goto(`${base}/portal/`);
    await page.getByLabel(locale === 'en' ? 'Email' : '邮箱').fill('admin@kefu.local');
    await page.getByLabel(locale === 'en' ? 'Password' : '密码').fill(password);
    await page.keyboard.press('Enter');
    await page.locator('.topnav').waitFor();
    await page.goto(`${base}/portal/?lang=${locale}#/complaints`);
    await page.locator('.c-table a').first().waitFor();
    await page.screenshot({ path: `${out}/portal-board-${name}-${locale}.png`, fullPage: true });
    await page.locator('.c-table a').first().click();
    await page.locator('.c-timeline').waitFor();
    await page.screenshot({ path: `${out}/portal-detail-${name}-${locale}.png`, fullPage: true });
    await page.goto(`${base}/portal/#/complaints/new`);
    await page.locator('form textarea').waitFor();
    await page.screenshot({ path: `${out}/portal-phone-${name}-${locale}.png`, fullPage: true });
    await ctx.close();
  }
}
await browser.close();
