// Screenshots of help articles (知识库): the widget's Help tab on /demo, Settings → Help articles and the
// composer's article search, for a person to look at. Seeds a few articles through the API first.
// Usage: pnpm --filter @kefu/e2e exec tsx tests/knowledge/knowledge-shots.ts http://localhost:3000 out-dir admin@kefu.local admin-password
import { launchChromium } from '../../fixtures/browser';

const [base = 'http://localhost:3000', out = '/tmp/shots', email = 'admin@kefu.local', password = 'admin-password'] = process.argv.slice(2);

async function call(path: string, token: string, body?: unknown) {
  const res = await fetch(base + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return res.json() as Promise<any>;
}
const login = await (await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) })).json();
const token: string = login.token;
const existing = await call('/api/articles', token);
if (existing.articles.length === 0) {
  const seed = [
    { title: '如何申请退款', category: '售后', locale: 'zh-CN', body: '## 申请步骤\n\n1. 打开**我的订单**，找到要退款的订单。\n2. 点击「申请退款」，选择原因。\n3. 提交后，退款会在 **3 个工作日**内原路退回。\n\n> 已发货的订单请先[申请退货](https://example.com/returns)。\n\n<script>alert("不会执行")</script>' },
    { title: '退货流程', category: '售后', locale: 'zh-CN', body: '收到商品 7 天内可申请退货。仓库收到退货后自动发起退款。' },
    { title: '修改收货地址', category: '物流', locale: 'zh-CN', body: '发货前可以在订单详情页修改收货地址。发货后请联系在线客服。' },
    { title: 'How to get a refund', category: 'After sales', locale: 'en', body: '## Steps\n\n1. Open **My orders** and pick the order.\n2. Choose **Request refund** and a reason.\n3. The refund reaches your card within **3 business days**.\n\nShipped already? [Start a return](https://example.com/returns) first.' },
    { title: 'Changing your delivery address', category: 'Delivery', locale: 'en', body: 'Before shipping you can change the address on the order page.' },
    { title: 'Invoices (draft)', category: 'Billing', locale: 'en', body: 'Not published yet.', published: false },
  ];
  for (const a of seed) await call('/api/articles', token, { published: true, ...a });
}

const browser = await launchChromium();
for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]] as const) {
  for (const locale of ['en', 'zh-CN'] as const) {
    const zh = locale === 'zh-CN';
    const ctx = await browser.newContext({ viewport, locale });
    const page = await ctx.newPage();
    // Widget: Help tab, search, article.
    await page.goto(`${base}/demo`);
    await page.getByRole('button', { name: zh ? '打开客服' : 'Open chat' }).click();
    const frame = page.frameLocator('iframe[title="Kefu chat"]');
    await frame.getByRole('button', { name: zh ? '帮助' : 'Help' }).click();
    await frame.locator('.kf-help-list').waitFor();
    await page.screenshot({ path: `${out}/widget-help-list-${name}-${locale}.png` });
    await frame.getByRole('searchbox').fill(zh ? '退款' : 'refnd');
    await frame.locator('.kf-help-list li').first().getByText(zh ? '如何申请退款' : 'How to get a refund').waitFor();
    await frame.locator('.kf-help-list li').nth(zh ? 2 : 1).waitFor({ state: 'detached' });
    await page.screenshot({ path: `${out}/widget-help-search-${name}-${locale}.png` });
    await frame.locator('.kf-help-list button').first().click();
    await frame.locator('.kf-help-article').waitFor();
    await page.screenshot({ path: `${out}/widget-help-article-${name}-${locale}.png` });
    // The public page agents link to.
    const href = await frame.locator('.kf-help-page').getAttribute('href');
    if (href) {
      const pub = await ctx.newPage();
      await pub.goto(href);
      await pub.screenshot({ path: `${out}/help-page-${name}-${locale}.png`, fullPage: true });
      await pub.close();
    }
    // Portal: Settings → Help articles, the editor with its preview (in the account's language).
    await fetch(`${base}/api/me`, { method: 'PATCH', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ locale }) });
    await page.goto(`${base}/portal/`);
    await page.getByLabel(zh ? '邮箱' : 'Email').fill(email);
    await page.getByLabel(zh ? '密码' : 'Password').fill(password);
    await page.keyboard.press('Enter');
    await page.locator('.topnav').waitFor();
    await page.goto(`${base}/portal/?lang=${locale}#/settings/articles`);
    await page.locator('.articles-list').waitFor();
    await page.screenshot({ path: `${out}/portal-articles-${name}-${locale}.png`, fullPage: true });
    await page.locator('.article-open').first().click();
    await page.locator('.article-form textarea').waitFor();
    await page.screenshot({ path: `${out}/portal-article-edit-${name}-${locale}.png`, fullPage: true });
    await page.getByRole('button', { name: zh ? '预览' : 'Preview' }).click();
    await page.locator('.article-html').waitFor();
    await page.screenshot({ path: `${out}/portal-article-preview-${name}-${locale}.png`, fullPage: true });
    await ctx.close();
  }
}
await browser.close();
