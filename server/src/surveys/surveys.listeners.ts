import type { Ctx } from '../platform/context';
import { recordComplaintRating, scheduleForResolution, sendDueSurveys } from './surveys.service';

/**
 * Survey side effects: a survey per resolved conversation (site policy), and a sweep that sends
 * delayed ones when their time comes. A complaint's "satisfied" rating on its tracking page becomes
 * an answered survey credited to the complaint's owner, so CSAT and low-rating follow-ups cover it.
 */
export function listenForSurveys(ctx: Ctx, opts: { sweepMs?: number } = {}): () => void {
  const off = ctx.bus.on('conversation.resolved', async (ev) => {
    await scheduleForResolution(ctx, ev);
  });
  // Agents viewing the conversation refresh its rating (the portal refetches on conversation:updated).
  const offAnswered = ctx.bus.on('survey.answered', async ({ surveyId }) => {
    const row = await ctx.db.selectFrom('surveys').select('conversation_id').where('id', '=', surveyId).executeTakeFirst();
    if (row?.conversation_id) ctx.bus.publish('conversation.updated', { conversationId: row.conversation_id });
  });
  const offComplaints = ctx.bus.on('complaint.changed', async ({ complaintId, event }) => {
    if (event?.type !== 'rated') return;
    const rating = Number(event.data['rating']);
    if (Number.isInteger(rating)) await recordComplaintRating(ctx, complaintId, rating, event.text ?? null);
  });
  const timer = setInterval(() => {
    sendDueSurveys(ctx).catch((err: unknown) => ctx.log.error('survey sweep failed', { err: String(err) }));
  }, opts.sweepMs ?? 15_000);
  timer.unref();
  return () => {
    off();
    offAnswered();
    offComplaints();
    clearInterval(timer);
  };
}
