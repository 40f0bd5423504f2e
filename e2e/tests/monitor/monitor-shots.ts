// Screenshots of the live monitor with seeded traffic (queued customers, agents, complaints), for a
// person to look at (not a test). Starts its own Kefu on PGlite, or seeds a fresh one already running.
// Usage: pnpm --filter @kefu/e2e exec tsx tests/monitor/monitor-shots.ts [out-dir] [base-url admin-email admin-password]
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../../fixtures/browser';
import { ADMIN, startKefu } from '../../fixtures/server';

const [out = '/tmp/shots', running, email, password] = process.argv.slice(2);
const require = createRequire(resolve(fileURLToPath(import.meta.url), '../../../../server/package.json'));
type ShotSocket = { once(e: string, f: (v?: unknown) => void): void; emitWithAck(e: string, p: unknown): Promise<unknown>; close(): void };
// socket.io-client comes from the server package (the e2e package drives the browser, not sockets).
const { io } = require('socket.io-client') as { io: (url: string, opts: object) => ShotSocket };

const kefu = running ? { url: running, stop: async () => {} } : await startKefu({ KEFU_RATE_LIMIT_SCALE: '0' });
const base = kefu.url;
const adminLogin = running ? { email: email!, password: password! } : ADMIN;
async function call<T = any>(path: string, token: string | null, body?: unknown, method?: string): Promise<T> {
  const res = await fetch(base + path, {
    method: method ?? (body === undefined ? 'GET' : 'POST'),
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${path}: ${JSON.stringify(json)}`);
  return json;
}

async function seed() {
  const admin = (await call<{ token: string }>('/api/auth/login', null, adminLogin)).token;
  const teams = [];
  for (const name of ['售后服务组', 'VIP 客服组']) teams.push((await call('/api/teams', admin, { name })).team.id as string);
  const agents: { token: string; id: string }[] = [];
  const people = [['王芳', 0, 3], ['李伟', 0, 4], ['张敏', 1, 2], ['陈静', 1, 3], ['刘洋', 0, 5]] as const;
  for (const [i, [name, team, max]] of people.entries()) {
    await call('/api/users', admin, { email: `a${i}@shots.local`, name, password: 'agent-password', role: 'agent', teamIds: [teams[team]], maxConcurrent: max });
    const login = await call<{ token: string; user: { id: string } }>('/api/auth/login', null, { email: `a${i}@shots.local`, password: 'agent-password' });
    agents.push({ token: login.token, id: login.user.id });
  }
  await call('/api/users', admin, { email: 'sup@shots.local', name: '周主管', password: 'supervisor-pw', role: 'supervisor', teamIds: teams });
  const sites = [];
  for (const [i, name] of ['官方商城', '会员中心'].entries()) sites.push((await call('/api/sites', admin, { name, defaultTeamId: teams[i] })).site.key as string);
  // Two agents online first, so some conversations get assigned; the rest queue.
  for (const a of agents.slice(0, 2)) await call('/api/me/presence', a.token, { presence: 'online' }, 'PUT');
  await call('/api/me/presence', agents[2]!.token, { presence: 'away' }, 'PUT');
  const texts = ['我的订单三天了还没发货，请帮忙查一下', '退款什么时候到账？', 'How do I change my delivery address?', '商品有质量问题，想换货', '优惠券用不了', '会员积分怎么没有到账', '发票开错了抬头'];
  const sockets = [];
  for (let i = 0; i < 11; i++) {
    const siteKey = sites[i % 3 === 2 ? 1 : 0]!;
    const session = await call<{ visitorToken: string }>('/api/widget/session', null, { siteKey, hostOrigin: base });
    const s = io(`${base}/customer`, { transports: ['websocket'], auth: { siteKey, visitorToken: session.visitorToken, hostOrigin: base }, forceNew: true });
    await new Promise((r, j) => { s.once('connect', r); s.once('connect_error', j); });
    await s.emitWithAck('message:send', { conversationId: null, clientId: `shot-${i}-xxxxxxxx`, text: texts[i % texts.length] });
    sockets.push(s);
  }
  for (const [i, category] of (['delivery', 'billing', 'service'] as const).entries()) {
    const filed = await call('/api/complaints', admin, { customerName: ['赵女士', '钱先生', '孙女士'][i], phone: `1380013800${i}`, category, priority: i === 0 ? 'urgent' : 'high', description: '电话投诉：多次联系未解决' });
    if (i < 2) await call(`/api/complaints/${filed.complaint?.id ?? filed.id}/judge`, admin, { decision: 'accept', teamId: teams[0] });
  }
  await new Promise((r) => setTimeout(r, 1500));
  return sockets;
}

try {
  // Seeded already (a second run against the same server): only take the pictures again.
  const seeded = await call('/api/auth/login', null, { email: 'sup@shots.local', password: 'supervisor-pw' }).then(() => true, () => false);
  const sockets = seeded ? [] : await seed();
  const browser = await launchChromium();
  for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]] as const) {
    for (const locale of ['en', 'zh-CN'] as const) {
      const ctx = await browser.newContext({ viewport, locale });
      // The portal's own language choice wins over the account's (which is zh-CN for new users).
      await ctx.addInitScript((l) => localStorage.setItem('kefu.portal.locale', l), locale);
      const page = await ctx.newPage();
      await page.goto(`${base}/portal/`);
      await page.getByLabel(locale === 'en' ? 'Email' : '邮箱').fill('sup@shots.local');
      await page.getByLabel(locale === 'en' ? 'Password' : '密码').fill('supervisor-pw');
      await page.keyboard.press('Enter');
      await page.locator('.topnav').waitFor();
      await page.goto(`${base}/portal/#/monitor`);
      await page.locator('.mon-tiles').waitFor();
      await page.screenshot({ path: `${out}/monitor-${name}-${locale}.png`, fullPage: true });
      if (name === 'desktop') {
        await page.locator('.mon-wait-actions button').first().click();
        await page.getByRole('dialog').waitFor();
        await page.screenshot({ path: `${out}/monitor-reassign-${name}-${locale}.png` });
      }
      await ctx.close();
    }
  }
  await browser.close();
  sockets.forEach((s) => s.close());
} finally {
  await kefu.stop();
}
