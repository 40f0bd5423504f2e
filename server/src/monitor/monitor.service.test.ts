import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../db/migrate';
import type { OpenDatabase } from '../platform/database';
import { zonedDay, zonedTime } from '../platform/zoned-time';
import { seedConversation, seedSite } from '../testing/seed';
import { createTestDatabase } from '../testing/test-server';
import { monitorSnapshot } from './monitor.service';

let database: OpenDatabase;
let siteId: string;
let visitorIds: string[];
let teamId: string;

// 2026-12-01 09:00 in Shanghai = 01:00 UTC; "today" there began at 2026-11-30T16:00Z.
const NOW = new Date('2026-12-01T01:00:00Z');
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  database = await createTestDatabase();
  await migrateToLatest(database.db);
  const db = database.db;
  ({ teamId, siteId } = await seedSite(db, { team: 'Tz team', site: 'Tz shop', key: 'tz-shop' }));
  visitorIds = [];
  for (let i = 0; i < 6; i++) {
    visitorIds.push((await db.insertInto('visitors').values({ site_id: siteId, token_hash: `tz-${i}` }).returning('id').executeTakeFirstOrThrow()).id);
  }
});
afterAll(async () => {
  await database?.close();
});

async function conversation(i: number, c: { created: string; status: 'queued' | 'active' | 'resolved'; assigned?: string; resolved?: string; waiting?: string }) {
  await seedConversation(database.db, {
    site_id: siteId,
    visitor_id: visitorIds[i]!,
    team_id: teamId,
    status: c.status,
    queued_at: at(c.created),
    assigned_at: c.assigned ? at(c.assigned) : null,
    resolved_at: c.resolved ? at(c.resolved) : null,
    waiting_since: c.waiting ? at(c.waiting) : null,
    created_at: at(c.created),
  });
}

async function complaint(number: string, status: 'accepted' | 'resolved', dueAt: string, metAt: string | null = null) {
  const id = (
    await database.db
      .insertInto('complaints')
      .values({ number, status, channel: 'phone', category: 'delivery', priority: 'high', description: 'late', locale: 'zh-CN', site_id: null, visitor_id: null, conversation_id: null, owner_id: null, team_id: teamId, handler_id: null, judged_by: null, judged_at: null, rejection_reason: null, resolution: null, resolved_at: null, closed_at: null, close_reason: null, rating: null, rating_comment: null, customer_name: null, contact_phone: null, contact_email: null, created_at: at('2026-11-30T20:00:00Z'), updated_at: at('2026-11-30T20:00:00Z') })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await database.db.insertInto('complaint_deadlines').values({ complaint_id: id, kind: 'resolution', starts_at: at('2026-11-29T00:00:00Z'), due_at: at(dueAt), met_at: metAt ? at(metAt) : null, warned_at: null, breached_at: null }).execute();
}

describe('monitorSnapshot', () => {
  it('finds the local day of a time zone, across the date line and a DST change', () => {
    expect(zonedDay(NOW, 'Asia/Shanghai')).toEqual({ start: at('2026-11-30T16:00:00Z'), end: at('2026-12-01T16:00:00Z'), day: '2026-12-01' });
    expect(zonedDay(NOW, 'America/New_York').day).toBe('2026-11-30');
    // New York springs forward on 2026-03-08: that day has 23 hours.
    const dst = zonedDay(at('2026-03-08T12:00:00Z'), 'America/New_York');
    expect((dst.end.getTime() - dst.start.getTime()) / 3_600_000).toBe(23);
    expect(zonedTime('Asia/Shanghai', 2026, 13, 1).toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('counts today in the configured time zone, not in UTC', async () => {
    // Started 23:30 local yesterday (15:30Z), resolved 00:30 local today (16:30Z): resolved today, not new today.
    await conversation(0, { created: '2026-11-30T15:30:00Z', status: 'resolved', assigned: '2026-11-30T15:31:00Z', resolved: '2026-11-30T16:30:00Z' });
    // Started and left the queue today without an agent: new, resolved and missed.
    await conversation(1, { created: '2026-11-30T17:00:00Z', status: 'resolved', resolved: '2026-11-30T17:10:00Z' });
    // Still queued since 08:00 local, the customer waiting for a reply.
    await conversation(2, { created: '2026-12-01T00:00:00Z', status: 'queued', waiting: '2026-12-01T00:00:00Z' });
    // Active, waiting since 08:30 local.
    await conversation(3, { created: '2026-12-01T00:20:00Z', status: 'active', assigned: '2026-12-01T00:21:00Z', waiting: '2026-12-01T00:30:00Z' });

    const snapshot = await monitorSnapshot(database.db, NOW, { timeZone: 'Asia/Shanghai' });
    expect(snapshot.today).toEqual({ day: '2026-12-01', timeZone: 'Asia/Shanghai', created: 3, resolved: 2, missed: 1, complaintsFiled: 0 });
    // In UTC, 2026-12-01 began at 00:00Z: the evening starts and both resolutions belong to 2026-11-30.
    const utc = await monitorSnapshot(database.db, NOW, { timeZone: 'UTC' });
    expect(utc.today).toMatchObject({ day: '2026-12-01', created: 2, resolved: 0, missed: 0 });

    expect(snapshot.teams.find((t) => t.teamId === teamId)).toEqual({ teamId, name: 'Tz team', queued: 1, oldestQueuedAt: '2026-12-01T00:00:00.000Z', agentsOnline: 0, freeCapacity: 0 });
    expect(snapshot.waiting.map((w) => w.waitingSince)).toEqual(['2026-12-01T00:00:00.000Z', '2026-12-01T00:30:00.000Z']);
  });

  it('lists unmet deadlines due before local midnight as at risk and passed ones as breached', async () => {
    await complaint('KS1', 'accepted', '2026-12-01T10:00:00Z'); // 18:00 local today: at risk
    await complaint('KS2', 'accepted', '2026-12-01T17:00:00Z'); // 01:00 local tomorrow: not today
    await complaint('KS3', 'accepted', '2026-11-30T23:00:00Z'); // passed: breached
    await complaint('KS4', 'accepted', '2026-12-01T05:00:00Z', '2026-12-01T00:50:00Z'); // met: not shown
    await complaint('KS5', 'resolved', '2026-12-01T06:00:00Z'); // complaint resolved: not shown
    const snapshot = await monitorSnapshot(database.db, NOW, { timeZone: 'Asia/Shanghai' });
    expect(snapshot.complaints.map((c) => [c.number, c.state])).toEqual([['KS1', 'at_risk'], ['KS3', 'breached']]);
    expect(snapshot.complaintCounts).toEqual({ atRisk: 1, breached: 1 });
    expect(snapshot.complaints[0]).toMatchObject({ deadline: 'resolution', teamName: 'Tz team', handlerName: null, category: 'delivery' });
  });
});
