// Screenshots of the reports page and the agent scorecard, for a person to look at.
// Seed history first (server/src/reports/reports.sample.ts), then:
// pnpm --filter @kefu/e2e exec tsx tests/reports/reports-shots.ts http://localhost:3000 out-dir admin-password
import { launchChromium } from '../../fixtures/browser';

const [base = 'http://localhost:3000', out = '/tmp/shots', password = 'admin-password'] = process.argv.slice(2);
const browser = await launchChromium();
for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]] as const) {
  for (const locale of ['en', 'zh-CN'] as const) {
    const ctx = await browser.newContext({ viewport, locale, timezoneId: 'Asia/Shanghai' });
    await ctx.addInitScript((l) => localStorage.setItem('kefu.portal.locale', l), locale);
    const page = await ctx.newPage();
    await page.goto(`${base}/portal/`);
    await page.getByLabel(locale === 'en' ? 'Email' : '邮箱').fill('admin@kefu.local');
    await page.getByLabel(locale === 'en' ? 'Password' : '密码').fill(password);
    await page.keyboard.press('Enter');
    await page.locator('.topnav').waitFor();
    await page.goto(`${base}/portal/#/reports`);
    await page.locator('.report-table').first().waitFor();
    await page.locator('.report-chart canvas').first().waitFor();
    await page.screenshot({ path: `${out}/reports-day-${name}-${locale}.png`, fullPage: true });
    await page.getByRole('combobox', { name: locale === 'en' ? 'Group by' : '分组' }).selectOption('agent');
    await page.locator('.report-body:not(.is-loading) .report-table th[scope=row]').first().waitFor();
    await page.waitForFunction(() => !document.querySelector('.report-body.is-loading'));
    await page.screenshot({ path: `${out}/reports-agent-${name}-${locale}.png`, fullPage: true });
    // The screen scrolls inside the shell: a tall window shows all of it at once.
    await page.setViewportSize({ width: viewport.width, height: 3200 });
    await page.screenshot({ path: `${out}/reports-agent-${name}-${locale}-full.png` });
    await page.setViewportSize(viewport);
    await page.goto(`${base}/portal/#/reports/scorecard`);
    await page.locator('.scorecard-table').waitFor();
    await page.screenshot({ path: `${out}/scorecard-${name}-${locale}.png`, fullPage: true });
    if (name === 'desktop') {
      await page.emulateMedia({ media: 'print' });
      await page.screenshot({ path: `${out}/scorecard-print-${locale}.png`, fullPage: true });
    }
    await ctx.close();
  }
}
await browser.close();
