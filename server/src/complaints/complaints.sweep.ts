import { sql } from 'kysely';
import type { TDeadlineKind } from '@kefu/shared';
import type { Trx } from '../db/database';
import type { Ctx } from '../platform/context';
import * as repo from './complaints.repository';

const BATCH = 50;
const RUNNING = ['submitted', 'accepted', 'in_progress', 'reopened'] as const;

/** Who hears about a deadline: the handler (or owner) before it, the team's supervisors once it is breached. */
async function alertTargets(trx: Trx, c: { handler_id: string | null; owner_id: string | null; team_id: string | null }, kind: 'warning' | 'breach'): Promise<string[]> {
  if (kind === 'warning') {
    const person = c.handler_id ?? c.owner_id;
    if (person) return [person];
  }
  let q = trx.selectFrom('users as u').select('u.id').where('u.active', '=', true).where('u.role', 'in', ['supervisor', 'manager', 'admin']);
  if (c.team_id) q = q.innerJoin('team_members as m', 'm.user_id', 'u.id').where('m.team_id', '=', c.team_id).where('u.role', '=', 'supervisor');
  const rows = await q.execute();
  if (rows.length > 0 || !c.team_id) return rows.map((r) => r.id);
  // A team without a supervisor escalates to the managers.
  return (await trx.selectFrom('users').select('id').where('active', '=', true).where('role', 'in', ['manager', 'admin']).execute()).map((r) => r.id);
}

type Alert = { complaintId: string; kind: 'warning' | 'breach'; deadline: TDeadlineKind; notifyUserIds: string[]; event: Awaited<ReturnType<typeof repo.insertEvent>> };

/**
 * Warns before deadlines (at KEFU_COMPLAINT_WARN_PERCENT of the time) and escalates breaches, each
 * exactly once: rows are claimed with FOR UPDATE SKIP LOCKED and flagged in the same transaction,
 * so any number of server processes may sweep at once. Returns how many alerts were raised.
 */
export async function sweepDeadlines(ctx: Ctx): Promise<number> {
  const share = ctx.config.complaints.warnPercent / 100;
  let total = 0;
  for (;;) {
    const now = ctx.clock();
    const alerts: Alert[] = await ctx.db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom('complaint_deadlines as d')
        .innerJoin('complaints as c', 'c.id', 'd.complaint_id')
        .select(['d.id', 'd.kind', 'd.due_at', 'd.warned_at', 'd.breached_at', 'c.id as complaint_id', 'c.handler_id', 'c.owner_id', 'c.team_id'])
        .where('d.met_at', 'is', null)
        .where('c.status', 'in', [...RUNNING])
        .where((eb) =>
          eb.or([
            eb.and([eb('d.breached_at', 'is', null), eb('d.due_at', '<', now)]),
            eb.and([eb('d.warned_at', 'is', null), eb(sql`d.starts_at + (d.due_at - d.starts_at) * ${share}`, '<=', now)]),
          ]),
        )
        .orderBy('d.due_at')
        .limit(BATCH)
        .forUpdate('d')
        .skipLocked()
        .execute();
      const out: Alert[] = [];
      for (const d of due) {
        const breached = d.due_at.getTime() < now.getTime();
        const kind = breached ? 'breach' : 'warning';
        await trx
          .updateTable('complaint_deadlines')
          .set(breached ? { breached_at: now, warned_at: d.warned_at ?? now } : { warned_at: now })
          .where('id', '=', d.id)
          .execute();
        const notifyUserIds = await alertTargets(trx, d, kind);
        const event = await repo.insertEvent(trx, {
          complaintId: d.complaint_id,
          type: breached ? 'deadline_breached' : 'deadline_warning',
          isPublic: false,
          actorId: null,
          data: { deadline: d.kind, dueAt: d.due_at.toISOString(), notified: notifyUserIds },
          at: now,
        });
        out.push({ complaintId: d.complaint_id, kind, deadline: d.kind, notifyUserIds, event });
      }
      return out;
    });
    for (const a of alerts) {
      ctx.bus.publish('complaint.changed', { complaintId: a.complaintId, event: repo.toEvent(a.event, null) });
      ctx.bus.publish('complaint.deadline_alert', { complaintId: a.complaintId, kind: a.kind, deadline: a.deadline, notifyUserIds: a.notifyUserIds });
    }
    total += alerts.length;
    if (alerts.length < BATCH) return total;
  }
}

/** Closes resolved complaints the customer has not answered for KEFU_COMPLAINT_AUTO_CLOSE_DAYS (0 turns this off). */
export async function autoCloseResolved(ctx: Ctx): Promise<number> {
  const days = ctx.config.complaints.autoCloseDays;
  if (days <= 0) return 0;
  const now = ctx.clock();
  const before = new Date(now.getTime() - days * 86_400_000);
  const closed = await ctx.db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('complaints')
      .select('id')
      .where('status', '=', 'resolved')
      .where('resolved_at', '<', before)
      .limit(BATCH)
      .forUpdate()
      .skipLocked()
      .execute();
    const events = [];
    for (const r of rows) {
      await repo.updateComplaint(trx, r.id, { status: 'closed', closed_at: now, close_reason: 'auto', updated_at: now });
      events.push(await repo.insertEvent(trx, { complaintId: r.id, type: 'closed', isPublic: true, actorId: null, data: { by: 'auto', afterDays: days }, at: now }));
    }
    return events;
  });
  for (const e of closed) ctx.bus.publish('complaint.changed', { complaintId: e.complaint_id, event: repo.toEvent(e, null) });
  return closed.length;
}

export type ComplaintsWorker = { runNow(): Promise<void>; stop(): Promise<void> };

/** Runs the deadline sweep and the auto-close on an interval in every server process. */
export function startComplaintsWorker(ctx: Ctx, opts: { intervalMs?: number } = {}): ComplaintsWorker {
  let running: Promise<void> | null = null;
  let stopped = false;
  const runNow = () => {
    if (stopped) return Promise.resolve();
    running ??= (async () => {
      try {
        await sweepDeadlines(ctx);
        await autoCloseResolved(ctx);
      } catch (err) {
        ctx.log.warn('complaint sweep failed', { err: String(err) });
      }
    })().finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(() => void runNow(), opts.intervalMs ?? 30_000);
  timer.unref();
  return {
    runNow,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
