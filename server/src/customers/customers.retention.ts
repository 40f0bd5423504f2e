import { sql } from 'kysely';
import type { TErasureCounts } from '@kefu/shared';
import { recordAudit } from '../audit/audit.service';
import type { Ctx } from '../platform/context';
import { eraseComplaints, eraseCustomer } from './customers.erasure';
import { deleteQueuedFiles } from '../attachments/attachments.sweep';
import { startPeriodic } from '../platform/periodic';

const BATCH = 20;
/** Complaint statuses that end a case. */
const CLOSED = ['closed', 'rejected'] as const;

/** `months` calendar months before `now` (UTC). */
export function retentionCutoff(now: Date, months: number): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

export type TRetentionResult = TErasureCounts & { phoneComplaints: number };

/**
 * Retention (KEFU_RETENTION_MONTHS): erases the personal data of customers not seen for N months
 * whose conversations are all resolved, complaints all closed and follow-ups all done more than N
 * months ago, and of phone complaints (no visitor) closed that long ago. Rows are claimed with
 * FOR UPDATE SKIP LOCKED and marked erased in the same transaction, so several processes may sweep
 * at once and a second run finds nothing. Each batch that erased something writes one
 * 'retention.erased' audit entry with its counts.
 */
export async function sweepRetention(ctx: Ctx): Promise<TRetentionResult> {
  const total: TRetentionResult = { customers: 0, visitors: 0, messages: 0, complaints: 0, files: 0, phoneComplaints: 0 };
  const months = ctx.config.retentionMonths;
  if (months <= 0) return total;
  for (;;) {
    const now = ctx.clock();
    const cutoff = retentionCutoff(now, months);
    const batch = await ctx.db.transaction().execute(async (trx) => {
      const customers = await trx
        .selectFrom('customers as c')
        .select('c.id')
        .where('c.erased_at', 'is', null)
        .where('c.last_seen_at', '<', cutoff)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('visitors as v')
                .select('v.id')
                .whereRef('v.customer_id', '=', 'c.id')
                .where((eb) =>
                  eb.or([
                    eb.exists(eb.selectFrom('conversations as cv').select('cv.id').whereRef('cv.visitor_id', '=', 'v.id').where((w) => w.or([w('cv.status', '<>', 'resolved'), w('cv.resolved_at', '>=', cutoff)]))),
                    eb.exists(
                      eb
                        .selectFrom('complaints as k')
                        .select('k.id')
                        .whereRef('k.visitor_id', '=', 'v.id')
                        .where((w) => w.or([w('k.status', 'not in', [...CLOSED]), w(sql`coalesce(k.closed_at, k.updated_at)`, '>=', cutoff)])),
                    ),
                    eb.exists(eb.selectFrom('follow_ups as f').select('f.id').whereRef('f.visitor_id', '=', 'v.id').where((w) => w.or([w('f.status', '=', 'open'), w('f.completed_at', '>=', cutoff)]))),
                  ]),
                ),
            ),
          ),
        )
        .orderBy('c.last_seen_at')
        .limit(BATCH)
        .forUpdate()
        .skipLocked()
        .execute();
      const phone = await trx
        .selectFrom('complaints')
        .select('id')
        .where('visitor_id', 'is', null)
        .where('personal_erased_at', 'is', null)
        .where('status', 'in', [...CLOSED])
        .where(sql`coalesce(closed_at, updated_at)`, '<', cutoff)
        .limit(BATCH)
        .forUpdate()
        .skipLocked()
        .execute();
      const counts: TRetentionResult = { customers: 0, visitors: 0, messages: 0, complaints: 0, files: 0, phoneComplaints: phone.length };
      const fileIds: string[] = [];
      for (const c of customers) {
        const one = await eraseCustomer(trx, c.id, now);
        counts.customers += one.counts.customers;
        counts.visitors += one.counts.visitors;
        counts.messages += one.counts.messages;
        counts.complaints += one.counts.complaints;
        fileIds.push(...one.fileIds);
      }
      if (phone.length) fileIds.push(...(await eraseComplaints(trx, phone.map((p) => p.id), now)));
      counts.files = fileIds.length;
      if (customers.length || phone.length) {
        await recordAudit(trx, { actorId: null, action: 'retention.erased', targetType: 'retention', targetId: null, detail: { ...counts, months, cutoff: cutoff.toISOString() } }, now);
      }
      return { counts, fileIds, more: customers.length === BATCH || phone.length === BATCH };
    });
    // After the commit; what fails here stays queued for the attachment sweep.
    await deleteQueuedFiles(ctx, batch.fileIds);
    for (const k of Object.keys(total) as (keyof TRetentionResult)[]) total[k] += batch.counts[k];
    if (!batch.more) return total;
  }
}

/** Runs the retention sweep hourly in every process (safe: see sweepRetention); off when KEFU_RETENTION_MONTHS is 0. */
export function startRetentionWorker(ctx: Ctx, opts: { intervalMs?: number } = {}): () => Promise<void> {
  if (ctx.config.retentionMonths <= 0) return async () => {};
  return startPeriodic(ctx, 'retention sweep (personal data erased)', () => sweepRetention(ctx), (r) => r.customers > 0 || r.phoneComplaints > 0, opts.intervalMs);
}
