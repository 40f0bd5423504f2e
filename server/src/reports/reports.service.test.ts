import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import type { OpenDatabase } from '../platform/database';
import { createTestDatabase } from '../testing/test-server';
import { FIXTURE_NOW, seedReportFixtures, type ReportFixtures } from './reports.fixtures';
import { agentScorecard } from './reports.scorecard';
import { buildReport } from './reports.service';

let database: OpenDatabase;
let db: Db;
let f: ReportFixtures;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await migrateToLatest(db);
  f = await seedReportFixtures(db);
}, 180_000); // migrations on a fresh PGlite take long on a busy machine
afterAll(async () => {
  await database.close();
});

const day = (extra: Partial<Parameters<typeof buildReport>[1]> = {}) =>
  buildReport(db, { from: '2026-11-10', to: '2026-11-10', timeZone: 'UTC', groupBy: 'day', now: FIXTURE_NOW, ...extra });

describe('conversation metrics', () => {
  it('counts new, resolved, missed and reopened conversations of the day, each site on its own calendar', async () => {
    const { rows, total } = await day();
    expect(rows.map((r) => r.key)).toEqual(['2026-11-10']);
    // c1–c5 (Shanghai's 10th) and c7 (London, UTC's 10th); c6 is Shanghai's 11th, c8 UTC's 11th.
    expect(total).toMatchObject({ conversationsNew: 6, conversationsResolved: 4, conversationsMissed: 1, conversationsReopened: 1, resolutionRate: 66.7 });
    expect(rows[0]!.metrics.conversationsNew).toBe(6);
  });

  it('measures first response in business seconds, on the first cycle only, with percentile_cont', async () => {
    const { total } = await day();
    // 180 (c1), 600 (c2, Bob after the transfer), 60 (c3, not the reopened cycle), 1200 (c5 across the night), 600 (c7, no hours).
    expect(total).toMatchObject({ firstResponseCount: 5, firstResponseP50: 600, firstResponseP90: 960, firstResponseAvg: 528 });
  });

  it('measures resolution time to the first resolution and queue wait to the first assignment', async () => {
    const { total } = await day();
    expect(total).toMatchObject({ resolutionTimeP50: 1500, resolutionTimeP90: 40020, resolutionTimeAvg: 15000 });
    expect(total).toMatchObject({ queueWaitP50: 60, queueWaitP90: 120, queueWaitMax: 120 });
  });

  it('credits the first response to the agent who gave it, not the one a transfer took it from', async () => {
    const { rows } = await day({ groupBy: 'agent' });
    const of = (id: string | null) => rows.find((r) => r.key === id)?.metrics;
    expect(of(f.alice)).toMatchObject({ conversationsNew: 2, firstResponseP50: 690, firstResponseCount: 2 });
    expect(of(f.bob)).toMatchObject({ conversationsNew: 2, firstResponseP50: 330, conversationsReopened: 1 });
    expect(of(f.carol)).toMatchObject({ conversationsNew: 1, firstResponseP50: 600 });
    expect(of(null)).toMatchObject({ conversationsNew: 1, conversationsMissed: 1, firstResponseP50: null });
    expect(rows.find((r) => r.key === f.alice)?.label).toBe('Alice 王');
  });

  it('puts a site without hours on the report zone: in Asia/Shanghai the London 23:30 UTC chat moves to the 11th', async () => {
    const utcDays = await buildReport(db, { from: '2026-11-10', to: '2026-11-11', timeZone: 'UTC', groupBy: 'day', now: FIXTURE_NOW });
    expect(utcDays.rows.map((r) => [r.key, r.metrics.conversationsNew])).toEqual([['2026-11-10', 6], ['2026-11-11', 2]]);
    const shDays = await buildReport(db, { from: '2026-11-10', to: '2026-11-11', timeZone: 'Asia/Shanghai', groupBy: 'day', now: FIXTURE_NOW });
    expect(shDays.rows.map((r) => [r.key, r.metrics.conversationsNew])).toEqual([['2026-11-10', 5], ['2026-11-11', 3]]);
  });

  it('lists empty days with zero counts and n/a figures rather than inventing numbers', async () => {
    const { rows } = await buildReport(db, { from: '2026-11-08', to: '2026-11-09', timeZone: 'UTC', groupBy: 'day', now: FIXTURE_NOW });
    expect(rows.map((r) => r.key)).toEqual(['2026-11-08', '2026-11-09']);
    expect(rows[0]!.metrics).toMatchObject({ conversationsNew: 0, firstResponseP50: null, resolutionRate: null, csat: null, qaAverage: null, complaintRate: null });
  });

  it('groups by week, month, site, region and channel', async () => {
    const weeks = await buildReport(db, { from: '2026-11-01', to: '2026-11-30', timeZone: 'UTC', groupBy: 'week', now: FIXTURE_NOW });
    expect(weeks.rows.map((r) => r.key)).toEqual(['2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23', '2026-11-30']);
    expect(weeks.rows.find((r) => r.key === '2026-11-09')?.metrics.conversationsNew).toBe(8);
    const months = await buildReport(db, { from: '2026-11-01', to: '2026-11-30', timeZone: 'UTC', groupBy: 'month', now: FIXTURE_NOW });
    expect(months.rows).toMatchObject([{ key: '2026-11', metrics: { conversationsNew: 8 } }]);
    const sites = await day({ groupBy: 'site' });
    expect(sites.rows.map((r) => [r.label, r.metrics.conversationsNew])).toEqual([['上海店 Shanghai shop', 5], ['London shop', 1]]);
    const regions = await day({ groupBy: 'region' });
    expect(regions.rows.map((r) => [r.key, r.metrics.conversationsNew])).toEqual([['east', 5], [null, 1]]);
    // A customer's own region wins over the site's (customer profiles).
    const customer = await db.insertInto('customers' as never).values({ site_id: f.london, region: '华北' } as never).returning('id' as never).executeTakeFirstOrThrow() as { id: string };
    await db.updateTable('visitors').set({ customer_id: customer.id } as never).where('id', '=', f.conversations.c7.visitorId).execute();
    const byCustomer = await day({ groupBy: 'region' });
    expect(byCustomer.rows.map((r) => [r.key, r.metrics.conversationsNew])).toEqual([['east', 5], ['华北', 1]]);
    await db.updateTable('visitors').set({ customer_id: null } as never).where('id', '=', f.conversations.c7.visitorId).execute();
    const channels = await day({ groupBy: 'channel' });
    expect(channels.rows.map((r) => [r.key, r.metrics.conversationsNew])).toEqual([['widget', 6]]);
  });

  it('filters by site', async () => {
    const { total } = await day({ siteId: f.london });
    expect(total).toMatchObject({ conversationsNew: 1, complaintsNew: 0, surveysSent: 0 });
  });
});

describe('complaints and after-care metrics', () => {
  it('counts complaints by outcome and category, with breaches judged against the clock', async () => {
    const { total } = await day();
    expect(total).toMatchObject({ complaintsNew: 5, complaintsAccepted: 3, complaintsRejected: 1, complaintsResolvedOnTime: 1, complaintsBreached: 2, complaintsReopened: 1, complaintRate: 83.3 });
    expect(total.complaintsByCategory).toEqual({ product: 1, service: 1, delivery: 2, billing: 1, staff: 0, other: 0 });
    const byCategory = await day({ groupBy: 'category' });
    expect(byCategory.rows.find((r) => r.key === 'delivery')?.metrics.complaintsNew).toBe(2);
  });

  it('reports CSAT over answers, response rate over sent surveys, follow-ups, QA and flagged phrases', async () => {
    const { total } = await day();
    expect(total).toMatchObject({ surveysSent: 4, surveysAnswered: 3, csat: 66.7, surveyResponseRate: 75 });
    expect(total).toMatchObject({ followUpsDue: 2, followUpsDone: 1, followUpsOverdue: 1 });
    expect(total).toMatchObject({ qaReviews: 3, qaAverage: 76.7, flaggedReplies: 2, flaggedPhrases: 3 });
  });

  it('refuses a range that ends before it starts', async () => {
    await expect(buildReport(db, { from: '2026-11-10', to: '2026-11-01' })).rejects.toMatchObject({ code: 'bad_request' });
  });
});

describe('agent scorecard', () => {
  it('gives each agent the month: volume, first response, resolution, CSAT, QA, SLA compliance and phrases', async () => {
    const card = await agentScorecard(db, { month: '2026-11', timeZone: 'UTC', now: FIXTURE_NOW });
    const alice = card.agents.find((a) => a.agentId === f.alice);
    expect(alice).toMatchObject({ agentName: 'Alice 王', handled: 2, resolved: 2, resolutionRate: 100, firstResponseP50: 690, csat: 50, qaAverage: 70, slaDeadlines: 3, slaMet: 3, slaCompliance: 100, flaggedReplies: 2 });
    expect(alice?.topPhrases).toEqual([{ phrase: '不知道', count: 2 }, { phrase: '我已经说过了', count: 1 }]);
    const bob = card.agents.find((a) => a.agentId === f.bob);
    expect(bob).toMatchObject({ handled: 2, slaDeadlines: 3, slaMet: 2, slaCompliance: 66.7, csat: 100, qaAverage: 90, flaggedReplies: 0, topPhrases: [] });
    expect(card.agents.some((a) => a.agentId === f.boss)).toBe(false);
  });

  it('shows n/a, not zero, for an agent with an empty month', async () => {
    const card = await agentScorecard(db, { month: '2026-10', timeZone: 'UTC', agentId: f.alice, now: FIXTURE_NOW });
    expect(card.agents).toMatchObject([{ handled: 0, firstResponseP50: null, csat: null, qaAverage: null, slaCompliance: null, resolutionRate: null }]);
  });
});
