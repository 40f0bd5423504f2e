import type { TMessageFlag, TProhibitedPhrase, TReview, TScorecardCriterion } from '@kefu/shared';
import type { DbOrTrx } from '../db/database';
import type { ProhibitedPhraseRow } from './quality.table';

export function toPhrase(r: ProhibitedPhraseRow): TProhibitedPhrase {
  return { id: r.id, locale: r.locale, category: r.category, kind: r.kind, text: r.text, severity: r.severity, active: r.active };
}

export async function listPhrases(db: DbOrTrx, opts: { activeOnly?: boolean } = {}): Promise<TProhibitedPhrase[]> {
  let q = db.selectFrom('prohibited_phrases').selectAll();
  if (opts.activeOnly) q = q.where('active', '=', true);
  return (await q.orderBy('locale').orderBy('category').orderBy('text').execute()).map(toPhrase);
}

export async function listFlags(db: DbOrTrx, conversationId: string): Promise<TMessageFlag[]> {
  const rows = await db
    .selectFrom('message_flags as f')
    .leftJoin('users as u', 'u.id', 'f.agent_id')
    .selectAll('f')
    .select('u.name as agent_name')
    .where('f.conversation_id', '=', conversationId)
    .orderBy('f.created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    messageId: r.message_id,
    conversationId: r.conversation_id,
    agentId: r.agent_id,
    agentName: r.agent_name,
    category: r.category,
    severity: r.severity,
    phrase: r.phrase,
    excerpt: r.excerpt,
    createdAt: r.created_at.toISOString(),
  }));
}

export async function scorecard(db: DbOrTrx): Promise<TScorecardCriterion[]> {
  const row = await db.selectFrom('qa_scorecards').select('criteria').where('id', '=', 1).executeTakeFirst();
  return row?.criteria ?? [];
}

export async function listReviews(db: DbOrTrx, where: { agentId?: string; conversationId?: string; id?: string }): Promise<TReview[]> {
  let q = db
    .selectFrom('qa_reviews as r')
    .innerJoin('users as a', 'a.id', 'r.agent_id')
    .innerJoin('users as rv', 'rv.id', 'r.reviewer_id')
    .selectAll('r')
    .select(['a.name as agent_name', 'rv.name as reviewer_name']);
  if (where.agentId) q = q.where('r.agent_id', '=', where.agentId);
  if (where.conversationId) q = q.where('r.conversation_id', '=', where.conversationId);
  if (where.id) q = q.where('r.id', '=', where.id);
  const rows = await q.orderBy('r.created_at', 'desc').limit(200).execute();
  return rows.map((r) => ({
    id: r.id,
    conversationId: r.conversation_id,
    agentId: r.agent_id,
    agentName: r.agent_name,
    reviewerId: r.reviewer_id,
    reviewerName: r.reviewer_name,
    criteria: r.criteria,
    scores: r.scores,
    total: r.total,
    comment: r.comment,
    createdAt: r.created_at.toISOString(),
  }));
}
