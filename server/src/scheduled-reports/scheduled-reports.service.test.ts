import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../db/migrate';
import type { Db } from '../db/database';
import { openDatabase, type OpenDatabase } from '../platform/database';
import { hashPassword } from '../platform/secrets';
import type { RunningServer } from '../server';
import { ADMIN, api, createAgent, createTestDatabase, eventually, login, startTestServer, usingPostgres } from '../testing/test-server';
import { seedConversation } from '../testing/seed';
import { startTestSmtp, type TReceivedMail } from '../testing/test-smtp';
import { runScheduledReports } from './scheduled-reports.service';

type Received = TReceivedMail;
let inbox: Received[] = [];
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
let smtpUrl: string;
/** The plain text of a received mail (quoted-printable and soft breaks undone, enough for our texts). */
const bodyOf = (m: Received) => m.raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

beforeAll(async () => {
  smtp = await startTestSmtp();
  inbox = smtp.inbox;
  smtpUrl = smtp.url;
});
afterAll(async () => {
  await smtp?.close();
});

/** A manager (who gets the mails) and two conversations started on Sunday 6 December in Shanghai, before any server starts. */
async function seed(db: Db) {
  await migrateToLatest(db);
  await db.insertInto('users').values({ email: 'boss@example.com', name: 'Boss', password_hash: await hashPassword('boss-password'), role: 'manager', locale: 'en' }).execute();
  // The test admin too (bootstrap makes none once users exist); admins get no report mails unless configured.
  await db.insertInto('users').values({ email: ADMIN.email, name: 'Admin', password_hash: await hashPassword(ADMIN.password), role: 'admin', locale: 'en' }).execute();
  const site = await db
    .insertInto('sites')
    .values({ name: 'Report shop', key: 'report-shop', allowed_origins: '[]', default_team_id: null, greeting: '{"zh-CN":"","en":""}', offline_message: '{"zh-CN":"","en":""}', locale: null, color: '#000000', business_hours: 'null' })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [i, at] of ['2026-12-06T01:00:00Z', '2026-12-06T15:00:00Z'].entries()) {
    const visitor = await db.insertInto('visitors').values({ site_id: site.id, token_hash: `report-${i}` }).returning('id').executeTakeFirstOrThrow();
    await seedConversation(db, { site_id: site.id, visitor_id: visitor.id, status: 'queued', queued_at: new Date(at), created_at: new Date(at) });
  }
}

/** Another connection pool to the same PostgreSQL database, as a second server process would have (PGlite: the same one). */
async function secondPool(database: OpenDatabase): Promise<OpenDatabase> {
  if (!usingPostgres) return { ...database, close: async () => {} };
  const name = (await sql<{ db: string }>`select current_database() as db`.execute(database.db)).rows[0]!.db;
  const u = new URL(process.env.TEST_DATABASE_URL!);
  u.pathname = `/${name}`;
  return openDatabase({ databaseUrl: u.toString(), dataDir: '' });
}

describe('scheduled reports', () => {
  // Monday 7 December 2026, 10:30 in Shanghai: yesterday's daily report and last week's summary are due.
  let now = new Date('2026-12-07T02:30:00Z');
  const clock = () => now;
  let database: OpenDatabase;
  let second: OpenDatabase;
  let a: RunningServer;
  let b: RunningServer;

  beforeAll(async () => {
    database = await createTestDatabase();
    await seed(database.db);
    second = await secondPool(database);
    const env = { SMTP_URL: smtpUrl, KEFU_PUBLIC_URL: 'https://kefu.example.com' };
    // Two instances on one database with the same clock: both look for due reports as they start
    // (one after the other: the demo bootstrap of two first starts would race on its team).
    a = await startTestServer({ database, env, clock });
    b = await startTestServer({ database: second, env, clock });
  }, 180_000); // two servers and a migration on a fresh database: longer than one server's start
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await second?.close();
    await database?.close();
  });

  const reports = () => database.db.selectFrom('scheduled_reports').select(['kind', 'period_from', 'period_to', 'status', 'recipients']).orderBy('period_from').orderBy('kind').execute();
  const mailsTo = (address: string) => inbox.filter((m) => m.to.includes(address));

  it('makes each due report once across two instances and mails it to the managers over SMTP', async () => {
    const made = await eventually(async () => {
      const rows = await reports();
      return rows.length === 2 && rows.every((r) => r.status !== 'making') ? rows : undefined;
    });
    expect(made).toEqual([
      { kind: 'weekly', period_from: '2026-11-30', period_to: '2026-12-06', status: 'sent', recipients: ['boss@example.com'] },
      { kind: 'daily', period_from: '2026-12-06', period_to: '2026-12-06', status: 'sent', recipients: ['boss@example.com'] },
    ]);
    // Both instances asking again at the same time make nothing more.
    expect(await Promise.all([runScheduledReports(a.ctx), runScheduledReports(b.ctx)])).toEqual([[], []]);

    const mails = await eventually(async () => (mailsTo('boss@example.com').length >= 2 ? mailsTo('boss@example.com') : undefined));
    expect(mails).toHaveLength(2);
    const daily = mails.find((m) => m.raw.includes('Daily report'))!;
    expect(daily.raw).toMatch(/Subject: Kefu Daily report: 2026-12-06/);
    // The figures come from the reports service: two conversations started that day (Shanghai), neither had an agent.
    expect(bodyOf(daily)).toContain('New: 2');
    expect(bodyOf(daily)).toContain('Missed: 0');
    expect(bodyOf(daily)).toContain('https://kefu.example.com/portal/#/reports/scheduled');
  });

  it('makes the next day\'s report once when both instances reach 10:00 together', async () => {
    now = new Date('2026-12-08T02:00:00Z'); // Tuesday 10:00 in Shanghai
    const [fromA, fromB] = await Promise.all([runScheduledReports(a.ctx), runScheduledReports(b.ctx)]);
    // (A worker's own minute tick may have been first: then neither call made it, but still only one exists.)
    expect(fromA.length + fromB.length).toBeLessThanOrEqual(1);
    const daily = await eventually(async () => {
      const rows = await database.db.selectFrom('scheduled_reports').select(['kind', 'status']).where('period_from', '=', '2026-12-07').execute();
      return rows.every((r) => r.status !== 'making') ? rows : undefined;
    });
    expect(daily).toEqual([{ kind: 'daily', status: 'sent' }]);
    await eventually(async () => mailsTo('boss@example.com').length === 3);
    expect(mailsTo('boss@example.com').filter((m) => m.raw.includes('2026-12-07'))).toHaveLength(1);
  });

  it('takes over a report whose maker died (claimed 20 minutes ago, never finished)', async () => {
    now = new Date('2026-12-09T02:00:00Z');
    await database.db
      .insertInto('scheduled_reports')
      .values({ kind: 'daily', period_from: '2026-12-08', period_to: '2026-12-08', time_zone: 'Asia/Shanghai', status: 'making', claimed_at: new Date(now.getTime() - 20 * 60_000) })
      .execute();
    await runScheduledReports(b.ctx);
    const row = await eventually(async () => {
      const r = await database.db.selectFrom('scheduled_reports').select(['status', 'made_at']).where('period_from', '=', '2026-12-08').executeTakeFirstOrThrow();
      return r.status === 'sent' ? r : undefined;
    });
    expect(row.made_at).toEqual(now);
  });
});

describe('scheduled reports without SMTP', () => {
  let database: OpenDatabase;
  let server: RunningServer;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seed(database.db);
    server = await startTestServer({ database, clock: () => new Date('2026-12-07T02:30:00Z') });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  it('stores the reports for download (CSV with BOM in Chinese, or text), mails nothing, and lists them to managers only', async () => {
    const admin = (await login(server)).token;
    const list = await eventually(async () => {
      const { body } = await api(server, '/api/scheduled-reports', { token: admin });
      return body.reports?.length === 2 && body.reports.every((r: { status: string }) => r.status === 'stored') ? body.reports : undefined;
    });
    expect(list.map((r: { kind: string; from: string; to: string }) => `${r.kind} ${r.from}..${r.to}`)).toEqual(['daily 2026-12-06..2026-12-06', 'weekly 2026-11-30..2026-12-06']);
    expect((await database.db.selectFrom('mail_outbox').select('id').execute()).length).toBe(0);

    const daily = list[0].id as string;
    const csv = await fetch(`${server.url}/api/scheduled-reports/${daily}/download?format=csv&locale=zh-CN`, { headers: { authorization: `Bearer ${admin}` } });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="kefu-daily-2026-12-06.csv"');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text).toContain('团队,新会话');
    expect(text).toContain('客服,新会话');
    expect(text.match(/\uFEFF/g)).toHaveLength(1);

    const txt = await fetch(`${server.url}/api/scheduled-reports/${daily}/download?format=txt&locale=en`, { headers: { authorization: `Bearer ${admin}` } });
    expect(await txt.text()).toContain('Daily report for 2026-12-06 (time zone Asia/Shanghai).');
    const audited = await database.db.selectFrom('audit_log').select('target_type').where('target_type', '=', 'scheduled_report').execute();
    expect(audited).toHaveLength(2);

    const agent = await createAgent(server, admin, { teamIds: [] });
    expect((await api(server, '/api/scheduled-reports', { token: agent.token })).status).toBe(403);
    expect((await api(server, `/api/scheduled-reports/${daily}/download`, { token: agent.token })).status).toBe(403);
    expect((await api(server, '/api/scheduled-reports/00000000-0000-4000-8000-000000000000/download', { token: admin })).status).toBe(404);
  });
});
