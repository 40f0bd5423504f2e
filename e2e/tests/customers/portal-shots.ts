// Screenshots of the customer profile panel (beside the chat) and the Customers screen, for a person to look at.
// Usage: pnpm --filter @kefu/e2e exec tsx tests/customers/portal-shots.ts http://localhost:3000 out-dir admin-password
import { launchChromium } from '../../fixtures/browser';

const [base = 'http://localhost:3000', out = '/tmp/shots', password = 'admin-password'] = process.argv.slice(2);
const browser = await launchChromium();
for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]] as const) {
  for (const locale of ['en', 'zh-CN'] as const) {
    const ctx = await browser.newContext({ viewport, locale });
    const page = await ctx.newPage();
    await page.goto(`${base}/portal/?lang=${locale}`);
    await page.getByLabel(locale === 'en' ? 'Email' : '邮箱').fill('admin@kefu.local');
    await page.getByLabel(locale === 'en' ? 'Password' : '密码').fill(password);
    await page.keyboard.press('Enter');
    await page.locator('.topnav').waitFor();
    // The account's saved language wins over the browser's: choose it in the top bar.
    await page.locator('.topbar-select select').nth(1).selectOption(locale);
    await page.goto(`${base}/portal/?lang=${locale}#/customers`);
    await page.locator('.cu-result').first().waitFor();
    await page.screenshot({ path: `${out}/customers-list-${name}-${locale}.png`, fullPage: true });
    await page.locator('.cu-result:has(.badge-vip) .cu-result-name').first().click();
    await page.locator('.cu-history').waitFor();
    await page.locator('.cu-contact button').first().click();
    await page.locator('.cu-contact [role=status]').first().waitFor();
    await page.screenshot({ path: `${out}/customers-profile-${name}-${locale}.png`, fullPage: true });
    await page.goto(`${base}/portal/?lang=${locale}#/inbox/all`);
    await page.locator('a.conv-link:has(.badge-vip)').first().click();
    if (name === 'phone') await page.locator('.panel-toggle').first().click();
    await page.locator('.cu-panel .cu-panel-name').waitFor();
    await page.screenshot({ path: `${out}/customers-panel-${name}-${locale}.png` });
    await ctx.close();
  }
}
await browser.close();
