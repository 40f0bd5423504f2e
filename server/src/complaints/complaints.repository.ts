import { sql, type Updateable } from 'kysely';
import type {
  TAppliedDeadline,
  TComplaint,
  TComplaintBoardQuery,
  TComplaintEvent,
  TComplaintEventType,
  TComplaintStatus,
  TDeadlineKind,
  TDeadlineState,
} from '@kefu/shared';
import { maskEmail, maskPhone } from '@kefu/shared';
import type { DbOrTrx, Trx } from '../db/database';
import type { ComplaintEventRow, ComplaintRow, ComplaintsTable, DeadlineRow } from './complaints.table';

/** Hands out the next number of `day` (YYYYMMDD): KS20261122-0007. The upsert serialises concurrent filings. */
export async function nextComplaintNumber(trx: Trx, day: string): Promise<string> {
  const { last } = await trx
    .insertInto('complaint_number_days')
    .values({ day, last: 1 })
    .onConflict((oc) => oc.column('day').doUpdateSet({ last: sql`complaint_number_days.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return `KS${day}-${String(last).padStart(4, '0')}`;
}

export async function insertComplaint(trx: Trx, values: Omit<ComplaintsTable, 'id' | 'reopen_count' | 'personal_erased_at'>): Promise<ComplaintRow> {
  return trx.insertInto('complaints').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Locks the complaint row for a status change (requires a transaction). */
export async function lockComplaint(trx: Trx, id: string): Promise<ComplaintRow | undefined> {
  return trx.selectFrom('complaints').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateComplaint(trx: Trx, id: string, set: Omit<Updateable<ComplaintsTable>, 'id'>): Promise<void> {
  await trx.updateTable('complaints').set(set).where('id', '=', id).execute();
}

export async function insertEvent(
  trx: Trx,
  e: { complaintId: string; type: TComplaintEventType; isPublic: boolean; actorId: string | null; text?: string | null; data?: Record<string, unknown>; at: Date },
): Promise<ComplaintEventRow> {
  return trx
    .insertInto('complaint_events')
    .values({ complaint_id: e.complaintId, type: e.type, public: e.isPublic, actor_id: e.actorId, text: e.text ?? null, data: JSON.stringify(e.data ?? {}), created_at: e.at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listEvents(db: DbOrTrx, complaintId: string, opts: { publicOnly?: boolean } = {}): Promise<TComplaintEvent[]> {
  let q = db
    .selectFrom('complaint_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .selectAll('e')
    .select('u.name as actor_name')
    .where('e.complaint_id', '=', complaintId);
  if (opts.publicOnly) q = q.where('e.public', '=', true);
  const rows = await q.orderBy('e.seq').execute();
  return rows.map((r) => toEvent(r, r.actor_name));
}

export function toEvent(r: ComplaintEventRow, actorName: string | null): TComplaintEvent {
  return { id: r.id, type: r.type, public: r.public, actorId: r.actor_id, actorName, text: r.text, data: r.data, at: r.created_at.toISOString() };
}

export async function insertTrackingToken(db: DbOrTrx, complaintId: string, tokenHash: string, expiresAt: Date): Promise<void> {
  await db.insertInto('complaint_tracking_tokens').values({ token_hash: tokenHash, complaint_id: complaintId, expires_at: expiresAt }).execute();
}

/** The complaint of a tracking token hash: one indexed equality lookup, the same work for any token. */
export async function findComplaintIdByTokenHash(db: DbOrTrx, tokenHash: string, now: Date): Promise<string | undefined> {
  const row = await db
    .selectFrom('complaint_tracking_tokens')
    .select('complaint_id')
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row?.complaint_id;
}

// ---- deadlines (the SLA applied to one complaint) ----

export async function findSlaPolicy(db: DbOrTrx, category: string, priority: string) {
  return db
    .selectFrom('complaint_sla_policies')
    .selectAll()
    .where('priority', '=', priority as never)
    .where((eb) => eb.or([eb('category', '=', category as never), eb('category', 'is', null)]))
    .orderBy(sql`category is null`)
    .executeTakeFirst();
}

export async function insertDeadline(trx: Trx, complaintId: string, kind: TDeadlineKind, startsAt: Date, dueAt: Date): Promise<void> {
  await trx.insertInto('complaint_deadlines').values({ complaint_id: complaintId, kind, starts_at: startsAt, due_at: dueAt, met_at: null, warned_at: null, breached_at: null }).execute();
}

/** Marks the open deadlines of a complaint as met (all kinds when `kind` is omitted). */
export async function meetDeadlines(trx: Trx, complaintId: string, at: Date, kind?: TDeadlineKind): Promise<void> {
  let q = trx.updateTable('complaint_deadlines').set({ met_at: at }).where('complaint_id', '=', complaintId).where('met_at', 'is', null);
  if (kind) q = q.where('kind', '=', kind);
  await q.execute();
}

/** Moves the open deadlines of a complaint (priority or category changed), clearing their flags. */
export async function moveOpenDeadlines(trx: Trx, complaintId: string, dueByKind: Record<TDeadlineKind, (startsAt: Date) => Date>): Promise<void> {
  const open = await trx.selectFrom('complaint_deadlines').selectAll().where('complaint_id', '=', complaintId).where('met_at', 'is', null).execute();
  for (const d of open) {
    await trx.updateTable('complaint_deadlines').set({ due_at: dueByKind[d.kind](d.starts_at), warned_at: null, breached_at: null }).where('id', '=', d.id).execute();
  }
}

export async function listDeadlines(db: DbOrTrx, complaintId: string): Promise<TAppliedDeadline[]> {
  const rows = await db.selectFrom('complaint_deadlines').selectAll().where('complaint_id', '=', complaintId).orderBy('starts_at').orderBy('kind').execute();
  return rows.map(toDeadline);
}

function toDeadline(d: DeadlineRow): TAppliedDeadline {
  const iso = (x: Date | null) => (x ? x.toISOString() : null);
  return { kind: d.kind, startsAt: d.starts_at.toISOString(), dueAt: d.due_at.toISOString(), metAt: iso(d.met_at), warnedAt: iso(d.warned_at), breachedAt: iso(d.breached_at) };
}

/** on_time / at_risk / breached for a deadline that started at `startsAt` and falls due at `dueAt`. */
export function deadlineState(startsAt: Date, dueAt: Date, now: Date, warnPercent: number): TDeadlineState {
  if (now.getTime() > dueAt.getTime()) return 'breached';
  const warnAt = startsAt.getTime() + ((dueAt.getTime() - startsAt.getTime()) * warnPercent) / 100;
  return now.getTime() >= warnAt ? 'at_risk' : 'on_time';
}

// ---- board and detail ----

export type ComplaintVisibility = { all: true } | { all: false; userId: string; teamIds: string[] };

function baseQuery(db: DbOrTrx) {
  return db
    .selectFrom('complaints as c')
    .leftJoin('users as o', 'o.id', 'c.owner_id')
    .leftJoin('users as h', 'h.id', 'c.handler_id')
    .leftJoin('teams as t', 't.id', 'c.team_id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('complaint_deadlines as d')
          .select(['d.due_at', 'd.starts_at'])
          .whereRef('d.complaint_id', '=', 'c.id')
          .where('d.met_at', 'is', null)
          .orderBy('d.due_at')
          .limit(1)
          .as('dl'),
      (join) => join.onTrue(),
    )
    .selectAll('c')
    .select(['o.name as owner_name', 'h.name as handler_name', 't.name as team_name', 'dl.due_at as dl_due_at', 'dl.starts_at as dl_starts_at']);
}
type BoardRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toComplaint(r: BoardRow, now: Date, warnPercent: number): TComplaint {
  const iso = (x: Date | null) => (x ? x.toISOString() : null);
  const due = r.dl_due_at && r.dl_starts_at ? { dueAt: r.dl_due_at, state: deadlineState(r.dl_starts_at, r.dl_due_at, now, warnPercent) } : null;
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    channel: r.channel,
    category: r.category,
    priority: r.priority,
    description: r.description,
    customerName: r.customer_name,
    // Masked for every agent (docs/confidentiality.md); mails read the row, not this shape.
    contactPhone: r.contact_phone ? maskPhone(r.contact_phone) : null,
    contactEmail: r.contact_email ? maskEmail(r.contact_email) : null,
    locale: r.locale,
    siteId: r.site_id,
    visitorId: r.visitor_id,
    conversationId: r.conversation_id,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    teamId: r.team_id,
    teamName: r.team_name,
    handlerId: r.handler_id,
    handlerName: r.handler_name,
    rejectionReason: r.rejection_reason,
    resolution: r.resolution,
    reopenCount: r.reopen_count,
    rating: r.rating,
    ratingComment: r.rating_comment,
    dueAt: due ? due.dueAt.toISOString() : null,
    deadlineState: due ? due.state : null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    resolvedAt: iso(r.resolved_at),
    closedAt: iso(r.closed_at),
  };
}

export async function getComplaint(db: DbOrTrx, id: string, now: Date, warnPercent: number): Promise<TComplaint | undefined> {
  const row = await baseQuery(db).where('c.id', '=', id).executeTakeFirst();
  return row ? toComplaint(row, now, warnPercent) : undefined;
}

type BoardFilter = Omit<TComplaintBoardQuery, 'status' | 'sort' | 'limit'>;

function filtered(db: DbOrTrx, vis: ComplaintVisibility, f: BoardFilter, now: Date) {
  let q = baseQuery(db);
  if (!vis.all) {
    const { userId, teamIds } = vis;
    q = q.where((eb) =>
      eb.or([eb('c.owner_id', '=', userId), eb('c.handler_id', '=', userId), ...(teamIds.length ? [eb('c.team_id', 'in', teamIds)] : [])]),
    );
  }
  if (f.category) q = q.where('c.category', '=', f.category);
  if (f.priority) q = q.where('c.priority', '=', f.priority);
  if (f.teamId) q = q.where('c.team_id', '=', f.teamId);
  if (f.handlerId) q = q.where('c.handler_id', '=', f.handlerId);
  if (f.overdue) q = q.where('dl.due_at', '<', now);
  return q;
}

/** The board: filtered complaints, soonest deadline first (or newest first), and counts per status. */
export async function listComplaints(
  db: DbOrTrx,
  vis: ComplaintVisibility,
  query: TComplaintBoardQuery,
  now: Date,
  warnPercent: number,
): Promise<{ complaints: TComplaint[]; counts: Record<TComplaintStatus, number> }> {
  let q = filtered(db, vis, query, now);
  if (query.status) q = q.where('c.status', '=', query.status);
  q = query.sort === 'due' ? q.orderBy(sql`dl.due_at asc nulls last`).orderBy('c.created_at', 'desc') : q.orderBy('c.created_at', 'desc');
  const rows = await q.limit(query.limit).execute();
  const countRows = await filtered(db, vis, query, now)
    .clearSelect()
    .select(['c.status', sql<number>`count(*)::int`.as('n')])
    .groupBy('c.status')
    .execute();
  const counts = { submitted: 0, accepted: 0, rejected: 0, in_progress: 0, resolved: 0, reopened: 0, closed: 0 } satisfies Record<TComplaintStatus, number>;
  for (const r of countRows) counts[r.status] = Number(r.n);
  return { complaints: rows.map((r) => toComplaint(r, now, warnPercent)), counts };
}

/** A visitor's complaints, newest first (the widget's "My complaints"). */
export async function listVisitorComplaints(db: DbOrTrx, visitorId: string): Promise<ComplaintRow[]> {
  return db.selectFrom('complaints').selectAll().where('visitor_id', '=', visitorId).orderBy('created_at', 'desc').limit(50).execute();
}
