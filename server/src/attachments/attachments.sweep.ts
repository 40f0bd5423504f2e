import { sql } from 'kysely';
import type { DbOrTrx } from '../db/database';
import type { Ctx } from '../platform/context';
import { localAttachmentStore } from './attachments.storage';
import { startPeriodic } from '../platform/periodic';

/** A chat upload no message named within this long is removed (the widget sends right after uploading). */
export const UNSENT_UPLOAD_MS = 24 * 3_600_000;
/** An unfinished write (`<id>.tmp`) this old belongs to no upload any more. */
export const UNFINISHED_WRITE_MS = 3_600_000;

const BATCH = 200;

/** Queues files whose rows this transaction removes; their bytes go after the commit (`deleteQueuedFiles`). */
export async function queueFileDeletions(trx: DbOrTrx, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  await trx.insertInto('attachment_deletions').values(ids.map((id) => ({ id }))).onConflict((oc) => oc.column('id').doNothing()).execute();
}

/**
 * Deletes queued files (only `ids`, or all), each queue row with its file, claimed with SKIP LOCKED
 * so several processes may do this at once. A file that cannot be deleted now stays queued for the
 * next sweep. Returns how many were deleted.
 */
export async function deleteQueuedFiles(ctx: Ctx, ids?: readonly string[]): Promise<number> {
  if (ids && !ids.length) return 0;
  const store = localAttachmentStore(ctx.config.attachments.dir);
  let deleted = 0;
  for (;;) {
    const batch = await ctx.db.transaction().execute(async (trx) => {
      let q = trx.selectFrom('attachment_deletions').select('id').orderBy('queued_at').limit(BATCH).forUpdate().skipLocked();
      if (ids) q = q.where('id', 'in', ids);
      const claimed = await q.execute();
      const done: string[] = [];
      for (const { id } of claimed) {
        try {
          await store.delete(id);
          done.push(id);
        } catch (err) {
          ctx.log.warn('attachment file not deleted (queued for the next sweep)', { id, err: String(err) });
        }
      }
      if (done.length) await trx.deleteFrom('attachment_deletions').where('id', 'in', done).execute();
      return { claimed: claimed.length, done: done.length };
    });
    deleted += batch.done;
    if (batch.claimed < BATCH || batch.done === 0) return deleted;
  }
}

/**
 * Removes what nobody holds, hourly in every process:
 * - chat uploads no message named within UNSENT_UPLOAD_MS — rows claimed with SKIP LOCKED, deleted
 *   and queued in one statement (a send racing the sweep either binds the row first or is refused
 *   with `not_found`), then their files;
 * - queued files an earlier deletion could not remove (or whose process died first);
 * - unfinished writes (`<id>.tmp`) older than UNFINISHED_WRITE_MS, which no row ever names.
 * Files are deleted only because the database queued them: never for want of a row.
 */
export async function sweepAttachments(ctx: Ctx): Promise<{ unsent: number; files: number; unfinished: number }> {
  const now = ctx.clock().getTime();
  const cutoff = new Date(now - UNSENT_UPLOAD_MS);
  let unsent = 0;
  for (;;) {
    const { rows } = await sql<{ id: string }>`
      with gone as (
        delete from message_attachments
        where id in (select id from message_attachments where message_id is null and created_at < ${cutoff} order by created_at limit ${BATCH} for update skip locked)
          and message_id is null
        returning id
      )
      insert into attachment_deletions (id) select id from gone on conflict (id) do nothing returning id`.execute(ctx.db);
    unsent += rows.length;
    if (rows.length < BATCH) break;
  }
  const files = await deleteQueuedFiles(ctx);
  const store = localAttachmentStore(ctx.config.attachments.dir);
  let unfinished = 0;
  // A file's age is the wall clock's (its mtime), not the business clock's.
  const staleBefore = Date.now() - UNFINISHED_WRITE_MS;
  for (const f of await store.list((name) => name.endsWith('.tmp'))) {
    if (f.writtenAt.getTime() >= staleBefore) continue;
    try {
      await store.delete(f.name);
      unfinished++;
    } catch (err) {
      ctx.log.warn('unfinished attachment write not deleted', { name: f.name, err: String(err) });
    }
  }
  return { unsent, files, unfinished };
}

/** Runs `sweepAttachments` hourly in every process (safe: see there), and once at start. */
export function startAttachmentSweep(ctx: Ctx, opts: { intervalMs?: number } = {}): () => Promise<void> {
  return startPeriodic(ctx, 'attachment sweep', () => sweepAttachments(ctx), (r) => r.unsent > 0 || r.files > 0 || r.unfinished > 0, opts.intervalMs);
}
