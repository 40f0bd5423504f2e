import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server';
import { api, createAgent, useTestServer } from '../testing/test-server';

let server: RunningServer;
let adminToken: string;
let manager: string;
let agent: string;
let demoSiteId: string;
let otherSite: { id: string; key: string };

useTestServer({}, (t) => ({ server, adminToken } = t));
beforeAll(async () => {
  const teams = await api(server, '/api/teams', { token: adminToken });
  const teamId = teams.body.teams[0].id;
  manager = (await createAgent(server, adminToken, { teamIds: [teamId], role: 'manager' })).token;
  agent = (await createAgent(server, adminToken, { teamIds: [teamId] })).token;
  const sites = await api(server, '/api/sites', { token: adminToken });
  demoSiteId = sites.body.sites.find((s: { key: string }) => s.key === 'demo').id;
  const created = await api(server, '/api/sites', { token: adminToken, body: { name: 'Other shop', allowedOrigins: ['https://other.example'] } });
  otherSite = created.body.site;
});

const article = (over: Record<string, unknown> = {}) => ({ title: '如何申请退款', body: '在**订单页**点击「申请退款」。', category: '售后', locale: 'zh-CN', published: true, ...over });

async function widgetSession(siteKey = 'demo', hostOrigin = server.url): Promise<string> {
  const res = await api(server, '/api/widget/session', { body: { siteKey, hostOrigin } });
  return res.body.visitorToken;
}

function widgetSearch(token: string, q: string, opts: { siteKey?: string; hostOrigin?: string; locale?: string } = {}) {
  const query = new URLSearchParams({ siteKey: opts.siteKey ?? 'demo', hostOrigin: opts.hostOrigin ?? server.url, locale: opts.locale ?? 'zh-CN', q });
  return api(server, `/api/widget/articles?${query}`, { token });
}

describe('help articles: portal', () => {
  it('lets managers create, edit, publish and delete articles, and agents only search', async () => {
    const created = await api(server, '/api/articles', { token: manager, body: article({ published: false }) });
    expect(created.status).toBe(201);
    const id = created.body.article.id;
    expect(created.body.article).toMatchObject({ title: '如何申请退款', published: false, siteId: null, category: '售后', authorName: expect.any(String) });

    expect((await api(server, '/api/articles', { token: agent, body: article() })).status).toBe(403);
    expect((await api(server, `/api/articles/${id}`, { method: 'PATCH', token: agent, body: { published: true } })).status).toBe(403);
    expect((await api(server, `/api/articles/${id}`, { method: 'DELETE', token: agent })).status).toBe(403);
    expect((await api(server, '/api/articles', { token: agent })).status).toBe(403);
    expect((await api(server, '/api/articles')).status).toBe(401);

    const patched = await api(server, `/api/articles/${id}`, { method: 'PATCH', token: manager, body: { published: true } });
    expect(patched.body.article).toMatchObject({ published: true, title: '如何申请退款', category: '售后', siteId: null });

    const found = await api(server, `/api/articles/search?${new URLSearchParams({ q: '退款', siteId: demoSiteId })}`, { token: agent });
    expect(found.status).toBe(200);
    expect(found.body.articles[0]).toMatchObject({ id, title: '如何申请退款', url: `${server.ctx.config.publicUrl}/help/demo/${id}` });
    expect(found.body.articles[0].excerpt).toContain('订单页');

    expect((await api(server, `/api/articles/${id}`, { method: 'DELETE', token: manager })).status).toBe(200);
    expect((await api(server, `/api/articles/${id}`, { token: manager })).status).toBe(404);
  });

  it('records article changes in the audit log', async () => {
    const created = await api(server, '/api/articles', { token: manager, body: article({ title: 'Audited' }) });
    const rows = await server.ctx.db.selectFrom('audit_log').selectAll().where('target_id', '=', created.body.article.id).execute();
    expect(rows.map((r) => r.action)).toEqual(['settings.changed']);
  });

  it('refuses bad input: empty title, unknown locale, unknown site, oversize body, bad id', async () => {
    expect((await api(server, '/api/articles', { token: manager, body: article({ title: '  ' }) })).status).toBe(400);
    expect((await api(server, '/api/articles', { token: manager, body: article({ locale: 'fr' }) })).status).toBe(400);
    expect((await api(server, '/api/articles', { token: manager, body: article({ siteId: '00000000-0000-4000-8000-000000000000' }) })).status).toBe(400);
    expect((await api(server, '/api/articles', { token: manager, body: article({ body: 'x'.repeat(50_001) }) })).status).toBe(400);
    expect((await api(server, '/api/articles/not-a-uuid', { token: manager })).status).toBe(400);
    expect((await api(server, `/api/articles/search?q=${'x'.repeat(201)}&siteId=${demoSiteId}`, { token: agent })).status).toBe(400);
  });

  it('previews markdown as HTML with raw tags escaped', async () => {
    const res = await api(server, '/api/articles/preview', { token: manager, body: { body: '**bold** <script>alert(1)</script>' } });
    expect(res.body.html).toContain('<strong>bold</strong>');
    expect(res.body.html).toContain('&lt;script&gt;');
  });
});

describe('help articles: widget and public page', () => {
  it('shows the widget only published articles of its own site (and global ones) in its locale', async () => {
    const mk = async (over: Record<string, unknown>) => (await api(server, '/api/articles', { token: manager, body: article(over) })).body.article.id as string;
    const global = await mk({ title: '发货时间说明', body: '一般 48 小时内发货' });
    const own = await mk({ title: '发货地址修改', body: '发货前可以修改地址', siteId: demoSiteId });
    const draft = await mk({ title: '发货草稿', body: '发货', published: false });
    const foreign = await mk({ title: '发货（其他店）', body: '发货', siteId: otherSite.id });
    const english = await mk({ title: 'Shipping times', body: '发货 within 48 hours', locale: 'en' });

    const token = await widgetSession();
    const res = await widgetSearch(token, '发货');
    expect(res.status).toBe(200);
    const ids = res.body.articles.map((a: { id: string }) => a.id);
    expect(ids).toEqual(expect.arrayContaining([global, own]));
    expect(ids).not.toContain(draft);
    expect(ids).not.toContain(foreign);
    expect(ids).not.toContain(english);

    const one = await api(server, `/api/widget/articles/${own}?${new URLSearchParams({ siteKey: 'demo', hostOrigin: server.url })}`, { token });
    expect(one.body.article).toMatchObject({ id: own, title: '发货地址修改', html: '<p>发货前可以修改地址</p>\n' });
    for (const hidden of [draft, foreign]) {
      const r = await api(server, `/api/widget/articles/${hidden}?${new URLSearchParams({ siteKey: 'demo', hostOrigin: server.url })}`, { token });
      expect(r.status).toBe(404);
    }
  });

  it('lists the site’s articles when the query is empty', async () => {
    const token = await widgetSession();
    const res = await widgetSearch(token, '');
    expect(res.status).toBe(200);
    expect(res.body.articles.length).toBeGreaterThan(0);
    expect(res.body.articles.every((a: { locale: string; published: boolean }) => a.locale === 'zh-CN' && a.published)).toBe(true);
  });

  it('refuses widget calls without a visitor session, from another site’s session or from a host page the site does not allow', async () => {
    expect((await widgetSearch('', '发货')).status).toBe(401);
    expect((await widgetSearch('made-up-token', '发货')).status).toBe(401);
    const otherToken = await widgetSession(otherSite.key, 'https://other.example');
    expect((await widgetSearch(otherToken, '发货')).status).toBe(401);
    const token = await widgetSession();
    expect((await widgetSearch(token, '发货', { hostOrigin: 'https://evil.example' })).status).toBe(403);
    expect((await widgetSearch(token, '发货', { locale: 'fr' })).status).toBe(400);
  });

  it('serves the article link agents paste as a page with no script allowed, and 404 for drafts and other sites', async () => {
    const id = (await api(server, '/api/articles', { token: manager, body: article({ title: '退款 <b>时效</b>', body: '[退款页](javascript:alert(1)) 三个工作日' }) })).body.article.id;
    const res = await fetch(`${server.url}/help/demo/${id}`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script-src');
    const html = await res.text();
    expect(html).toContain('退款 &#60;b&#62;时效&#60;/b&#62;');
    expect(html).not.toMatch(/href="javascript/i);
    expect(html).not.toContain('<a ');
    expect(html).toContain('三个工作日');

    expect((await fetch(`${server.url}/help/${otherSite.key}/${id}`)).status).toBe(200);
    const draft = (await api(server, '/api/articles', { token: manager, body: article({ published: false }) })).body.article.id;
    expect((await fetch(`${server.url}/help/demo/${draft}`)).status).toBe(404);
    const foreign = (await api(server, '/api/articles', { token: manager, body: article({ siteId: otherSite.id }) })).body.article.id;
    expect((await fetch(`${server.url}/help/demo/${foreign}`)).status).toBe(404);
    expect((await fetch(`${server.url}/help/demo/not-an-id`)).status).toBe(404);
  });
});
