// Screenshots of the complaint screens (widget tabs, tracking page) for a person to look at.
// Usage: pnpm --filter @kefu/e2e exec tsx tests/complaints/complaint-shots.ts http://localhost:3000 out-dir admin-password
import { launchChromium } from '../../fixtures/browser';

const [base = 'http://localhost:3000', out = '/tmp/shots', password = 'admin-password'] = process.argv.slice(2);
const json = async (path: string, body?: unknown, token?: string) => {
  const res = await fetch(base + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', origin: base, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return res.json();
};
const admin = (await json('/api/auth/login', { email: 'admin@kefu.local', password })).token as string;
const session = await json('/api/widget/session', { siteKey: 'demo', hostOrigin: base });
const filed = await json('/api/widget/complaints', {
  siteKey: 'demo', visitorToken: session.visitorToken, hostOrigin: base, category: 'delivery', locale: 'zh-CN',
  description: '我上周五下单的包裹到现在还没有收到，物流信息三天没有更新。\nThe parcel from last Friday has not arrived.', email: 'wang@example.com',
});
const board = await json('/api/complaints?sort=created', undefined, admin);
const id = board.complaints.find((c: { number: string }) => c.number === filed.number).id;
const teams = await json('/api/teams', undefined, admin);
await json(`/api/complaints/${id}/judge`, { decision: 'accept', teamId: teams.teams[0].id }, admin);
await json(`/api/complaints/${id}/replies`, { text: '您好，我们已联系快递公司核实，请耐心等待。', public: true }, admin);
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const token = String(filed.trackingUrl).split('/c/')[1];
await fetch(`${base}/api/track/${token}/attachments?name=parcel.png`, { method: 'POST', body: new Uint8Array(PNG) });
await json(`/api/complaints/${id}/resolve`, { resolution: '已为您重新发货，单号 SF123456789。' }, admin);

const browser = await launchChromium();
for (const [name, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 360, height: 740 }]] as const) {
  for (const locale of ['en', 'zh-CN'] as const) {
    const ctx = await browser.newContext({ viewport, locale });
    const page = await ctx.newPage();
    await page.goto(`${filed.trackingUrl.replace(/^https?:\/\/[^/]+/, base)}?lang=${locale}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByText(filed.number).waitFor();
    await page.screenshot({ path: `${out}/tracking-${name}-${locale}.png`, fullPage: true });
    await page.goto(`${base}/demo`);
    await page.getByRole('button', { name: locale === 'en' ? 'Open chat' : '打开客服' }).click();
    const frame = page.frameLocator('iframe[title="Kefu chat"]');
    await frame.getByRole('button', { name: locale === 'en' ? 'Complaint' : '投诉', exact: true }).click();
    await frame.getByRole('combobox').waitFor();
    await page.screenshot({ path: `${out}/widget-complaint-${name}-${locale}.png` });
    await ctx.close();
  }
}
await browser.close();
console.log(filed.number);
