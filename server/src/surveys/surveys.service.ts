import { ZSurveyAnswerBody, ZSurveySettings, type TCustomerSurvey, type TSurvey, type TSurveyAnswerBody, type TSurveySettings, type TSurveySettingsBody } from '@kefu/shared';
import type { BusEvents } from '../platform/bus';
import type { Ctx } from '../platform/context';
import { AppError } from '../platform/errors';
import { hashToken, randomToken } from '../platform/secrets';
import type { VisitorRow } from '../sites/sites.table';
import * as repo from './surveys.repository';
import type { SurveyRow } from './surveys.table';

export async function getSettings(ctx: Ctx, siteId: string): Promise<TSurveySettings> {
  await assertSite(ctx, siteId);
  return repo.findSettings(ctx.db, siteId);
}

export async function updateSettings(ctx: Ctx, siteId: string, patch: TSurveySettingsBody): Promise<TSurveySettings> {
  await assertSite(ctx, siteId);
  const next = ZSurveySettings.parse({ ...(await repo.findSettings(ctx.db, siteId)), ...patch });
  await repo.saveSettings(ctx.db, siteId, next, ctx.clock());
  return next;
}

async function assertSite(ctx: Ctx, siteId: string): Promise<void> {
  const site = await ctx.db.selectFrom('sites').select('id').where('id', '=', siteId).executeTakeFirst();
  if (!site) throw new AppError('not_found', 'no such site');
}

/**
 * Creates the survey for a resolved conversation per the site's policy, crediting the owner
 * captured at resolution (Chatwoot's rule: credit is recorded at the moment of the event).
 * Returns null when the policy says not to ask.
 */
export async function scheduleForResolution(ctx: Ctx, ev: BusEvents['conversation.resolved']): Promise<string | null> {
  const settings = await repo.findSettings(ctx.db, ev.siteId);
  if (!settings.enabled) return null;
  if (settings.frequency === 'once_per_days') {
    const last = await repo.latestSurveyAt(ctx.db, ev.visitorId);
    if (last && ev.resolvedAt.getTime() - last.getTime() < settings.oncePerDays * 86_400_000) return null;
  }
  const row = await ctx.db
    .insertInto('surveys')
    .values({
      site_id: ev.siteId,
      visitor_id: ev.visitorId,
      conversation_id: ev.conversationId,
      complaint_id: null,
      source: 'conversation',
      agent_id: ev.ownerId ?? ev.assigneeId,
      team_id: ev.teamId,
      question: JSON.stringify(settings.question),
      // The widget answers over the visitor's socket; this token is only for a link, so it is not kept.
      token_hash: hashToken(randomToken()),
      send_at: new Date(ev.resolvedAt.getTime() + settings.delaySeconds * 1000),
      sent_at: null,
      rating: null,
      comment: null,
      answered_at: null,
      updated_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sendDueSurveys(ctx);
  return row.id;
}

/** Marks surveys whose time has come as sent (each exactly once, across processes) and announces them. */
export async function sendDueSurveys(ctx: Ctx): Promise<number> {
  const now = ctx.clock();
  const rows = await ctx.db
    .updateTable('surveys')
    .set({ sent_at: now })
    .where('sent_at', 'is', null)
    .where('send_at', '<=', now)
    .returning(['id', 'visitor_id', 'conversation_id'])
    .execute();
  for (const r of rows) ctx.bus.publish('survey.sent', { surveyId: r.id, visitorId: r.visitor_id, conversationId: r.conversation_id });
  return rows.length;
}

/**
 * A survey reachable by a link `/s/<token>` (follow-ups, complaint mails): sent at once.
 * The token is returned once and stored only as a hash; it opens this survey and nothing else.
 */
export async function createSurveyLink(
  ctx: Ctx,
  input: { visitorId: string; conversationId: string | null; complaintId?: string | null; agentId: string | null; source: 'follow_up' | 'complaint' },
): Promise<{ surveyId: string; token: string; path: string }> {
  const visitor = await ctx.db.selectFrom('visitors').select(['id', 'site_id']).where('id', '=', input.visitorId).executeTakeFirst();
  if (!visitor) throw new AppError('not_found', 'no such customer');
  const settings = await repo.findSettings(ctx.db, visitor.site_id);
  const token = randomToken();
  const now = ctx.clock();
  const row = await ctx.db
    .insertInto('surveys')
    .values({
      site_id: visitor.site_id,
      visitor_id: visitor.id,
      conversation_id: input.conversationId,
      complaint_id: input.complaintId ?? null,
      source: input.source,
      agent_id: input.agentId,
      team_id: null,
      question: JSON.stringify(settings.question),
      token_hash: hashToken(token),
      send_at: now,
      sent_at: now,
      rating: null,
      comment: null,
      answered_at: null,
      updated_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { surveyId: row.id, token, path: `/s/${token}` };
}

/**
 * Records the 1–5 rating a customer gave on a complaint's tracking page as an answered survey,
 * credited to the complaint's owner (首问), else its handler. Complaints filed by phone without a
 * known visitor have no survey.
 */
export async function recordComplaintRating(ctx: Ctx, complaintId: string, rating: number, comment: string | null): Promise<string | null> {
  const c = await ctx.db
    .selectFrom('complaints')
    .select(['visitor_id', 'conversation_id', 'owner_id', 'handler_id'])
    .where('id', '=', complaintId)
    .executeTakeFirst();
  if (!c?.visitor_id) return null;
  const link = await createSurveyLink(ctx, {
    visitorId: c.visitor_id,
    conversationId: c.conversation_id,
    complaintId,
    agentId: c.owner_id ?? c.handler_id,
    source: 'complaint',
  });
  await answerByToken(ctx, link.token, { rating, ...(comment ? { comment } : {}) });
  return link.surveyId;
}

/** The survey a link's token opens (sent ones only), as the customer sees it. */
export async function getByToken(ctx: Ctx, token: string): Promise<TCustomerSurvey> {
  const row = await repo.findSurvey(ctx.db, { tokenHash: hashToken(token) });
  if (!row || !row.sent_at) throw new AppError('not_found', 'this survey link is not valid');
  return repo.toCustomerSurvey(row, await repo.siteName(ctx.db, row.site_id));
}

export async function answerByToken(ctx: Ctx, token: string, body: TSurveyAnswerBody): Promise<TCustomerSurvey> {
  return answer(ctx, { tokenHash: hashToken(token) }, () => true, body);
}

/** The widget's card: the latest sent survey of this visitor (for this conversation) still open to answering. */
export async function pendingForVisitor(ctx: Ctx, visitor: Pick<VisitorRow, 'id'>, conversationId: string | null): Promise<TCustomerSurvey | null> {
  let q = ctx.db.selectFrom('surveys').selectAll().where('visitor_id', '=', visitor.id).where('sent_at', 'is not', null).where('source', '=', 'conversation');
  if (conversationId) q = q.where('conversation_id', '=', conversationId);
  const row = await q.orderBy('sent_at', 'desc').limit(1).executeTakeFirst();
  if (!row) return null;
  const until = repo.editableUntil(row);
  if (until && until <= ctx.clock()) return null;
  return repo.toCustomerSurvey(row, await repo.siteName(ctx.db, row.site_id));
}

export async function answerAsVisitor(ctx: Ctx, visitor: VisitorRow, surveyId: string, body: TSurveyAnswerBody): Promise<TCustomerSurvey> {
  return answer(ctx, { id: surveyId }, (row) => row.visitor_id === visitor.id, body);
}

/** One answer per survey; the customer may change it within 24 h of the first answer. */
async function answer(ctx: Ctx, where: { id: string } | { tokenHash: string }, owns: (row: SurveyRow) => boolean, input: TSurveyAnswerBody): Promise<TCustomerSurvey> {
  const body = ZSurveyAnswerBody.parse(input);
  const now = ctx.clock();
  const { row, previous } = await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.lockSurvey(trx, where);
    if (!row || !row.sent_at || !owns(row)) throw new AppError('not_found', 'no such survey');
    const until = repo.editableUntil(row);
    if (until && now >= until) throw new AppError('invalid_transition', 'this survey was answered more than 24 hours ago and can no longer be changed');
    const updated = await trx
      .updateTable('surveys')
      .set({ rating: body.rating, comment: body.comment ? body.comment : null, answered_at: row.answered_at ?? now, updated_at: now })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { row: updated, previous: row.rating };
  });
  ctx.bus.publish('survey.answered', { surveyId: row.id, rating: body.rating, previousRating: previous });
  return repo.toCustomerSurvey(row, await repo.siteName(ctx.db, row.site_id));
}

export async function surveysOfConversation(ctx: Ctx, conversationId: string): Promise<TSurvey[]> {
  return repo.listSurveys(ctx.db, { conversationId });
}

export async function surveysOfVisitor(ctx: Ctx, visitorId: string): Promise<TSurvey[]> {
  return repo.listSurveys(ctx.db, { visitorId });
}

export type TCsatSummary = { sent: number; answered: number; satisfied: number; csat: number | null; responseRate: number | null };

/** CSAT as docs/metrics.md defines it, over surveys sent in [from, to), optionally for one agent. */
export async function csatSummary(ctx: Ctx, q: { from?: Date; to?: Date; agentId?: string }): Promise<TCsatSummary> {
  let query = ctx.db.selectFrom('surveys').select(['rating', 'answered_at']).where('sent_at', 'is not', null);
  if (q.from) query = query.where('sent_at', '>=', q.from);
  if (q.to) query = query.where('sent_at', '<', q.to);
  if (q.agentId) query = query.where('agent_id', '=', q.agentId);
  const rows = await query.execute();
  const answered = rows.filter((r) => r.rating !== null);
  const satisfied = answered.filter((r) => (r.rating ?? 0) >= 4).length;
  return {
    sent: rows.length,
    answered: answered.length,
    satisfied,
    csat: answered.length ? Math.round((satisfied / answered.length) * 1000) / 10 : null,
    responseRate: rows.length ? Math.round((answered.length / rows.length) * 1000) / 10 : null,
  };
}
