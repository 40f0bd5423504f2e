import { LOW_RATING, roleAtLeast, ZFollowUpOutcomeBody, type TFollowUp, type TFollowUpBatchBody, type TFollowUpFilter, type TFollowUpOutcomeBody } from '@kefu/shared';
import type { Agent } from '../conversations/conversations.access';
import type { Ctx } from '../platform/context';
import { AppError } from '../platform/errors';
import { createSurveyLink } from '../surveys/surveys.service';
import * as repo from './followups.repository';

/** A low rating is followed up within this time. */
const LOW_RATING_DUE_MS = 24 * 3600 * 1000;
const BATCH_MAX = 5000;

export async function myFollowUps(ctx: Ctx, agent: Agent, status?: 'open' | 'done'): Promise<TFollowUp[]> {
  return repo.listFollowUps(ctx.db, ctx.clock(), { assigneeId: agent.id, ...(status ? { status } : {}) });
}

export async function allFollowUps(ctx: Ctx, q: { assigneeId?: string; status?: 'open' | 'done'; batchId?: string }): Promise<TFollowUp[]> {
  return repo.listFollowUps(ctx.db, ctx.clock(), q);
}

/** Customers a batch with this filter would reach (a preview for the manager). */
export async function previewBatch(ctx: Ctx, filter: TFollowUpFilter): Promise<{ count: number }> {
  return { count: (await repo.findCandidates(ctx.db, filter, BATCH_MAX)).length };
}

/**
 * Plans a follow-up batch: one task per matching customer, spread evenly (round robin) over the
 * given agents unless named in `assignments`.
 */
export async function createBatch(ctx: Ctx, manager: Agent, body: TFollowUpBatchBody): Promise<{ batchId: string; followUps: TFollowUp[] }> {
  const agentIds = [...new Set([...body.agentIds, ...Object.values(body.assignments ?? {})])];
  const found = await ctx.db.selectFrom('users').select('id').where('id', 'in', agentIds).where('active', '=', true).execute();
  if (found.length !== agentIds.length) throw new AppError('not_found', 'an assigned agent does not exist or is inactive');
  const candidates = await repo.findCandidates(ctx.db, body.filter, BATCH_MAX);
  if (candidates.length === 0) throw new AppError('conflict', 'no customer matches this filter');
  const dueAt = new Date(body.dueAt);
  const batchId = await ctx.db.transaction().execute(async (trx) => {
    const batch = await trx
      .insertInto('follow_up_batches')
      .values({ name: body.name, filter: JSON.stringify(body.filter), due_at: dueAt, created_by: manager.id, created_at: ctx.clock() })
      .returning('id')
      .executeTakeFirstOrThrow();
    let next = 0;
    const rows = candidates.map((c) => {
      const named = body.assignments?.[c.visitorId];
      const assignee = named ?? body.agentIds[next++ % body.agentIds.length]!;
      return {
        reason: 'batch' as const,
        visitor_id: c.visitorId,
        conversation_id: c.conversationId,
        survey_id: c.surveyId,
        complaint_id: null,
        batch_id: batch.id,
        assignee_id: assignee,
        due_at: dueAt,
        outcome: null,
        notes: null,
        callback_at: null,
        created_at: ctx.clock(),
        completed_at: null,
      };
    });
    for (let i = 0; i < rows.length; i += 500) await trx.insertInto('follow_ups').values(rows.slice(i, i + 500)).execute();
    return batch.id;
  });
  return { batchId, followUps: await repo.listFollowUps(ctx.db, ctx.clock(), { batchId }) };
}

/**
 * A rating of LOW_RATING or less asks the credited agent's supervisor to call the customer.
 * Idempotent per survey (a unique index), and a changed answer that stays low adds nothing.
 */
export async function followUpLowRating(ctx: Ctx, surveyId: string): Promise<string | null> {
  const s = await ctx.db.selectFrom('surveys').selectAll().where('id', '=', surveyId).executeTakeFirst();
  if (!s || s.rating === null || s.rating > LOW_RATING) return null;
  const supervisor = await repo.pickSupervisor(ctx.db, s.agent_id, s.team_id);
  if (!supervisor) {
    ctx.log.warn('low rating without anyone to follow it up', { surveyId });
    return null;
  }
  const now = ctx.clock();
  const row = await ctx.db
    .insertInto('follow_ups')
    .values({ reason: 'low_rating', visitor_id: s.visitor_id, conversation_id: s.conversation_id, survey_id: s.id, complaint_id: s.complaint_id, batch_id: null, assignee_id: supervisor, due_at: new Date(now.getTime() + LOW_RATING_DUE_MS), outcome: null, notes: null, callback_at: null, created_at: now, completed_at: null })
    .onConflict((oc) => oc.column('survey_id').where('reason', '=', 'low_rating').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

async function loadOwn(ctx: Ctx, agent: Agent, id: string): Promise<TFollowUp> {
  const [f] = await repo.listFollowUps(ctx.db, ctx.clock(), { id });
  if (!f) throw new AppError('not_found', 'no such follow-up');
  if (f.assigneeId !== agent.id && !roleAtLeast(agent.role, 'supervisor')) throw new AppError('not_found', 'no such follow-up');
  return f;
}

/** reached / not reached close the task; callback keeps it open, due at the callback time. */
export async function recordOutcome(ctx: Ctx, agent: Agent, id: string, input: TFollowUpOutcomeBody): Promise<TFollowUp> {
  const body = ZFollowUpOutcomeBody.parse(input);
  const f = await loadOwn(ctx, agent, id);
  if (f.status === 'done') throw new AppError('invalid_transition', 'this follow-up is already done');
  const now = ctx.clock();
  const notes = [f.notes, body.notes].filter(Boolean).join('\n');
  if (body.outcome === 'callback') {
    if (!body.callbackAt) throw new AppError('bad_request', 'callbackAt: a callback needs a date', [{ path: 'callbackAt', message: 'required for callback' }]);
    const at = new Date(body.callbackAt);
    await ctx.db.updateTable('follow_ups').set({ outcome: 'callback', notes, callback_at: at, due_at: at }).where('id', '=', id).execute();
  } else {
    await ctx.db.updateTable('follow_ups').set({ outcome: body.outcome, notes, status: 'done', completed_at: now }).where('id', '=', id).execute();
  }
  return loadOwn(ctx, agent, id);
}

/** A fresh survey link for the follow-up's customer, to read out or send; credited to the follow-up's agent. */
export async function surveyLinkFor(ctx: Ctx, agent: Agent, id: string): Promise<{ path: string; token: string }> {
  const f = await loadOwn(ctx, agent, id);
  const link = await createSurveyLink(ctx, { visitorId: f.visitorId, conversationId: f.conversationId, agentId: f.assigneeId, source: 'follow_up' });
  return { path: link.path, token: link.token };
}
