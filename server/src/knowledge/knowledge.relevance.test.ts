import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server';
import { api, createAgent, useTestServer, usingPostgres } from '../testing/test-server';

let server: RunningServer;
let adminToken: string;
let agent: string;
let siteId: string;
const ids: Record<string, string> = {};

/** A small help centre in both languages; keys name the article a query should find. */
const FIXTURE = {
  refundZh: { title: '如何申请退款', body: '在订单页点击「申请退款」，退款会在 3 个工作日内原路退回。', category: '售后', locale: 'zh-CN' },
  returnZh: { title: '退货流程', body: '收到商品 7 天内可申请退货。仓库收到退货后自动发起退款。', category: '售后', locale: 'zh-CN' },
  addressZh: { title: '修改收货地址', body: '发货前可以在订单详情页修改收货地址。', category: '物流', locale: 'zh-CN' },
  invoiceZh: { title: '开具发票', body: '在订单页申请电子发票，发票会发送到您的邮箱。', category: '账单', locale: 'zh-CN' },
  refundEn: { title: 'How to get a refund', body: 'Open your order and choose **Request refund**. Refunds reach your card within 3 business days.', category: 'After sales', locale: 'en' },
  returnEn: { title: 'Returning an item', body: 'You can return items within 7 days. Once the parcel arrives at our warehouse we issue the refund.', category: 'After sales', locale: 'en' },
  addressEn: { title: 'Changing your delivery address', body: 'Before shipping you can change the address on the order page.', category: 'Delivery', locale: 'en' },
  invoiceEn: { title: 'Invoices', body: 'Request an electronic invoice from the order page; we email it to you.', category: 'Billing', locale: 'en' },
} as const;
type TKey = keyof typeof FIXTURE;

useTestServer({}, (t) => ({ server, adminToken } = t));
beforeAll(async () => {
  const teams = await api(server, '/api/teams', { token: adminToken });
  const manager = await createAgent(server, adminToken, { teamIds: [teams.body.teams[0].id], role: 'manager' });
  agent = (await createAgent(server, adminToken, { teamIds: [teams.body.teams[0].id] })).token;
  const sites = await api(server, '/api/sites', { token: adminToken });
  siteId = sites.body.sites.find((s: { key: string }) => s.key === 'demo').id;
  for (const [key, a] of Object.entries(FIXTURE)) {
    const res = await api(server, '/api/articles', { token: manager.token, body: { ...a, published: true } });
    ids[key] = res.body.article.id;
  }
});

async function search(q: string, locale?: string): Promise<TKey[]> {
  const params = new URLSearchParams({ q, siteId, ...(locale ? { locale } : {}) });
  const res = await api(server, `/api/articles/search?${params}`, { token: agent });
  expect(res.status).toBe(200);
  const byId = Object.fromEntries(Object.entries(ids).map(([k, v]) => [v, k as TKey]));
  return res.body.articles.map((a: { id: string }) => byId[a.id]);
}

describe(`help article search relevance (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('finds the refund article first for 退款, with the article that only mentions it lower', async () => {
    const hits = await search('退款', 'zh-CN');
    expect(hits[0]).toBe('refundZh');
    expect(hits).toContain('returnZh');
    expect(hits).not.toContain('addressZh');
    expect(hits).not.toContain('invoiceZh');
  });

  it('finds it for a question with extra words (怎么申请退款呢) and ranks title matches above body matches', async () => {
    const hits = await search('怎么申请退款呢', 'zh-CN');
    expect(hits[0]).toBe('refundZh');
    expect(hits.indexOf('returnZh')).toBeGreaterThan(0);
  });

  it('finds 发票 only in the invoice article', async () => {
    expect(await search('发票', 'zh-CN')).toEqual(['invoiceZh']);
  });

  it('finds the English refund article for "refund", and not the Chinese ones in the English locale', async () => {
    const hits = await search('refund', 'en');
    expect(hits[0]).toBe('refundEn');
    expect(hits).toContain('returnEn');
    expect(hits.every((k) => k.endsWith('En'))).toBe(true);
  });

  it('finds English articles despite typos and other word forms (refnd, refunds, delivery adress)', async () => {
    expect((await search('refnd', 'en'))[0]).toBe('refundEn');
    expect((await search('refunds', 'en'))[0]).toBe('refundEn');
    expect((await search('delivery adress', 'en'))[0]).toBe('addressEn');
  });

  it('searches both languages when no locale is given', async () => {
    const hits = await search('退款 refund');
    expect(hits.slice(0, 2).sort()).toEqual(['refundEn', 'refundZh']);
  });

  it('returns nothing for words no article has', async () => {
    expect(await search('量子计算', 'zh-CN')).toEqual([]);
    expect(await search('quantum', 'en')).toEqual([]);
  });
});
