import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../db/migrate';
import type { OpenDatabase } from '../platform/database';
import { seedConversation, seedSite } from '../testing/seed';
import { createTestDatabase } from '../testing/test-server';
import { appendMessageFast, appendMessages, appendPlain, type FastAppend } from './messages.repository';

let database: OpenDatabase;
let siteId: string;
let teamId: string;
let agentId: string;
const visitors: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  await migrateToLatest(database.db);
  const db = database.db;
  ({ teamId, siteId } = await seedSite(db, { team: 'Batch team', site: 'Batch shop', key: 'batch-shop' }));
  agentId = (
    await db
      .insertInto('users')
      .values({ email: 'batch-agent@test.local', name: 'Batch Agent', password_hash: 'x', role: 'agent', locale: 'zh-CN' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  for (let i = 0; i < 60; i++) {
    visitors.push((await db.insertInto('visitors').values({ site_id: siteId, token_hash: `batch-${i}` }).returning('id').executeTakeFirstOrThrow()).id);
  }
});
afterAll(async () => {
  await database?.close();
});

async function conversation(visitor: number, c: { status: 'queued' | 'active' | 'resolved'; owner?: boolean }) {
  const now = new Date();
  return seedConversation(database.db, {
    site_id: siteId,
    visitor_id: visitors[visitor]!,
    team_id: teamId,
    status: c.status,
    queued_at: now,
    assignee_id: c.status === 'active' ? agentId : null,
    owner_id: c.owner ? agentId : null,
    assigned_at: c.status === 'active' ? now : null,
    resolved_at: c.status === 'resolved' ? now : null,
  });
}

const customer = (visitor: number, conversationId: string, text: string, clientId = randomUUID()): FastAppend => ({
  writer: { kind: 'customer', visitorId: visitors[visitor]! },
  message: { conversationId, clientId, author: 'customer', authorId: null, internal: false, text, preview: text.slice(0, 200), createdAt: new Date() },
});
const agent = (conversationId: string, text: string, internal = false): FastAppend => ({
  writer: { kind: 'agent', agentId, name: 'Batch Agent' },
  message: { conversationId, clientId: randomUUID(), author: 'agent', authorId: agentId, internal, text, preview: text.slice(0, 200), createdAt: new Date() },
});
const stored = (conversationId: string) =>
  database.db.selectFrom('messages').select(['seq', 'text', 'author', 'internal']).where('conversation_id', '=', conversationId).orderBy('seq').execute();
const row = (id: string) => database.db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('appending messages to many conversations in one statement', () => {
  // Several messages go as arrays through `unnest`; one alone as plain parameters (its own plan).
  const together = (batch: FastAppend[]) => appendMessages(database.db, batch);
  const oneByOne = async (batch: FastAppend[]) => {
    const results = [];
    for (const b of batch) results.push(...(await appendMessages(database.db, [b])));
    return results;
  };
  it.each([
    ['together', together, 0],
    ['one by one', oneByOne, 40],
  ] as const)('stores the eligible ones with the next seq and leaves the others to the transaction (%s)', async (_form, append, v) => {
    const open = await conversation(v + 0, { status: 'active', owner: true });
    const queued = await conversation(v + 1, { status: 'queued' });
    const resolved = await conversation(v + 2, { status: 'resolved' });
    const noOwner = await conversation(v + 3, { status: 'active' });
    const noteFirst = await conversation(v + 5, { status: 'active' });
    const hostile = `"quoted", {braces}, back\\slash, NULL, 'single', 😀 中文\nnew line, trailing \\`;
    const first = await append([
      customer(v + 0, open, hostile),
      customer(v + 1, queued, '还在排队吗'),
      customer(v + 2, resolved, 'reopen me'),
      agent(noOwner, 'first public reply'),
      customer(v + 4, randomUUID(), 'no such conversation'),
      agent(noteFirst, 'a note sets no owner', true),
    ]);
    expect(first.map((r) => r.kind)).toEqual(['stored', 'stored', 'ineligible', 'stored', 'ineligible', 'stored']);
    expect(first[5]!.kind === 'stored' && first[5]!.ownerSet).toBe(null);
    expect(await row(noteFirst)).toMatchObject({ owner_id: null, last_seq: 1 });
    expect(await stored(open)).toEqual([{ seq: 1, text: hostile, author: 'customer', internal: false }]);
    expect(await stored(queued)).toEqual([{ seq: 1, text: '还在排队吗', author: 'customer', internal: false }]);
    expect(await stored(resolved)).toEqual([]);
    // 谁首次回复谁负责: the first public reply made its writer the owner, on the trail too.
    expect(await stored(noOwner)).toEqual([{ seq: 1, text: 'first public reply', author: 'agent', internal: false }]);
    expect(await row(noOwner)).toMatchObject({ owner_id: agentId, last_seq: 1 });
    const trail = await database.db.selectFrom('conversation_events').selectAll().where('conversation_id', '=', noOwner).execute();
    expect(trail).toMatchObject([{ type: 'owner_set', actor_id: agentId, data: { ownerId: agentId, ownerName: 'Batch Agent' } }]);
    const firstReply = first[3]!;
    if (firstReply.kind !== 'stored') throw new Error('not stored');
    expect(firstReply.ownerSet).toEqual({ ...trail[0], data: { ownerId: agentId, ownerName: 'Batch Agent' } });
    expect(first[0]!.kind === 'stored' && first[0]!.ownerSet).toBe(null);
    const afterFirst = await row(open);
    expect(afterFirst).toMatchObject({ last_seq: 1, last_message_text: hostile });
    expect(afterFirst.waiting_since).not.toBeNull();
    // The result is the conversation before the message: what the rooms and the customer's ack need, nothing else.
    if (first[0]!.kind !== 'stored') throw new Error('not stored');
    expect(first[0]!.conversation).toMatchObject({ id: open, last_seq: 0, status: 'active', assignee_name: 'Batch Agent' });
    expect(Object.keys(first[0]!.conversation).sort()).toEqual(
      ['assignee_id', 'assignee_name', 'created_at', 'id', 'last_seq', 'owner_id', 'status', 'team_id', 'visitor_id'],
    );

    // A reply ends the wait; a note changes neither preview nor wait; a resent client id is a duplicate.
    const resend = customer(v + 1, queued, 'again');
    resend.message.clientId = (await database.db.selectFrom('messages').select('client_id').where('conversation_id', '=', queued).executeTakeFirstOrThrow()).client_id;
    const second = await append([agent(open, '我来看看'), agent(noOwner, 'note', true), resend]);
    expect(second.map((r) => r.kind)).toEqual(['stored', 'stored', 'duplicate']);
    expect(second.map((r) => r.kind === 'stored' && r.ownerSet)).toEqual([null, null, false]);
    expect(await row(open)).toMatchObject({ last_seq: 2, last_message_text: '我来看看', waiting_since: null });
    expect(await row(noOwner)).toMatchObject({ last_seq: 2, last_message_text: 'first public reply', waiting_since: null });
    expect(await stored(queued)).toHaveLength(1);
  });

  it('takes a plain message in the short statement and leaves first replies, duplicates and the ineligible to the locked one', async () => {
    const open = await conversation(30, { status: 'active', owner: true });
    const noOwner = await conversation(31, { status: 'active' });
    const resolved = await conversation(32, { status: 'resolved' });
    const queued = await conversation(33, { status: 'queued' });
    const asked = customer(30, open, '在吗');
    const first = await appendPlain(database.db, asked);
    expect(first).toMatchObject({ kind: 'stored', ownerSet: null, message: { seq: 1, text: '在吗', client_id: asked.message.clientId } });
    expect(first?.kind === 'stored' && first.conversation).toMatchObject({ id: open, last_seq: 0, status: 'active', assignee_name: 'Batch Agent', owner_id: agentId });
    const waiting = (await row(open)).waiting_since;
    expect(waiting).not.toBeNull();
    expect(await appendPlain(database.db, agent(open, '我在', true))).toMatchObject({ kind: 'stored', message: { seq: 2, internal: true } });
    expect(await row(open)).toMatchObject({ last_seq: 2, last_message_text: '在吗', waiting_since: waiting });
    expect(await appendPlain(database.db, agent(open, '您好'))).toMatchObject({ kind: 'stored', message: { seq: 3 } });
    expect(await row(open)).toMatchObject({ last_seq: 3, last_message_text: '您好', waiting_since: null });
    expect(await appendPlain(database.db, customer(33, queued, '排队中'))).toMatchObject({ kind: 'stored', message: { seq: 1 } });
    // Left to appendLocked: a resend, a first public reply (it sets the owner), a resolved conversation, another visitor's, no such one.
    expect(await appendPlain(database.db, { ...asked, message: { ...asked.message, text: 'resent' } })).toBe(null);
    expect(await appendPlain(database.db, agent(noOwner, 'first public reply'))).toBe(null);
    expect(await appendPlain(database.db, customer(32, resolved, 'reopen me'))).toBe(null);
    expect(await appendPlain(database.db, customer(34, open, 'not mine'))).toBe(null);
    expect(await appendPlain(database.db, customer(30, randomUUID(), 'nowhere'))).toBe(null);
    expect(await stored(open)).toHaveLength(3);
    expect(await stored(noOwner)).toEqual([]);
    expect(await stored(resolved)).toEqual([]);
    expect(await row(noOwner)).toMatchObject({ last_seq: 0, owner_id: null });
    // A note by the assignee sets no owner, so it is plain even before the first reply.
    expect(await appendPlain(database.db, agent(noOwner, 'a note', true))).toMatchObject({ kind: 'stored', message: { seq: 1 } });
    expect(await row(noOwner)).toMatchObject({ last_seq: 1, owner_id: null });
  });

  it('keeps every conversation gap-free and in submission order when many write at once', async () => {
    const ids = await Promise.all(Array.from({ length: 10 }, (_, i) => conversation(10 + i, { status: 'active', owner: true })));
    const writes = ids.flatMap((id, i) => Array.from({ length: 6 }, (_, k) => ({ i, id, k })));
    const results = await Promise.all(
      writes.map(({ i, id, k }) => {
        const m = k % 2 === 0 ? customer(10 + i, id, `c${k}`) : agent(id, `a${k}`);
        return appendMessageFast(database.db, m.writer, m.message);
      }),
    );
    expect(results.every((r) => r.kind === 'stored')).toBe(true);
    for (const id of ids) {
      const ms = await stored(id);
      expect(ms.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(ms.map((m) => m.text)).toEqual(['c0', 'a1', 'c2', 'a3', 'c4', 'a5']);
      expect((await row(id)).last_seq).toBe(6);
    }
  });

  it('lets two batches over the same conversations, given in opposite orders, both commit (as two server processes would)', async () => {
    // Each batch locks its conversations in id order whatever order it was given in; in the given
    // order, these two would deadlock and PostgreSQL would abort one of them.
    const ids = await Promise.all(Array.from({ length: 8 }, (_, i) => conversation(50 + i, { status: 'active', owner: true })));
    for (let round = 0; round < 10; round++) {
      const forward = ids.map((id, i) => customer(50 + i, id, `c${round}`));
      const backward = ids.map((id) => agent(id, `a${round}`)).reverse();
      const [a, b] = await Promise.all([appendMessages(database.db, forward), appendMessages(database.db, backward)]);
      expect([...a, ...b].every((r) => r.kind === 'stored')).toBe(true);
    }
    for (const id of ids) {
      expect((await stored(id)).map((m) => m.seq)).toEqual(Array.from({ length: 20 }, (_, k) => k + 1));
      expect((await row(id)).last_seq).toBe(20);
    }
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('stores a resend racing its first send once and uses up no sequence number (as two server processes would)', async () => {
    const id = await conversation(58, { status: 'active', owner: true });
    const first = customer(58, id, '在吗');
    // The first send holds the conversation's row lock, as a commit in progress in another process does.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const firstSend = database.db.transaction().execute(async (trx) => {
      await trx.selectFrom('conversations').select('id').where('id', '=', id).forUpdate().execute();
      await trx.insertInto('messages').values({ conversation_id: id, seq: 1, client_id: first.message.clientId, author: 'customer', text: '在吗' }).execute();
      await trx.updateTable('conversations').set({ last_seq: 1 }).where('id', '=', id).execute();
      locked();
      await held;
    });
    await isLocked;
    // The resend starts before that commit, so its look for the client id finds nothing; it waits for the lock.
    const resend = appendPlain(database.db, { ...first, message: { ...first.message, text: 'resent' } });
    for (let i = 0; i < 100; i++) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(database.db);
      if (rows[0]!.n > 0) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    release();
    await firstSend;
    expect(await resend).toBe(null);
    expect(await appendMessages(database.db, [{ ...first, message: { ...first.message, text: 'resent' } }])).toEqual([{ kind: 'duplicate' }]);
    expect(await stored(id)).toEqual([{ seq: 1, text: '在吗', author: 'customer', internal: false }]);
    expect((await row(id)).last_seq).toBe(1);
    expect(await appendPlain(database.db, customer(58, id, 'next'))).toMatchObject({ kind: 'stored', message: { seq: 2 } });
  });

  it('leaves no index on a column the write path changes, so its conversation update stays HOT', async () => {
    // An index on such a column makes every message write into all the table's indexes
    // (docs/benchmarks.md); a migration that sorts after the one dropping it brought one back once.
    const { rows } = await sql<{ def: string }>`select pg_get_indexdef(indexrelid) as def from pg_index where indrelid = 'conversations'::regclass`.execute(database.db);
    expect(rows.length).toBeGreaterThan(0);
    const changed = /\b(last_seq|last_message_text|last_message_at|waiting_since)\b/;
    expect(rows.map((r) => r.def).filter((d) => changed.test(d))).toEqual([]);
  });

  it('keys messages in the order they are written (time-ordered UUIDs)', async () => {
    // A random key would put each insert on a random leaf of the key's index (docs/benchmarks.md).
    const id = await conversation(26, { status: 'active', owner: true });
    const texts = ['one', 'two', 'three'];
    for (const text of texts) {
      await appendMessages(database.db, [customer(26, id, text)]);
      await new Promise((r) => setTimeout(r, 2)); // a new millisecond: within one, the order is random
    }
    await appendMessages(database.db, [agent(id, 'four')]);
    const rows = await database.db.selectFrom('messages').select(['id', 'seq']).where('conversation_id', '=', id).orderBy('seq').execute();
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(r.id))).toBe(true);
    expect(rows.map((r) => r.id)).toEqual(rows.map((r) => r.id).sort());
    // The first 48 bits are the time it was written, in milliseconds.
    const ms = Number.parseInt(rows[0]!.id.replaceAll('-', '').slice(0, 12), 16);
    expect(Math.abs(ms - Date.now())).toBeLessThan(60_000);
  });

  it('refuses two messages of one conversation in one batch', async () => {
    const id = await conversation(25, { status: 'active', owner: true });
    await expect(appendMessages(database.db, [customer(25, id, 'a'), customer(25, id, 'b')])).rejects.toThrow(/one message per conversation/);
    expect(await stored(id)).toEqual([]);
  });
});
