import { isComplaintOpen, publicStatusOf, type TPublicComplaint, type TPublicComplaintEvent, type TTrackingFeedbackBody, type TVisitorComplaint } from '@kefu/shared';
import type { Ctx } from '../platform/context';
import { AppError } from '../platform/errors';
import { hashToken } from '../platform/secrets';
import type { VisitorRow } from '../sites/sites.table';
import { mintTrackingToken, trackingUrl } from './complaints.filing';
import { listAttachments } from './complaints.attachments';
import * as repo from './complaints.repository';
import { changeComplaint, moveTo, record, slaFor } from './complaints.service';

const PUBLIC_TYPES = new Set<TPublicComplaintEvent['type']>(['created', 'accepted', 'rejected', 'reply', 'customer_info', 'resolved', 'reopened', 'closed', 'rated', 'attachment_added']);

/**
 * The complaint of a tracking token. Wrong, expired and guessed tokens all get the same 404 after
 * the same work: hash the token, one indexed lookup (no comparison of secrets in our code).
 */
export async function complaintIdOf(ctx: Ctx, token: string): Promise<string> {
  const id = await repo.findComplaintIdByTokenHash(ctx.db, hashToken(token), ctx.clock());
  if (!id) throw new AppError('not_found', 'no such complaint');
  return id;
}

/** The tracking page's view: plain-words status, public timeline, promised resolution time. */
export async function publicView(ctx: Ctx, token: string): Promise<TPublicComplaint> {
  const id = await complaintIdOf(ctx, token);
  const row = await ctx.db.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const [events, deadlines, attachments] = await Promise.all([repo.listEvents(ctx.db, id, { publicOnly: true }), repo.listDeadlines(ctx.db, id), listAttachments(ctx.db, id)]);
  const resolution = deadlines.filter((d) => d.kind === 'resolution' && d.metAt === null).at(-1);
  return {
    number: row.number,
    status: publicStatusOf(row.status),
    category: row.category,
    description: row.description,
    locale: row.locale,
    createdAt: row.created_at.toISOString(),
    dueAt: resolution ? resolution.dueAt : null,
    canAddInfo: isComplaintOpen(row.status),
    awaitingFeedback: row.status === 'resolved',
    rating: row.rating,
    attachments,
    timeline: events
      .filter((e): e is typeof e & { type: TPublicComplaintEvent['type'] } => PUBLIC_TYPES.has(e.type as TPublicComplaintEvent['type']))
      .map((e) => ({ type: e.type, text: e.text, at: e.at })),
  };
}

/** The customer adds information while the complaint is open. */
export async function addInfo(ctx: Ctx, token: string, text: string): Promise<TPublicComplaint> {
  const id = await complaintIdOf(ctx, token);
  await changeComplaint(ctx, id, async (ch) => {
    if (!isComplaintOpen(ch.complaint.status)) throw new AppError('invalid_transition', 'this complaint is finished; file a new one if you need more help');
    await record(ch, 'customer_info', { isPublic: true, actorId: null, text });
  });
  return publicView(ctx, token);
}

/**
 * "Satisfied?" after resolution: yes closes it with a 1–5 rating; no reopens it
 * (直至客户满意为止), counts the reopen and starts a new resolution deadline.
 */
export async function answerFeedback(ctx: Ctx, token: string, body: TTrackingFeedbackBody): Promise<TPublicComplaint> {
  const id = await complaintIdOf(ctx, token);
  await changeComplaint(ctx, id, async (ch) => {
    if (body.satisfied) {
      await moveTo(ch, 'closed', { closed_at: ch.now, close_reason: 'satisfied', rating: body.rating, rating_comment: body.comment || null });
      await record(ch, 'rated', { isPublic: true, actorId: null, text: body.comment || null, data: { rating: body.rating } });
      await record(ch, 'closed', { isPublic: true, actorId: null, data: { by: 'customer' } });
      return;
    }
    const reopenCount = ch.complaint.reopen_count + 1;
    await moveTo(ch, 'reopened', { reopen_count: reopenCount, resolved_at: null });
    const sla = await slaFor(ch.trx, ch.complaint.category, ch.complaint.priority);
    if (sla) await repo.insertDeadline(ch.trx, id, 'resolution', ch.now, sla.resolution(ch.now));
    await record(ch, 'reopened', { isPublic: true, actorId: null, text: body.comment || null, data: { reopenCount } });
  });
  return publicView(ctx, token);
}

/** The widget's "My complaints": this visitor's complaints in customer words. */
export async function listForVisitor(ctx: Ctx, visitor: VisitorRow): Promise<TVisitorComplaint[]> {
  const rows = await repo.listVisitorComplaints(ctx.db, visitor.id);
  return rows.map((r) => ({ id: r.id, number: r.number, status: publicStatusOf(r.status), category: r.category, createdAt: r.created_at.toISOString() }));
}

/** A fresh tracking link for one of the visitor's own complaints (links are stored only as hashes). */
export async function linkForVisitor(ctx: Ctx, visitor: VisitorRow, complaintId: string): Promise<string> {
  const row = await ctx.db.selectFrom('complaints').select('visitor_id').where('id', '=', complaintId).executeTakeFirst();
  if (!row || row.visitor_id !== visitor.id) throw new AppError('not_found', 'no such complaint');
  return trackingUrl(ctx, await mintTrackingToken(ctx, complaintId));
}
