// Screenshots of the scheduled reports tab (Reports → Scheduled reports) for a person to look at (not
// a test). Needs a running Kefu whose scheduler has made at least one report (it does at start).
// Usage: pnpm --filter @kefu/e2e exec tsx tests/monitor/scheduled-reports-shots.ts base-url admin-email admin-password [out-dir]
import { launchChromium } from '../../fixtures/browser';

const [base = 'http://localhost:3000', email = 'admin@kefu.local', password = 'admin-password', out = '/tmp/shots'] = process.argv.slice(2);
const browser = await launchChromium();
for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]] as const) {
  for (const locale of ['en', 'zh-CN'] as const) {
    const ctx = await browser.newContext({ viewport, locale });
    await ctx.addInitScript((l) => localStorage.setItem('kefu.portal.locale', l), locale);
    const page = await ctx.newPage();
    await page.goto(`${base}/portal/`);
    await page.getByLabel(locale === 'en' ? 'Email' : '邮箱').fill(email);
    await page.getByLabel(locale === 'en' ? 'Password' : '密码').fill(password);
    await page.keyboard.press('Enter');
    await page.locator('.topnav').waitFor();
    await page.goto(`${base}/portal/#/reports/scheduled`);
    await page.locator('.sched-table').waitFor();
    await page.screenshot({ path: `${out}/scheduled-reports-${name}-${locale}.png`, fullPage: true });
    await ctx.close();
  }
}
await browser.close();
