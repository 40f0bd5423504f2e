import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import type { RunningServer } from '../server';
import { api, createAgent, useTestServer } from '../testing/test-server';
import { FIXTURE_NOW, seedReportFixtures, type ReportFixtures } from './reports.fixtures';
import { csvField, toCsv } from './reports.csv';

let server: RunningServer;
let adminToken: string;
let db: Db;
let f: ReportFixtures;

useTestServer({ clock: () => FIXTURE_NOW }, (t) => {
  ({ server, adminToken } = t);
  db = t.database.db;
});
beforeAll(async () => {
  f = await seedReportFixtures(db);
});

async function download(path: string, token: string) {
  const res = await fetch(server.url + path, { headers: { authorization: `Bearer ${token}` } });
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe('reports API', () => {
  it('serves a report to supervisors and refuses agents', async () => {
    const supervisor = await createAgent(server, adminToken, { teamIds: [f.team], role: 'supervisor' });
    const agent = await createAgent(server, adminToken, { teamIds: [f.team] });
    const query = '/api/reports?from=2026-11-10&to=2026-11-10&timeZone=UTC&groupBy=agent';
    const ok = await api(server, query, { token: supervisor.token });
    expect(ok.status).toBe(200);
    expect(ok.body.report.total).toMatchObject({ conversationsNew: 6, complaintsNew: 5 });
    expect(ok.body.report.rows.find((r: { key: string }) => r.key === f.bob)).toMatchObject({ label: 'Bob 李' });
    expect((await api(server, query, { token: agent.token })).status).toBe(403);
    expect((await download('/api/reports/export.csv?from=2026-11-10&to=2026-11-10', agent.token)).res.status).toBe(403);
    expect((await api(server, '/api/reports/scorecard?month=2026-11', { token: agent.token })).status).toBe(403);
    expect((await api(server, query)).status).toBe(401);
  });

  it('rejects a malformed query with the problems listed', async () => {
    const bad = await api(server, '/api/reports?from=2026-11-10&to=yesterday&groupBy=planet', { token: adminToken });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('bad_request');
  });

  it('exports the report as UTF-8 CSV with a BOM, Chinese headers and names intact, and audits the export', async () => {
    const { res, bytes } = await download('/api/reports/export.csv?from=2026-11-10&to=2026-11-10&timeZone=UTC&groupBy=site&locale=zh-CN', adminToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('attachment; filename="kefu-report-site-2026-11-10-2026-11-10.csv"');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toMatch(/^站点,新会话,已解决,未接入,重开,解决率 %,首次响应中位数（秒）,/);
    expect(lines[1]).toMatch(/^上海店 Shanghai shop,5,4,1,1,80,/);
    expect(lines[2]).toMatch(/^London shop,1,0,0,0,0,600,600,600,/);
    expect(lines[3]).toMatch(/^合计,6,4,1,1,66.7,600,960,528,/);
    const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'data.exported').execute();
    expect(audit).toContainEqual(expect.objectContaining({ target_type: 'report', detail: expect.objectContaining({ groupBy: 'site' }) }));
  });

  it('exports one table on its own: the complaints section has its columns and the categories only', async () => {
    const { res, bytes } = await download('/api/reports/export.csv?from=2026-11-10&to=2026-11-10&timeZone=UTC&groupBy=day&section=complaints&locale=en', adminToken);
    expect(res.status).toBe(200);
    const [header, day] = new TextDecoder().decode(bytes).split('\r\n');
    expect(header).toBe('Day,Complaints,Accepted,Rejected,Resolved on time,Breached,Reopened complaints,Complaint rate %,Complaints: Product,Complaints: Service,Complaints: Delivery,Complaints: Billing,Complaints: Staff,Complaints: Other');
    expect(day).toBe('2026-11-10,5,3,1,1,2,1,83.3,1,1,2,1,0,0');
  });

  it('exports the scorecard as CSV in English with the flagged phrases joined', async () => {
    const { res, bytes } = await download('/api/reports/scorecard/export.csv?month=2026-11&timeZone=UTC&locale=en', adminToken);
    expect(res.status).toBe(200);
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith('Month,Agent,Handled,')).toBe(true);
    expect(text).toContain('2026-11,Alice 王,2,2,100,690,');
    expect(text).toContain('不知道 ×2; 我已经说过了 ×1');
  });
});

describe('CSV fields', () => {
  it('quotes commas, quotes and line breaks, doubles quotes, and defuses formulas', () => {
    expect(csvField('客服,一组')).toBe('"客服,一组"');
    expect(csvField('他说"好"')).toBe('"他说""好"""');
    expect(csvField('两\n行')).toBe('"两\n行"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(null)).toBe('');
    expect(csvField(-3)).toBe('-3');
    expect(toCsv(['a', '名'], [[1, '张三']])).toBe('\uFEFFa,名\r\n1,张三\r\n');
  });
});
