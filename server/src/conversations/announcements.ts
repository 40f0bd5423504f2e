import type { DbOrTrx } from '../db/database';
import type { Ctx } from '../platform/context';
import { getConversation } from './conversations.repository';

/**
 * Changes of a conversation's state (assignment, claim, transfer, resolve, …) are told after their
 * commit. A process killed between the two would leave the agents' inboxes and the customer's
 * widget unaware; so the change's transaction writes a row here (`note`) and the process deletes it
 * once it has published (`clear`). Rows left behind are announced by any process's routing sweep
 * (`announceUnannounced`). Times are the wall clock: this is about processes, not business time.
 */

/** An announcement older than this is taken to be lost (its process died between commit and publish). */
export const ANNOUNCE_GRACE_MS = 5000;

/** In the change's transaction: these conversations changed at `at` and are still to be told. */
export async function noteChanged(trx: DbOrTrx, conversationIds: readonly string[], at: Date): Promise<void> {
  if (!conversationIds.length) return;
  // In key order, as a delete finds them: two writers never take these rows' locks in opposite orders.
  await trx
    .insertInto('conversation_announcements')
    .values([...new Set(conversationIds)].sort().map((id) => ({ conversation_id: id, changed_at: at })))
    .onConflict((oc) => oc.column('conversation_id').doUpdateSet({ changed_at: at }))
    .execute();
}

/** After the publish: told. Only the rows of this change (a later change by another process keeps its own). */
export function clearAnnounced(ctx: Ctx, conversationIds: readonly string[], at: Date): void {
  if (!conversationIds.length) return;
  void ctx.db
    .deleteFrom('conversation_announcements')
    .where('conversation_id', 'in', [...conversationIds])
    .where('changed_at', '=', at)
    .execute()
    .catch((err: unknown) => ctx.log.warn('announcements not cleared (the sweep will tell them again)', { err: String(err) }));
}

/**
 * Announces changes whose process died before telling anyone: each conversation as it is now (read
 * fresh), its row deleted in the same transaction after the publish — a process killed in between
 * leaves it for the next sweep; told twice is harmless (clients apply a state by its `lastSeq`).
 * Rows are claimed with SKIP LOCKED, so any process may sweep.
 */
export async function announceUnannounced(ctx: Ctx): Promise<number> {
  const before = new Date(Date.now() - ANNOUNCE_GRACE_MS);
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('conversation_announcements')
      .select('conversation_id')
      .where('changed_at', '<', before)
      .orderBy('changed_at')
      .limit(100)
      .forUpdate()
      .skipLocked()
      .execute();
    if (!rows.length) return 0;
    const teams = new Set<string | null>();
    for (const r of rows) {
      const conversation = await getConversation(trx, r.conversation_id);
      if (!conversation) continue;
      teams.add(conversation.teamId);
      ctx.bus.publish('conversation.updated', { conversationId: conversation.id, conversation, change: 'state' });
    }
    for (const teamId of teams) ctx.bus.publish('queue.changed', { teamId });
    await trx.deleteFrom('conversation_announcements').where('conversation_id', 'in', rows.map((r) => r.conversation_id)).execute();
    return rows.length;
  });
}
