import type { TCustomer, TCustomerProfile, TCustomerSearch, TCustomerUpdateBody, TErasureCounts, TRevealField } from '@kefu/shared';
import { recordAudit } from '../audit/audit.service';
import type { Agent } from '../conversations/conversations.access';
import type { Ctx } from '../platform/context';
import { AppError } from '../platform/errors';
import { surveysOfVisitor } from '../surveys/surveys.service';
import { eraseCustomer } from './customers.erasure';
import { deleteQueuedFiles } from '../attachments/attachments.sweep';
import * as repo from './customers.repository';

/** Who asked, and from where (for the audit log). */
export type TActor = { agent: Agent; ip: string };

async function visibleCustomer(ctx: Ctx, agent: Agent, id: string): Promise<TCustomer> {
  const c = await repo.getCustomer(ctx.db, id, agent);
  // Not found rather than forbidden: no probing of customer ids (as for conversations).
  if (!c) throw new AppError('not_found', 'no such customer');
  return c;
}

export async function searchCustomers(ctx: Ctx, agent: Agent, q: TCustomerSearch): Promise<TCustomer[]> {
  return repo.searchCustomers(ctx.db, agent, q);
}

/** The profile: masked contact fields, notes, and the history of every visitor of the customer. */
export async function getProfile(ctx: Ctx, agent: Agent, id: string): Promise<TCustomerProfile> {
  const customer = await visibleCustomer(ctx, agent, id);
  const visitorIds = await repo.visitorIdsOf(ctx.db, id);
  const [notes, history, surveyLists] = await Promise.all([
    repo.listNotes(ctx.db, id),
    repo.historyOf(ctx.db, visitorIds),
    Promise.all(visitorIds.map((v) => surveysOfVisitor(ctx, v))),
  ]);
  const surveys = surveyLists.flat().sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const ratings = surveys.flatMap((s) => (s.rating === null ? [] : [s.rating]));
  const averageRating = ratings.length ? Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 10) / 10 : null;
  return { customer, notes, ...history, surveys, averageRating };
}

/** The profile of a conversation's visitor (the panel beside the chat); made on first use for older visitors. */
export async function profileOfVisitor(ctx: Ctx, agent: Agent, visitorId: string): Promise<TCustomerProfile> {
  const exists = await ctx.db.selectFrom('visitors').select('id').where('id', '=', visitorId).executeTakeFirst();
  if (!exists) throw new AppError('not_found', 'no such customer');
  const customerId = await ctx.db.transaction().execute((trx) => repo.ensureVisitorCustomer(trx, visitorId, ctx.clock()));
  return getProfile(ctx, agent, customerId);
}

/** Tags, region and VIP (VIP is copied to the visitors: routing puts VIP customers first). */
export async function updateCustomer(ctx: Ctx, agent: Agent, id: string, body: TCustomerUpdateBody): Promise<TCustomer> {
  await visibleCustomer(ctx, agent, id);
  await ctx.db.transaction().execute(async (trx) => {
    const set = {
      ...(body.vip !== undefined && { vip: body.vip }),
      ...(body.region !== undefined && { region: body.region || null }),
      ...(body.tags !== undefined && { tags: JSON.stringify([...new Set(body.tags)]) }),
    };
    if (Object.keys(set).length) await trx.updateTable('customers').set(set).where('id', '=', id).where('erased_at', 'is', null).execute();
    await repo.syncVisitorsFromCustomer(trx, id);
  });
  return visibleCustomer(ctx, agent, id);
}

export async function addNote(ctx: Ctx, agent: Agent, id: string, body: string): Promise<TCustomerProfile['notes']> {
  const c = await visibleCustomer(ctx, agent, id);
  if (c.erasedAt) throw new AppError('conflict', 'this customer was erased');
  await ctx.db.insertInto('customer_notes').values({ customer_id: id, author_id: agent.id, body, created_at: ctx.clock() }).execute();
  return repo.listNotes(ctx.db, id);
}

/** One unmasked field, written to the audit log (who, what, when, from where) in the same transaction. */
export async function revealField(ctx: Ctx, actor: TActor, id: string, field: TRevealField): Promise<string | null> {
  await visibleCustomer(ctx, actor.agent, id);
  return ctx.db.transaction().execute(async (trx) => {
    const contact = await repo.contactOf(trx, id);
    if (!contact) throw new AppError('not_found', 'no such customer');
    await recordAudit(trx, { actorId: actor.agent.id, action: 'customer.revealed', targetType: 'customer', targetId: id, detail: { field }, ip: actor.ip }, ctx.clock());
    return contact[field];
  });
}

/** Data subject request: every row of the customer, unmasked, as one JSON document (audited). */
export async function exportCustomer(ctx: Ctx, actor: TActor, id: string): Promise<Record<string, unknown>> {
  await visibleCustomer(ctx, actor.agent, id);
  const now = ctx.clock();
  return ctx.db.transaction().execute(async (trx) => {
    const customer = await trx.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const visitorIds = await repo.visitorIdsOf(trx, id);
    const any = visitorIds.length ? visitorIds : ['00000000-0000-0000-0000-000000000000'];
    const visitors = await trx.selectFrom('visitors').select(['id', 'site_id', 'name', 'email', 'vip', 'created_at', 'last_seen_at']).where('id', 'in', any).execute();
    const conversations = await trx.selectFrom('conversations').selectAll().where('visitor_id', 'in', any).orderBy('created_at').execute();
    const convIds = conversations.length ? conversations.map((c) => c.id) : any;
    const messages = await trx.selectFrom('messages').selectAll().where('conversation_id', 'in', convIds).where('internal', '=', false).orderBy('conversation_id').orderBy('seq').execute();
    const complaints = await trx.selectFrom('complaints').selectAll().where('visitor_id', 'in', any).orderBy('created_at').execute();
    const complaintIds = complaints.length ? complaints.map((c) => c.id) : any;
    const complaintEvents = await trx.selectFrom('complaint_events').selectAll().where('complaint_id', 'in', complaintIds).where('public', '=', true).orderBy('seq').execute();
    const surveys = await trx.selectFrom('surveys').select(['id', 'source', 'conversation_id', 'complaint_id', 'rating', 'comment', 'sent_at', 'answered_at', 'created_at']).where('visitor_id', 'in', any).execute();
    const followUps = await trx.selectFrom('follow_ups').select(['id', 'reason', 'status', 'conversation_id', 'complaint_id', 'due_at', 'outcome', 'notes', 'created_at', 'completed_at']).where('visitor_id', 'in', any).execute();
    const notes = await repo.listNotes(trx, id);
    await recordAudit(
      trx,
      { actorId: actor.agent.id, action: 'customer.exported', targetType: 'customer', targetId: id, detail: { conversations: conversations.length, messages: messages.length, complaints: complaints.length }, ip: actor.ip },
      now,
    );
    return { exportedAt: now.toISOString(), customer, visitors, conversations, messages, complaints, complaintEvents, surveys, followUps, notes };
  });
}

/** Data subject request: erase (anonymise) the customer; statistics keep their rows (audited). */
export async function deleteCustomer(ctx: Ctx, actor: TActor, id: string): Promise<TErasureCounts> {
  await visibleCustomer(ctx, actor.agent, id);
  const now = ctx.clock();
  const { counts, fileIds } = await ctx.db.transaction().execute(async (trx) => {
    const erased = await eraseCustomer(trx, id, now);
    await recordAudit(trx, { actorId: actor.agent.id, action: 'customer.deleted', targetType: 'customer', targetId: id, detail: erased.counts, ip: actor.ip }, now);
    return erased;
  });
  // After the commit: a rolled-back erasure keeps its files; one not deleted now stays queued for the sweep.
  await deleteQueuedFiles(ctx, fileIds);
  return counts;
}
