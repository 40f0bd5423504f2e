import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database';

/**
 * Hand-computed report fixtures (docs/metrics.md worked example), written straight through Kysely
 * with explicit timestamps. Shanghai shop: Asia/Shanghai, Mon–Fri 09:00–18:00, region east.
 * London shop: no hours (follows the report's zone). Day under test: Tuesday 2026-11-10.
 */
export type ReportFixtures = Awaited<ReturnType<typeof seedReportFixtures>>;

const token = () => randomBytes(12).toString('hex');
const json = (v: unknown) => JSON.stringify(v);
/** Shanghai local time → Date (UTC+8, no DST). */
export const sh = (local: string) => new Date(`${local}+08:00`);
export const utc = (t: string) => new Date(`${t}Z`);

type Step =
  | { at: Date; customer: string }
  | { at: Date; reply: string; by: string }
  | { at: Date; assigned: string }
  | { at: Date; transferredTo: string; from: string }
  | { at: Date; resolvedBy: string }
  | { at: Date; reopened: true };

export async function seedReportFixtures(db: Db) {
  const team = await db.insertInto('teams').values({ name: `Reports ${token().slice(0, 6)}` }).returning('id').executeTakeFirstOrThrow();
  const user = async (name: string, role: 'agent' | 'supervisor') =>
    (await db.insertInto('users').values({ email: `${name}-${token()}@test.local`, name, password_hash: 'x', role, locale: 'zh-CN' }).returning('id').executeTakeFirstOrThrow()).id;
  const alice = await user('Alice 王', 'agent');
  const bob = await user('Bob 李', 'agent');
  const carol = await user('Carol 张', 'agent');
  const boss = await user('Sam 主管', 'supervisor');
  const weekday = [{ start: '09:00', end: '18:00' }];
  const hours = { timeZone: 'Asia/Shanghai', weekly: [[], weekday, weekday, weekday, weekday, weekday, []], holidays: [] };
  const site = async (name: string, businessHours: unknown, region: string | null) => {
    const s = await db
      .insertInto('sites')
      .values({ name, key: token(), allowed_origins: json([]), default_team_id: team.id, greeting: json({ 'zh-CN': '', en: '' }), offline_message: json({ 'zh-CN': '', en: '' }), locale: null, color: '#1f6feb', business_hours: json(businessHours) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.updateTable('sites').set({ region } as never).where('id', '=', s.id).execute();
    return s.id;
  };
  const shanghai = await site('上海店 Shanghai shop', hours, 'east');
  const london = await site('London shop', null, null);

  async function conversation(siteId: string, createdAt: Date, status: 'queued' | 'active' | 'resolved', steps: Step[]) {
    const visitor = await db.insertInto('visitors').values({ site_id: siteId, token_hash: token(), name: '客户', email: null }).returning('id').executeTakeFirstOrThrow();
    const c = await db
      .insertInto('conversations')
      .values({ site_id: siteId, visitor_id: visitor.id, team_id: team.id, status, assignee_id: null, owner_id: null, queued_at: createdAt, assigned_at: null, resolved_at: null, last_message_text: null, last_message_at: null, waiting_since: null, created_at: createdAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('conversation_events').values({ conversation_id: c.id, type: 'created', actor_id: null, data: json({ channel: 'widget' }), created_at: createdAt }).execute();
    let seq = 0;
    let owner: string | null = null;
    let assignee: string | null = null;
    const messageIds: string[] = [];
    for (const s of steps) {
      const event = (type: 'assigned' | 'transferred' | 'resolved' | 'reopened', actor: string | null, data: object) =>
        db.insertInto('conversation_events').values({ conversation_id: c.id, type, actor_id: actor, data: json(data), created_at: s.at }).execute();
      if ('customer' in s || 'reply' in s) {
        const agent = 'reply' in s ? s.by : null;
        const m = await db
          .insertInto('messages')
          .values({ conversation_id: c.id, seq: ++seq, client_id: token(), author: agent ? 'agent' : 'customer', author_id: agent, text: 'customer' in s ? s.customer : s.reply, created_at: s.at })
          .returning('id')
          .executeTakeFirstOrThrow();
        messageIds.push(m.id);
        if (agent && owner === null) owner = agent;
      } else if ('assigned' in s) {
        assignee = s.assigned;
        await event('assigned', null, { agentId: s.assigned });
      } else if ('transferredTo' in s) {
        assignee = s.transferredTo;
        await event('transferred', s.from, { fromAgentId: s.from, toAgentId: s.transferredTo });
      } else if ('resolvedBy' in s) {
        await event('resolved', s.resolvedBy, {});
      } else {
        await event('reopened', null, { by: 'customer' });
      }
    }
    const last = steps[steps.length - 1]?.at ?? createdAt;
    await db.updateTable('conversations').set({ owner_id: owner, assignee_id: assignee, last_seq: seq, resolved_at: status === 'resolved' ? last : null }).where('id', '=', c.id).execute();
    return { id: c.id, visitorId: visitor.id, messageIds };
  }

  const c1 = await conversation(shanghai, sh('2026-11-10T10:00:00'), 'resolved', [
    { at: sh('2026-11-10T10:00:00'), customer: '我的快递还没到' },
    { at: sh('2026-11-10T10:01:00'), assigned: alice },
    { at: sh('2026-11-10T10:03:00'), reply: '不知道，我已经说过了', by: alice },
    { at: sh('2026-11-10T10:05:00'), reply: '不知道', by: alice },
    { at: sh('2026-11-10T10:20:00'), resolvedBy: alice },
  ]);
  // Transferred before anyone answered: the first response is Bob's.
  const c2 = await conversation(shanghai, sh('2026-11-10T11:00:00'), 'resolved', [
    { at: sh('2026-11-10T11:00:00'), customer: '发票怎么开' },
    { at: sh('2026-11-10T11:02:00'), assigned: alice },
    { at: sh('2026-11-10T11:05:00'), transferredTo: bob, from: alice },
    { at: sh('2026-11-10T11:10:00'), reply: '您好，我来处理', by: bob },
    { at: sh('2026-11-10T11:30:00'), resolvedBy: bob },
  ]);
  // Reopened in the afternoon: the second cycle's wait and reply do not count.
  const c3 = await conversation(shanghai, sh('2026-11-10T12:00:00'), 'resolved', [
    { at: sh('2026-11-10T12:00:00'), customer: '退货' },
    { at: sh('2026-11-10T12:00:30'), assigned: bob },
    { at: sh('2026-11-10T12:01:00'), reply: '好的', by: bob },
    { at: sh('2026-11-10T12:10:00'), resolvedBy: bob },
    { at: sh('2026-11-10T15:00:00'), reopened: true },
    { at: sh('2026-11-10T15:00:00'), customer: '还是不行' },
    { at: sh('2026-11-10T15:01:00'), assigned: bob },
    { at: sh('2026-11-10T15:30:00'), reply: '再试一次', by: bob },
    { at: sh('2026-11-10T15:40:00'), resolvedBy: bob },
  ]);
  // Closed from the queue by a supervisor: missed.
  const c4 = await conversation(shanghai, sh('2026-11-10T13:00:00'), 'resolved', [
    { at: sh('2026-11-10T13:00:00'), customer: '有人吗' },
    { at: sh('2026-11-10T13:30:00'), resolvedBy: boss },
  ]);
  // Starts 10 minutes before closing, answered at 09:10 the next morning: 1,200 business seconds.
  const c5 = await conversation(shanghai, sh('2026-11-10T17:50:00'), 'resolved', [
    { at: sh('2026-11-10T17:50:00'), customer: '晚上好' },
    { at: sh('2026-11-10T17:51:00'), assigned: alice },
    { at: sh('2026-11-11T09:10:00'), reply: '早上好', by: alice },
    { at: sh('2026-11-11T09:30:00'), resolvedBy: alice },
  ]);
  // 23:30 UTC on the 10th is 07:30 on the 11th in Shanghai: the site's day is the 11th.
  const c6 = await conversation(shanghai, utc('2026-11-10T23:30:00'), 'resolved', [
    { at: utc('2026-11-10T23:30:00'), customer: '早' },
    { at: utc('2026-11-10T23:31:00'), assigned: carol },
    { at: sh('2026-11-11T09:05:00'), reply: '您好', by: carol },
    { at: sh('2026-11-11T09:20:00'), resolvedBy: carol },
  ]);
  // No hours: follows the report's zone (UTC: the 10th; Asia/Shanghai: the 11th).
  const c7 = await conversation(london, utc('2026-11-10T23:30:00'), 'active', [
    { at: utc('2026-11-10T23:30:00'), customer: 'hello' },
    { at: utc('2026-11-10T23:32:00'), assigned: carol },
    { at: utc('2026-11-10T23:40:00'), reply: 'hi there', by: carol },
  ]);
  const c8 = await conversation(london, utc('2026-11-11T00:10:00'), 'queued', [{ at: utc('2026-11-11T00:10:00'), customer: 'anyone?' }]);

  let n = 0;
  async function complaint(category: string, status: string, handler: string | null, reopenCount: number, deadlines: { kind: 'first_response' | 'resolution'; due: Date; met: Date | null }[]) {
    const at = sh('2026-11-10T14:00:00');
    const p = await db
      .insertInto('complaints')
      .values({ number: `KS-T-${token().slice(0, 8)}-${++n}`, status, channel: 'widget', category, priority: 'normal', description: '投诉', customer_name: null, contact_phone: null, contact_email: null, locale: 'zh-CN', site_id: shanghai, visitor_id: null, conversation_id: null, owner_id: handler, team_id: team.id, handler_id: handler, judged_by: null, judged_at: null, rejection_reason: null, resolution: null, resolved_at: null, closed_at: null, close_reason: null, rating: null, rating_comment: null, created_at: at, updated_at: at } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.updateTable('complaints').set({ reopen_count: reopenCount }).where('id', '=', p.id).execute();
    for (const d of deadlines) await db.insertInto('complaint_deadlines').values({ complaint_id: p.id, kind: d.kind, starts_at: at, due_at: d.due, met_at: d.met, warned_at: null, breached_at: null }).execute();
  }
  const fr = (met: Date | null) => ({ kind: 'first_response' as const, due: sh('2026-11-10T22:00:00'), met });
  await complaint('delivery', 'in_progress', alice, 0, [fr(sh('2026-11-10T15:00:00')), { kind: 'resolution', due: sh('2026-11-13T14:00:00'), met: null }]);
  await complaint('billing', 'rejected', null, 0, [fr(sh('2026-11-10T16:00:00'))]);
  await complaint('delivery', 'closed', bob, 1, [
    fr(sh('2026-11-10T15:00:00')),
    { kind: 'resolution', due: sh('2026-11-11T14:00:00'), met: sh('2026-11-11T10:00:00') },
    { kind: 'resolution', due: sh('2026-11-11T20:00:00'), met: sh('2026-11-11T22:00:00') },
  ]);
  await complaint('service', 'resolved', alice, 0, [fr(sh('2026-11-10T15:00:00')), { kind: 'resolution', due: sh('2026-11-12T14:00:00'), met: sh('2026-11-11T10:00:00') }]);
  await complaint('product', 'submitted', null, 0, [{ kind: 'first_response', due: sh('2026-11-10T12:00:00'), met: null }]);

  async function survey(conv: { id: string; visitorId: string }, agent: string, rating: number | null) {
    const at = sh('2026-11-10T19:00:00');
    await db.insertInto('surveys').values({ site_id: shanghai, visitor_id: conv.visitorId, conversation_id: conv.id, complaint_id: null, source: 'conversation', agent_id: agent, team_id: team.id, question: json({ 'zh-CN': '满意吗', en: 'Satisfied?' }), token_hash: token(), send_at: at, sent_at: at, rating, comment: null, answered_at: rating ? at : null, updated_at: null }).execute();
  }
  await survey(c1, alice, 5);
  await survey(c5, alice, 2);
  await survey(c2, bob, 4);
  await survey(c3, bob, null);

  for (const status of ['done', 'open'] as const) {
    await db.insertInto('follow_ups').values({ reason: 'batch', status, visitor_id: c1.visitorId, conversation_id: c1.id, survey_id: null, complaint_id: null, batch_id: null, assignee_id: alice, due_at: sh('2026-11-10T16:00:00'), outcome: status === 'done' ? 'reached' : null, notes: null, callback_at: null, completed_at: status === 'done' ? sh('2026-11-10T15:00:00') : null }).execute();
  }
  for (const [agent, conv, total] of [[alice, c1, 80], [alice, c5, 60], [bob, c2, 90]] as const) {
    await db.insertInto('qa_reviews').values({ conversation_id: conv.id, agent_id: agent, reviewer_id: boss, criteria: json([]), scores: json({}), total, comment: '', created_at: sh('2026-11-10T20:00:00') }).execute();
  }
  const flag = (messageId: string, phrase: string) =>
    db.insertInto('message_flags').values({ message_id: messageId, conversation_id: c1.id, agent_id: alice, phrase_id: null, category: 'negating', severity: 'medium', phrase, excerpt: phrase, created_at: sh('2026-11-10T10:03:00') } as never).execute();
  await flag(c1.messageIds[1]!, '不知道');
  await flag(c1.messageIds[1]!, '我已经说过了');
  await flag(c1.messageIds[2]!, '不知道');

  return { team: team.id, alice, bob, carol, boss, shanghai, london, conversations: { c1, c2, c3, c4, c5, c6, c7, c8 } };
}

/** The clock of the fixtures: two days after the day under test. */
export const FIXTURE_NOW = sh('2026-11-12T12:00:00');
