import { createHmac } from 'node:crypto';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../fixtures/browser';
import { ADMIN, startKefu, type KefuProcess } from '../../fixtures/server';

// XSS payloads from the usual cheat sheets (OWASP, PortSwigger): each one, if it ever ran, would set
// a global (window.__xss / parent.__xss) or open a dialog. They go in as customer messages, visitor
// names, complaint text, agent replies and a help article, and must come out as text everywhere.
const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=2">',
  '<svg onload="window.__xss=3">',
  '<svg><script>window.__xss=4</script></svg>',
  '"><img src=x onerror=window.__xss=5>',
  "'><script>window.__xss=6</script>",
  '<iframe src="javascript:parent.__xss=7"></iframe>',
  '<a href="javascript:window.__xss=8">click me</a>',
  'javascript:window.__xss=9',
  '<body onload=window.__xss=10>',
  '<details open ontoggle=window.__xss=11>',
  '<input autofocus onfocus=window.__xss=12>',
  '<video><source onerror="window.__xss=13">',
  '<audio src=x onerror=window.__xss=14>',
  '<marquee onstart=window.__xss=15>x</marquee>',
  '${window.__xss=16}',
  '`${window.__xss=17}`',
  '{{constructor.constructor("window.__xss=18")()}}',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=19>',
  '<object data="javascript:window.__xss=21">',
  '<embed src="javascript:window.__xss=22">',
  '<form><button formaction=javascript:window.__xss=23>go</button></form>',
  '<scr<script>ipt>window.__xss=26</scr</script>ipt>',
  '%3Cscript%3Ewindow.__xss=27%3C/script%3E',
  '&lt;script&gt;window.__xss=28&lt;/script&gt;',
  '<IMG SRC=JaVaScRiPt:window.__xss=29>',
  '<img src=x onerror=eval(atob("d2luZG93Ll9feHNzPTMw"))>',
  '" onmouseover="window.__xss=31',
  "' onfocus='window.__xss=32' autofocus='",
  '</textarea><script>window.__xss=33</script>',
  '</title><script>window.__xss=34</script>',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=35">',
  '<div style="background:url(javascript:window.__xss=37)">x</div>',
  '<svg><animate onbegin=window.__xss=38 attributeName=x dur=1s>',
  '<noscript><p title="</noscript><img src=x onerror=window.__xss=39>">',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</a>',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  '<svg/onload=confirm(3)>',
  '<img src=x onerror=prompt(4)>',
  '<style>*{background:url("javascript:window.__xss=40")}</style>',
  '<base href="javascript:window.__xss=41//">',
  '<x onclick=window.__xss=42>click</x>',
  '\u003cscript\u003ewindow.__xss=43\u003c/script\u003e',
];
/** Markdown-only tricks for the article body (links and images with script URLs). */
const MARKDOWN = [
  '[md link](javascript:window.__xss=50)',
  '[md link 2](JaVaScRiPt:window.__xss=51)',
  '![md image](javascript:window.__xss=52)',
  '<javascript:window.__xss=53>',
  '[data link](data:text/html,<script>parent.__xss=54</script>)',
];
const BIDI = 'invoice\u202Egnp.exe';

let kefu: KefuProcess;
let browser: Browser;
const dialogs: string[] = [];
let tried = 0;
const t0 = Date.now();
/** Progress with elapsed time (the journey is long on a busy machine). */
const step = (what: string) => console.log(`[e2e] xss: ${what} at ${((Date.now() - t0) / 1000).toFixed(1)} s`);

beforeAll(async () => {
  kefu = await startKefu({ KEFU_RATE_LIMIT_SCALE: '0' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await kefu?.stop();
});

async function api<T = any>(path: string, init: { method?: string; body?: unknown; token?: string; headers?: Record<string, string> } = {}): Promise<T> {
  const res = await fetch(kefu.url + path, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...init.headers },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const body = (await res.json()) as T;
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

async function newPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return page;
}

/**
 * In one page or frame: no injected global, and every expected text shown as text (visible in
 * innerText, never parsed into elements). Counts each payload checked.
 */
async function assertInert(where: string, target: Page | Frame, texts: string[]): Promise<void> {
  const result = await target.evaluate((texts) => {
    const w = window as unknown as { __xss?: unknown; parent: { __xss?: unknown } };
    const shown = document.body.innerText;
    return {
      global: w.__xss ?? w.parent.__xss ?? null,
      missing: texts.filter((t) => !shown.includes(t)),
      injected: document.querySelectorAll('body script:not([src]), body iframe:not([title="Kefu chat"]), body svg[onload], body img[onerror], body [onfocus], body [onmouseover], body object, body embed, body marquee, body details[ontoggle]').length,
      bidiControls: /[\u202A-\u202E\u2066-\u2069]/.test(shown),
    };
  }, texts);
  tried += texts.length;
  expect(result.global, `${where}: a payload ran`).toBeNull();
  expect(result.injected, `${where}: elements parsed from customer text`).toBe(0);
  expect(result.missing, `${where}: not shown as text`).toEqual([]);
  expect(result.bidiControls, `${where}: direction controls shown`).toBe(false);
}

describe('XSS payloads', () => {
  it('appear as text in the widget, the portal, the tracking page, the help article and the mails, and never run', async () => {
    const admin = (await api('/api/auth/login', { body: ADMIN })).token as string;
    const demo = (await api('/api/sites', { token: admin })).sites.find((s: { key: string }) => s.key === 'demo');
    const secret = (await api(`/api/sites/${demo.id}/identity-secret`, { token: admin })).identitySecret as string;

    // An agent is online (otherwise the widget shows the offline form).
    const agentContext = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const agent = await newPage(agentContext);
    await agent.goto(`${kefu.url}/portal/`);
    await agent.getByLabel('Email').fill(ADMIN.email);
    await agent.getByLabel('Password').fill(ADMIN.password);
    await agent.getByRole('button', { name: 'Sign in' }).click();
    await agent.getByRole('combobox', { name: 'Language' }).selectOption('en');
    await agent.getByRole('combobox', { name: 'Presence' }).selectOption('online');

    step('agent online');
    // 1. The customer writes every payload in the widget.
    const customerContext = await browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 } });
    const customer = await newPage(customerContext);
    await customer.goto(`${kefu.url}/demo`);
    await customer.getByRole('button', { name: 'Open chat' }).click();
    const frameLocator = customer.frameLocator('iframe[title="Kefu chat"]');
    const box = frameLocator.getByRole('textbox', { name: 'Your message' });
    for (const p of [...PAYLOADS, BIDI]) {
      await box.fill(p);
      await box.press('Enter');
    }
    const log = frameLocator.getByRole('log');
    await log.getByText(PAYLOADS.at(-1)!, { exact: true }).waitFor();
    const frame = customer.frames().find((f) => f.url().includes('/widget/'))!;
    const visitorToken = (await frame.evaluate(() => localStorage.getItem('kefu:visitor:demo')))!;

    step('customer wrote');
    // 2. Visitors whose names are payloads (set by Kefu.identify with a valid hash).
    const names = PAYLOADS.filter((p) => p.length <= 100);
    for (const [i, name] of names.entries()) {
      const id = `xss-${i}`;
      const s = await api('/api/widget/session', { body: { siteKey: 'demo', hostOrigin: kefu.url, identity: { id, name, hash: createHmac('sha256', secret).update(id).digest('hex') } } });
      expect(s.identified).toBe(true);
      await api('/api/widget/complaints', { body: { siteKey: 'demo', visitorToken: s.visitorToken, hostOrigin: kefu.url, category: 'service', description: `named ${i}`, name, email: `n${i}@example.com` } });
    }

    step('named visitors');
    // 3. A complaint whose text is every payload, more information and public replies made of payloads.
    const filed = await api('/api/widget/complaints', { body: { siteKey: 'demo', visitorToken, hostOrigin: kefu.url, category: 'product', description: PAYLOADS.slice(0, 20).join('\n'), name: PAYLOADS[1], email: 'xss@example.com' } });
    const trackingToken = String(filed.trackingUrl).split('/c/')[1]!;
    const complaintId = (await api('/api/complaints?sort=created', { token: admin })).complaints.find((c: { number: string }) => c.number === filed.number).id as string;
    const team = (await api('/api/teams', { token: admin })).teams[0].id as string;
    await api(`/api/complaints/${complaintId}/judge`, { token: admin, body: { decision: 'accept', teamId: team } });
    for (const p of PAYLOADS.slice(20)) await api(`/api/track/${trackingToken}/info`, { body: { text: p } });
    for (const p of PAYLOADS.slice(0, 20)) await api(`/api/complaints/${complaintId}/replies`, { token: admin, body: { text: p, public: true } });
    await api(`/api/complaints/${complaintId}/resolve`, { token: admin, body: { resolution: PAYLOADS.join(' ') } });

    step('complaint');
    // 4. A help article whose body is every payload and the markdown tricks.
    const article = (await api('/api/articles', { token: admin, body: { siteId: demo.id, title: 'XSS article', body: [...PAYLOADS, ...MARKDOWN].join('\n\n'), locale: 'en', published: true } })).article;

    step('article');
    // 5. The agent answers every payload in the portal.
    const conversationId = (await api('/api/conversations?view=all', { token: admin })).conversations.find((c: { lastMessageText?: string }) => c.lastMessageText?.includes('invoice'))?.id as string;
    expect(conversationId).toBeTruthy();
    await api(`/api/conversations/${conversationId}/claim`, { token: admin, body: {} }).catch(() => {});
    await agent.goto(`${kefu.url}/portal/#/inbox/all/${conversationId}`);
    const reply = agent.getByRole('textbox', { name: 'Reply' });
    await reply.waitFor();
    for (const p of PAYLOADS) {
      await reply.fill(`agent: ${p}`);
      await reply.press('Enter');
    }
    await log.getByText(`agent: ${PAYLOADS.at(-1)}`, { exact: true }).waitFor();

    step('agent replied');
    // Widget: the customer's own messages and the agent's replies, live and after a reload.
    await assertInert('widget (live)', frame, [...PAYLOADS, ...PAYLOADS.map((p) => `agent: ${p}`), 'invoicegnp.exe']);
    await customer.reload();
    await customer.getByRole('button', { name: 'Open chat' }).click();
    await log.getByText(`agent: ${PAYLOADS.at(-1)}`, { exact: true }).waitFor();
    const reloaded = customer.frames().find((f) => f.url().includes('/widget/'))!;
    await assertInert('widget (reloaded)', reloaded, [...PAYLOADS, ...PAYLOADS.map((p) => `agent: ${p}`)]);
    await assertInert('demo host page', customer, []);

    // Widget help tab: the article body is rendered markdown, with the payloads as text.
    await frameLocator.getByRole('button', { name: 'Help', exact: true }).click();
    await frameLocator.getByRole('button', { name: /XSS article/ }).click();
    await frameLocator.locator('.kf-help-body').getByText(PAYLOADS.at(-1)!, { exact: true }).waitFor();
    await assertInert('widget help article', reloaded, PAYLOADS.filter((p) => !/[`*[\]\\&%]|\$\{/.test(p)));
    const links = await reloaded.evaluate(() => [...document.querySelectorAll('a[href], img[src]')].map((a) => a.getAttribute('href') ?? a.getAttribute('src') ?? ''));
    expect(links.filter((h) => /^\s*(javascript|data|vbscript):/i.test(h))).toEqual([]);

    step('widget checked');
    // Portal: the conversation, the inbox list with payload names, the complaint.
    await agent.getByRole('log').getByText(PAYLOADS.at(-1)!, { exact: true }).waitFor();
    await assertInert('portal conversation', agent, [...PAYLOADS, ...PAYLOADS.map((p) => `agent: ${p}`), 'invoicegnp.exe']);
    await agent.goto(`${kefu.url}/portal/#/customers`);
    await agent.getByText(names[0]!, { exact: true }).first().waitFor();
    await assertInert('portal customer list', agent, names.slice(0, 10));
    await agent.goto(`${kefu.url}/portal/#/complaints/${complaintId}`);
    await agent.getByText(PAYLOADS.at(-1)!, { exact: true }).first().waitFor();
    await assertInert('portal complaint', agent, PAYLOADS);

    step('portal checked');
    // The tracking page and the public help page.
    const tracking = await newPage(customerContext);
    await tracking.goto(`${kefu.url}/c/${trackingToken}?lang=en`);
    await tracking.getByText(filed.number).waitFor();
    await tracking.getByText(PAYLOADS.at(-1)!, { exact: true }).first().waitFor();
    await assertInert('tracking page', tracking, PAYLOADS);
    const help = await newPage(customerContext);
    await help.goto(`${kefu.url}/help/demo/${article.id}`);
    await help.getByText(PAYLOADS.at(-1)!, { exact: true }).waitFor();
    await assertInert('help page', help, PAYLOADS.filter((p) => !/[`*[\]\\&%]|\$\{/.test(p)));

    // Mails: plain text only, the payloads verbatim (a mail client shows them as text).
    const mails = (await api('/api/mail/outbox', { token: admin })).mails as { to: string; text: string; html?: string }[];
    const toCustomer = mails.filter((m) => m.to === 'xss@example.com');
    expect(toCustomer.length).toBeGreaterThan(0);
    expect(toCustomer.every((m) => m.html === undefined)).toBe(true);
    expect(toCustomer.some((m) => PAYLOADS.every((p) => m.text.includes(p)))).toBe(true);
    tried += PAYLOADS.length;

    // Nothing ran anywhere: no dialog, no global in any page or frame.
    for (const p of [customer, agent, tracking, help]) for (const f of p.frames()) expect(await f.evaluate(() => (window as unknown as { __xss?: unknown }).__xss ?? null).catch(() => null)).toBeNull();
    expect(dialogs).toEqual([]);
    console.log(`[e2e] XSS: ${PAYLOADS.length + MARKDOWN.length} payloads, ${tried} payload renderings checked in widget, portal, tracking page, help article and mails; dialogs 0, injected globals 0`);
    await agentContext.close();
    await customerContext.close();
  }, 300_000);
});
