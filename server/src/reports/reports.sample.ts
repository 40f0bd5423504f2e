import { randomBytes } from 'node:crypto';
import { COMPLAINT_CATEGORIES } from '@kefu/shared';
import type { Db } from '../db/database';

/**
 * A few weeks of plausible history for looking at the reports page (screenshots, demos): a handful
 * of agents, conversations every day with replies, transfers, misses, complaints, ratings, QA
 * reviews and flagged phrases. Deterministic for a seed. Not the 1M-message benchmark (bench/).
 */
export async function seedSampleReportData(db: Db, opts: { now: Date; days: number; seed?: number }): Promise<{ conversations: number }> {
  let state = opts.seed ?? 42;
  const rand = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const between = (a: number, b: number) => a + rand() * (b - a);
  const token = () => randomBytes(12).toString('hex');
  const json = JSON.stringify;

  const team = (await db.selectFrom('teams').select('id').orderBy('created_at').executeTakeFirst()) ?? (await db.insertInto('teams').values({ name: 'Support' }).returning('id').executeTakeFirstOrThrow());
  const names = ['王芳', '李娜', '张伟', 'Emma Li', '陈静'];
  const agents: string[] = [];
  for (const name of names) {
    const u = await db.insertInto('users').values({ email: `${token()}@sample.local`, name, password_hash: 'x', role: 'agent', locale: 'zh-CN' }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('team_members').values({ team_id: team.id, user_id: u.id }).execute();
    agents.push(u.id);
  }
  const reviewer = agents[0]!;
  const weekday = [{ start: '09:00', end: '21:00' }];
  const sites: string[] = [];
  for (const [name, region] of [['华东旗舰店', '华东'], ['华南官网', '华南']] as const) {
    const s = await db
      .insertInto('sites')
      .values({ name, key: token(), allowed_origins: json([]), default_team_id: team.id, greeting: json({ 'zh-CN': '', en: '' }), offline_message: json({ 'zh-CN': '', en: '' }), locale: null, color: '#1f6feb', business_hours: json({ timeZone: 'Asia/Shanghai', weekly: [weekday, weekday, weekday, weekday, weekday, weekday, weekday], holidays: [] }) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.updateTable('sites').set({ region } as never).where('id', '=', s.id).execute();
    sites.push(s.id);
  }

  let count = 0;
  const dayMs = 86_400_000;
  for (let d = opts.days - 1; d >= 0; d--) {
    const dayStart = new Date(Math.floor(opts.now.getTime() / dayMs) * dayMs - d * dayMs + 1 * 3_600_000); // 09:00 Shanghai
    const perDay = Math.round(between(18, 40) * (new Date(dayStart).getUTCDay() % 6 === 0 ? 0.6 : 1));
    for (let i = 0; i < perDay; i++) {
      const created = new Date(dayStart.getTime() + between(0, 12 * 3_600_000));
      if (created > opts.now) continue;
      const site = pick(sites);
      const missed = rand() < 0.06;
      const agent = pick(agents);
      const transferTo = rand() < 0.1 ? pick(agents.filter((a) => a !== agent)) : null;
      const replier = transferTo ?? agent;
      const assignedAt = new Date(created.getTime() + between(3, 150) * 1000);
      const repliedAt = new Date(assignedAt.getTime() + between(10, 420) * 1000 * (rand() < 0.1 ? 4 : 1));
      const resolvedAt = new Date(repliedAt.getTime() + between(3, 45) * 60_000);
      const done = resolvedAt < opts.now;
      const visitor = await db.insertInto('visitors').values({ site_id: site, token_hash: token(), name: null, email: null }).returning('id').executeTakeFirstOrThrow();
      const c = await db
        .insertInto('conversations')
        .values({ site_id: site, visitor_id: visitor.id, team_id: team.id, status: missed || done ? 'resolved' : 'active', assignee_id: missed ? null : replier, owner_id: missed ? null : replier, queued_at: created, assigned_at: missed ? null : assignedAt, resolved_at: missed || done ? resolvedAt : null, last_message_text: null, last_message_at: null, waiting_since: null, created_at: created, last_seq: missed ? 1 : 3 })
        .returning('id')
        .executeTakeFirstOrThrow();
      const ev = (type: 'created' | 'assigned' | 'transferred' | 'resolved', at: Date, data: object, actor: string | null = null) => ({ conversation_id: c.id, type, actor_id: actor, data: json(data), created_at: at });
      const events = [ev('created', created, { channel: 'widget' })];
      const messages = [{ conversation_id: c.id, seq: 1, client_id: token(), author: 'customer' as const, author_id: null, text: '你好，我想咨询一下订单', created_at: created }];
      if (!missed) {
        events.push(ev('assigned', assignedAt, { agentId: agent }));
        if (transferTo) events.push(ev('transferred', new Date(assignedAt.getTime() + 20_000), { fromAgentId: agent, toAgentId: transferTo }, agent));
        messages.push({ conversation_id: c.id, seq: 2, client_id: token(), author: 'agent' as never, author_id: replier as never, text: '您好，请提供订单号', created_at: repliedAt });
        messages.push({ conversation_id: c.id, seq: 3, client_id: token(), author: 'customer', author_id: null, text: '好的', created_at: new Date(repliedAt.getTime() + 30_000) });
        if (done) events.push(ev('resolved', resolvedAt, {}, replier));
      } else {
        events.push(ev('resolved', new Date(created.getTime() + 600_000), {}, reviewer));
      }
      await db.insertInto('conversation_events').values(events).execute();
      const inserted = await db.insertInto('messages').values(messages).returning(['id', 'author']).execute();
      count++;
      if (missed || !done) continue;
      if (rand() < 0.6) {
        const rating = rand() < 0.8 ? pick([4, 5, 5]) : rand() < 0.5 ? rand() < 0.5 ? 3 : 2 : null;
        await db.insertInto('surveys').values({ site_id: site, visitor_id: visitor.id, conversation_id: c.id, complaint_id: null, source: 'conversation', agent_id: replier, team_id: team.id, question: json({ 'zh-CN': '满意吗', en: 'Satisfied?' }), token_hash: token(), send_at: resolvedAt, sent_at: resolvedAt, rating, comment: null, answered_at: rating ? resolvedAt : null, updated_at: null }).execute();
      }
      if (rand() < 0.08) {
        const due = new Date(created.getTime() + 72 * 3_600_000);
        const status = pick(['in_progress', 'resolved', 'closed', 'rejected'] as const);
        const p = await db
          .insertInto('complaints')
          .values({ number: `KS-S-${token().slice(0, 10)}`, status, channel: 'conversation', category: pick(COMPLAINT_CATEGORIES), priority: 'normal', description: '投诉', customer_name: null, contact_phone: null, contact_email: null, locale: 'zh-CN', site_id: site, visitor_id: visitor.id, conversation_id: c.id, owner_id: replier, team_id: team.id, handler_id: replier, judged_by: null, judged_at: null, rejection_reason: null, resolution: null, resolved_at: null, closed_at: null, close_reason: null, rating: null, rating_comment: null, created_at: created, updated_at: created } as never)
          .returning('id')
          .executeTakeFirstOrThrow();
        const met = status === 'in_progress' ? null : new Date(created.getTime() + between(2, 90) * 3_600_000);
        await db.insertInto('complaint_deadlines').values({ complaint_id: p.id, kind: 'resolution', starts_at: created, due_at: due, met_at: met, warned_at: null, breached_at: null }).execute();
      }
      if (rand() < 0.15) {
        await db.insertInto('qa_reviews').values({ conversation_id: c.id, agent_id: replier, reviewer_id: reviewer, criteria: json([]), scores: json({}), total: Math.round(between(55, 100)), comment: '', created_at: resolvedAt }).execute();
      }
      const reply = inserted.find((m) => m.author === 'agent');
      if (reply && rand() < 0.05) {
        await db.insertInto('message_flags').values({ message_id: reply.id, conversation_id: c.id, agent_id: replier, phrase_id: null, category: 'impatient', severity: 'medium', phrase: pick(['不知道', '我已经说过了', '你自己看']), excerpt: '…', created_at: repliedAt } as never).execute();
      }
    }
  }
  return { conversations: count };
}
