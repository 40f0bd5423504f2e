import { maskEmail, type TFollowUp, type TFollowUpFilter } from '@kefu/shared';
import { sql } from 'kysely';
import type { DbOrTrx } from '../db/database';

/** Follow-ups with customer, survey, batch and assignee joined, in due order. */
export async function listFollowUps(
  db: DbOrTrx,
  now: Date,
  where: { assigneeId?: string; status?: 'open' | 'done'; id?: string; batchId?: string },
): Promise<TFollowUp[]> {
  let q = db
    .selectFrom('follow_ups as f')
    .innerJoin('visitors as v', 'v.id', 'f.visitor_id')
    .innerJoin('users as u', 'u.id', 'f.assignee_id')
    .leftJoin('surveys as s', 's.id', 'f.survey_id')
    .leftJoin('follow_up_batches as b', 'b.id', 'f.batch_id')
    .selectAll('f')
    .select(['v.name as visitor_name', 'v.email as visitor_email', 'v.vip', 'u.name as assignee_name', 's.rating', 's.comment as rating_comment', 'b.name as batch_name']);
  if (where.id) q = q.where('f.id', '=', where.id);
  if (where.assigneeId) q = q.where('f.assignee_id', '=', where.assigneeId);
  if (where.status) q = q.where('f.status', '=', where.status);
  if (where.batchId) q = q.where('f.batch_id', '=', where.batchId);
  const rows = await q.orderBy('f.status', 'desc').orderBy('f.due_at', 'asc').limit(500).execute();
  return rows.map((r) => ({
    id: r.id,
    reason: r.reason,
    status: r.status,
    visitorId: r.visitor_id,
    visitorName: r.visitor_name,
    visitorEmail: r.visitor_email ? maskEmail(r.visitor_email) : null,
    vip: r.vip,
    conversationId: r.conversation_id,
    surveyId: r.survey_id,
    rating: r.rating,
    ratingComment: r.rating_comment,
    batchId: r.batch_id,
    batchName: r.batch_name,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    dueAt: r.due_at.toISOString(),
    overdue: r.status === 'open' && r.due_at < now,
    outcome: r.outcome,
    notes: r.notes,
    callbackAt: r.callback_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    completedAt: r.completed_at?.toISOString() ?? null,
  }));
}

export type TCandidate = { visitorId: string; conversationId: string | null; surveyId: string | null };

/**
 * Customers matching a batch filter (every given condition), with their latest resolved
 * conversation and lowest rated survey in range, at most `limit`.
 */
export async function findCandidates(db: DbOrTrx, f: TFollowUpFilter, limit: number): Promise<TCandidate[]> {
  const from = f.resolvedFrom ? new Date(f.resolvedFrom) : null;
  const to = f.resolvedTo ? new Date(f.resolvedTo) : null;
  let q = db.selectFrom('visitors as v').select('v.id');
  if (f.siteId) q = q.where('v.site_id', '=', f.siteId);
  if (f.vip !== undefined) q = q.where('v.vip', '=', f.vip);
  if (f.closedComplaints) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('complaints as k')
          .select('k.id')
          .whereRef('k.visitor_id', '=', 'v.id')
          .where('k.status', '=', 'closed')
          .$if(!!from, (w) => w.where('k.closed_at', '>=', from!))
          .$if(!!to, (w) => w.where('k.closed_at', '<', to!)),
      ),
    );
  } else if (from || to) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('conversations as c')
          .select('c.id')
          .whereRef('c.visitor_id', '=', 'v.id')
          .where('c.status', '=', 'resolved')
          .$if(!!from, (w) => w.where('c.resolved_at', '>=', from!))
          .$if(!!to, (w) => w.where('c.resolved_at', '<', to!)),
      ),
    );
  }
  if (f.maxRating !== undefined) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('surveys as s')
          .select('s.id')
          .whereRef('s.visitor_id', '=', 'v.id')
          .where('s.rating', '<=', f.maxRating!)
          .$if(!!from, (w) => w.where('s.answered_at', '>=', from!))
          .$if(!!to, (w) => w.where('s.answered_at', '<', to!)),
      ),
    );
  }
  const visitors = await q.orderBy('v.created_at').orderBy('v.id').limit(limit).execute();
  if (visitors.length === 0) return [];
  const ids = visitors.map((v) => v.id);
  const convs = await db
    .selectFrom('conversations')
    .select(['visitor_id', 'id'])
    .distinctOn('visitor_id')
    .where('visitor_id', 'in', ids)
    .where('status', '=', 'resolved')
    .orderBy('visitor_id')
    .orderBy('resolved_at', 'desc')
    .execute();
  const low = await db
    .selectFrom('surveys')
    .select(['visitor_id', 'id'])
    .distinctOn('visitor_id')
    .where('visitor_id', 'in', ids)
    .where('rating', 'is not', null)
    .orderBy('visitor_id')
    .orderBy('rating', 'asc')
    .orderBy(sql`answered_at`, 'desc')
    .execute();
  const conv = new Map(convs.map((c) => [c.visitor_id, c.id]));
  const survey = new Map(low.map((s) => [s.visitor_id, s.id]));
  return ids.map((id) => ({ visitorId: id, conversationId: conv.get(id) ?? null, surveyId: f.maxRating !== undefined ? (survey.get(id) ?? null) : null }));
}

/**
 * Who follows up a low rating: a supervisor of the credited agent's teams (the conversation's team
 * first), else any supervisor, else a manager or admin; the one with fewest open follow-ups.
 */
export async function pickSupervisor(db: DbOrTrx, agentId: string | null, teamId: string | null): Promise<string | null> {
  const teamIds = new Set<string>();
  if (teamId) teamIds.add(teamId);
  if (agentId) {
    for (const t of await db.selectFrom('team_members').select('team_id').where('user_id', '=', agentId).execute()) teamIds.add(t.team_id);
  }
  const openCount = (eb: any) =>
    eb.selectFrom('follow_ups as f').select(eb.fn.countAll().as('n')).whereRef('f.assignee_id', '=', 'u.id').where('f.status', '=', 'open');
  const tiers: { roles: ('supervisor' | 'manager' | 'admin')[]; teams: boolean }[] = [
    { roles: ['supervisor'], teams: true },
    { roles: ['supervisor'], teams: false },
    { roles: ['manager', 'admin'], teams: false },
  ];
  for (const tier of tiers) {
    if (tier.teams && teamIds.size === 0) continue;
    let q = db.selectFrom('users as u').select(['u.id']).select((eb) => openCount(eb).as('open')).where('u.active', '=', true).where('u.role', 'in', tier.roles);
    if (tier.teams) q = q.where('u.id', 'in', db.selectFrom('team_members').select('user_id').where('team_id', 'in', [...teamIds]));
    if (agentId) q = q.where('u.id', '<>', agentId);
    const row = await q.orderBy(sql`open`, 'asc').orderBy('u.created_at').limit(1).executeTakeFirst();
    if (row) return row.id;
  }
  return null;
}
