import { sql } from 'kysely';
import type { TScheduledReport, TScheduledReportFigures, TScheduledReportKind, TScheduledReportStatus } from '@kefu/shared';
import type { DbOrTrx } from '../db/database';
import type { ScheduledReportRow } from './scheduled-reports.table';

/** A claim older than this (a process died while making it) or a failed report may be taken again. */
export const RETRY_AFTER_MS = 15 * 60_000;

export type Claim = { kind: TScheduledReportKind; from: string; to: string; timeZone: string };

/**
 * Takes the (kind, period) report for this process, or returns undefined when another process has
 * it: a new row is inserted (the unique key lets only one insert win), or a stale `making` / old
 * `failed` row is taken over with a conditional update. Atomic in PostgreSQL without a transaction.
 */
export async function claimReport(db: DbOrTrx, c: Claim, now: Date): Promise<string | undefined> {
  const inserted = await db
    .insertInto('scheduled_reports')
    .values({ kind: c.kind, period_from: c.from, period_to: c.to, time_zone: c.timeZone, status: 'making', claimed_at: now })
    .onConflict((oc) => oc.columns(['kind', 'period_from']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return inserted.id;
  const retaken = await db
    .updateTable('scheduled_reports')
    .set({ status: 'making', claimed_at: now, error: null })
    .where('kind', '=', c.kind)
    .where('period_from', '=', c.from)
    .where('status', 'in', ['making', 'failed'])
    .where('claimed_at', '<', new Date(now.getTime() - RETRY_AFTER_MS))
    .returning('id')
    .executeTakeFirst();
  return retaken?.id;
}

export async function finishReport(
  db: DbOrTrx,
  id: string,
  done: { status: Exclude<TScheduledReportStatus, 'making'>; madeAt: Date; recipients: string[]; subject: string | null; figures: TScheduledReportFigures | null; error: string | null },
): Promise<void> {
  await db
    .updateTable('scheduled_reports')
    .set({
      status: done.status,
      made_at: done.madeAt,
      recipients: JSON.stringify(done.recipients),
      subject: done.subject,
      figures: done.figures === null ? null : JSON.stringify(done.figures),
      error: done.error,
    })
    .where('id', '=', id)
    .execute();
}

export function toScheduledReport(r: Omit<ScheduledReportRow, 'figures'>): TScheduledReport {
  return {
    id: r.id,
    kind: r.kind,
    from: r.period_from,
    to: r.period_to,
    timeZone: r.time_zone,
    status: r.status,
    madeAt: r.made_at?.toISOString() ?? null,
    recipients: r.recipients,
    subject: r.subject,
    error: r.error,
  };
}

const LISTED = ['id', 'kind', 'period_from', 'period_to', 'time_zone', 'status', 'claimed_at', 'made_at', 'recipients', 'subject', 'error'] as const;

/** Past reports, newest period first. */
export async function listReports(db: DbOrTrx, opts: { kind?: TScheduledReportKind | undefined; limit: number }): Promise<TScheduledReport[]> {
  let q = db.selectFrom('scheduled_reports').select(LISTED);
  if (opts.kind) q = q.where('kind', '=', opts.kind);
  const rows = await q.orderBy('period_from', 'desc').orderBy(sql`case kind when 'monthly' then 0 when 'weekly' then 1 else 2 end`).limit(opts.limit).execute();
  return rows.map(toScheduledReport);
}

export async function findReport(db: DbOrTrx, id: string): Promise<ScheduledReportRow | undefined> {
  return db.selectFrom('scheduled_reports').selectAll().where('id', '=', id).executeTakeFirst();
}
