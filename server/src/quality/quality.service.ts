import { matchProhibited, roleAtLeast, type TMessage, type TPhraseMatch, type TProhibitedPhrase, type TProhibitedPhraseBody, type TReview, type TReviewBody, type TReviewQueueItem, type TScorecard, type TScorecardCriterion } from '@kefu/shared';
import { ZProhibitedPhraseBody, ZReviewBody } from '@kefu/shared';
import { sql } from 'kysely';
import type { Agent } from '../conversations/conversations.access';
import type { Ctx } from '../platform/context';
import { AppError } from '../platform/errors';
import * as repo from './quality.repository';

export const listPhrases = (ctx: Ctx) => repo.listPhrases(ctx.db);

/**
 * Active phrases, read at most every few seconds per process: every agent message is checked, and
 * reading the whole list each time was a cost at load (docs/benchmarks.md). Changes made on this
 * process apply at once; other processes pick them up within PHRASES_TTL_MS.
 */
const PHRASES_TTL_MS = 5_000;
const phraseCache = new WeakMap<Ctx, { at: number; phrases: Promise<TProhibitedPhrase[]> }>();
function activePhrases(ctx: Ctx): Promise<TProhibitedPhrase[]> {
  const hit = phraseCache.get(ctx);
  if (hit && performance.now() - hit.at < PHRASES_TTL_MS) return hit.phrases;
  const phrases = repo.listPhrases(ctx.db, { activeOnly: true });
  phraseCache.set(ctx, { at: performance.now(), phrases });
  phrases.catch(() => phraseCache.delete(ctx));
  return phrases;
}

export async function createPhrase(ctx: Ctx, input: TProhibitedPhraseBody): Promise<TProhibitedPhrase> {
  const b = ZProhibitedPhraseBody.parse(input);
  const row = await ctx.db
    .insertInto('prohibited_phrases')
    .values({ locale: b.locale, category: b.category, kind: b.kind, text: b.text, severity: b.severity, active: b.active })
    .onConflict((oc) => oc.columns(['locale', 'kind', 'text']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new AppError('conflict', 'this phrase is already in the list');
  phraseCache.delete(ctx);
  return repo.toPhrase(row);
}

export async function updatePhrase(ctx: Ctx, id: string, input: TProhibitedPhraseBody): Promise<TProhibitedPhrase> {
  const b = ZProhibitedPhraseBody.parse(input);
  const row = await ctx.db
    .updateTable('prohibited_phrases')
    .set({ locale: b.locale, category: b.category, kind: b.kind, text: b.text, severity: b.severity, active: b.active })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'no such phrase');
  phraseCache.delete(ctx);
  return repo.toPhrase(row);
}

export async function deletePhrase(ctx: Ctx, id: string): Promise<void> {
  const r = await ctx.db.deleteFrom('prohibited_phrases').where('id', '=', id).executeTakeFirst();
  if (r.numDeletedRows === 0n) throw new AppError('not_found', 'no such phrase');
  phraseCache.delete(ctx);
}

/** The composer's check before sending (the same matcher runs on sent messages). */
export async function checkText(ctx: Ctx, text: string): Promise<TPhraseMatch[]> {
  return matchProhibited(text, await activePhrases(ctx));
}

/** Flags a sent public agent reply that matches prohibited phrases (idempotent per message and phrase). */
export async function flagMessage(ctx: Ctx, message: TMessage): Promise<number> {
  if (message.author !== 'agent' || message.internal) return 0;
  const matches = await checkText(ctx, message.text);
  if (matches.length === 0) return 0;
  const author = await ctx.db.selectFrom('messages').select('author_id').where('id', '=', message.id).executeTakeFirst();
  const r = await ctx.db
    .insertInto('message_flags')
    .values(matches.map((m) => ({ message_id: message.id, conversation_id: message.conversationId, agent_id: author?.author_id ?? null, phrase_id: m.phraseId, category: m.category, severity: m.severity, phrase: m.phrase, excerpt: m.excerpt, created_at: ctx.clock() })))
    .onConflict((oc) => oc.columns(['message_id', 'phrase']).doNothing())
    .execute();
  return Number(r.reduce((n, x) => n + (x.numInsertedOrUpdatedRows ?? 0n), 0n));
}

export const flagsOf = (ctx: Ctx, conversationId: string) => repo.listFlags(ctx.db, conversationId);

export async function getScorecard(ctx: Ctx): Promise<TScorecardCriterion[]> {
  return repo.scorecard(ctx.db);
}

export async function setScorecard(ctx: Ctx, body: TScorecard): Promise<TScorecardCriterion[]> {
  await ctx.db
    .insertInto('qa_scorecards')
    .values({ id: 1, criteria: JSON.stringify(body.criteria), updated_at: ctx.clock() })
    .onConflict((oc) => oc.column('id').doUpdateSet({ criteria: JSON.stringify(body.criteria), updated_at: ctx.clock() }))
    .execute();
  return body.criteria;
}

/** Weighted mean of 0–5 scores, scaled to 0–100. */
export function totalScore(criteria: TScorecardCriterion[], scores: Record<string, number>): number {
  const weight = criteria.reduce((n, c) => n + c.weight, 0);
  const sum = criteria.reduce((n, c) => n + c.weight * (scores[c.key] ?? 0), 0);
  return weight ? Math.round((sum / (5 * weight)) * 1000) / 10 : 0;
}

/** A supervisor scores a conversation; the reviewed agent is its owner (or last assignee). */
export async function review(ctx: Ctx, reviewer: Agent, input: TReviewBody): Promise<TReview> {
  const b = ZReviewBody.parse(input);
  const conv = await ctx.db.selectFrom('conversations').select(['id', 'owner_id', 'assignee_id']).where('id', '=', b.conversationId).executeTakeFirst();
  if (!conv) throw new AppError('not_found', 'no such conversation');
  const agentId = conv.owner_id ?? conv.assignee_id;
  if (!agentId) throw new AppError('invalid_transition', 'no agent handled this conversation');
  const criteria = await repo.scorecard(ctx.db);
  const missing = criteria.filter((c) => c.weight > 0 && b.scores[c.key] === undefined).map((c) => c.key);
  if (missing.length) throw new AppError('bad_request', `scores: missing ${missing.join(', ')}`, missing.map((k) => ({ path: `scores.${k}`, message: 'required' })));
  const scores = Object.fromEntries(criteria.map((c) => [c.key, b.scores[c.key] ?? 0]));
  const row = await ctx.db
    .insertInto('qa_reviews')
    .values({ conversation_id: conv.id, agent_id: agentId, reviewer_id: reviewer.id, criteria: JSON.stringify(criteria), scores: JSON.stringify(scores), total: totalScore(criteria, scores), comment: b.comment, created_at: ctx.clock() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const [r] = await repo.listReviews(ctx.db, { id: row.id });
  return r!;
}

/** Agents see their own reviews; supervisors and above anyone's. */
export async function reviews(ctx: Ctx, viewer: Agent, q: { agentId?: string; conversationId?: string }): Promise<TReview[]> {
  if (!roleAtLeast(viewer.role, 'supervisor')) return repo.listReviews(ctx.db, { ...q, agentId: viewer.id });
  return repo.listReviews(ctx.db, q);
}

const SAMPLE_PER_AGENT = 2;

/**
 * The review queue: unreviewed conversations with flagged replies (last 30 days), then a random
 * sample of each agent's conversations resolved this week (stable for the week: ordered by a hash
 * of id and week).
 */
export async function reviewQueue(ctx: Ctx): Promise<TReviewQueueItem[]> {
  const now = ctx.clock();
  const since = new Date(now.getTime() - 30 * 86_400_000);
  const weekStart = new Date(now);
  weekStart.setUTCHours(0, 0, 0, 0);
  weekStart.setUTCDate(weekStart.getUTCDate() - ((weekStart.getUTCDay() + 6) % 7));
  const weekKey = weekStart.toISOString().slice(0, 10);
  const unreviewed = (eb: any) => eb.not(eb.exists(eb.selectFrom('qa_reviews as r').select('r.id').whereRef('r.conversation_id', '=', 'c.id')));
  const flagged = await ctx.db
    .selectFrom('conversations as c')
    .innerJoin('users as u', (j) => j.on(sql<boolean>`u.id = coalesce(c.owner_id, c.assignee_id)`))
    .select(['c.id', 'u.id as agent_id', 'u.name as agent_name', 'c.resolved_at', 'c.last_message_text'])
    .select((eb) => eb.selectFrom('message_flags as f').select(eb.fn.countAll<number>().as('n')).whereRef('f.conversation_id', '=', 'c.id').as('flags'))
    .where((eb) => eb.exists(eb.selectFrom('message_flags as f').select('f.id').whereRef('f.conversation_id', '=', 'c.id').where('f.created_at', '>=', since)))
    .where(unreviewed)
    .orderBy('c.created_at', 'desc')
    .limit(100)
    .execute();
  const sample = await ctx.db
    .selectFrom((eb) =>
      eb
        .selectFrom('conversations as c')
        .innerJoin('users as u', 'u.id', 'c.owner_id')
        .select(['c.id', 'u.id as agent_id', 'u.name as agent_name', 'c.resolved_at', 'c.last_message_text'])
        .select(sql<number>`row_number() over (partition by c.owner_id order by md5(c.id::text || ${weekKey}))`.as('rank'))
        .where('c.status', '=', 'resolved')
        .where('c.resolved_at', '>=', weekStart)
        .where(unreviewed)
        .as('s'),
    )
    .selectAll()
    .where('rank', '<=', SAMPLE_PER_AGENT)
    .execute();
  const seen = new Set(flagged.map((f) => f.id));
  return [
    ...flagged.map((f) => ({ conversationId: f.id, agentId: f.agent_id, agentName: f.agent_name, reason: 'flagged' as const, flags: Number(f.flags ?? 0), resolvedAt: f.resolved_at?.toISOString() ?? null, lastMessageText: f.last_message_text })),
    ...sample
      .filter((s) => !seen.has(s.id))
      .map((s) => ({ conversationId: s.id, agentId: s.agent_id, agentName: s.agent_name, reason: 'sample' as const, flags: 0, resolvedAt: s.resolved_at?.toISOString() ?? null, lastMessageText: s.last_message_text })),
  ];
}
