import { sql, type ExpressionBuilder } from 'kysely';
import { maskEmail, maskPhone, roleAtLeast, type TCustomer, type TCustomerNote, type TCustomerProfile, type TCustomerSearch } from '@kefu/shared';
import type { Database, DbOrTrx, Trx } from '../db/database';
import type { Agent } from '../conversations/conversations.access';
import type { CustomerRow } from './customers.table';

export async function insertCustomer(db: DbOrTrx, c: { siteId: string; externalId: string | null; verified: boolean; now: Date; id?: string }): Promise<string> {
  const row = await db
    .insertInto('customers')
    .values({ ...(c.id && { id: c.id }), site_id: c.siteId, external_id: c.externalId, verified: c.verified, name: null, email: null, phone: null, region: null, tags: '[]', created_at: c.now, last_seen_at: c.now, erased_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A visitor's anonymous customer: the visitor's id, nothing known of them yet. */
export function anonymousCustomer(visitor: { id: string; siteId: string; vip: boolean }, now: Date) {
  return { id: visitor.id, site_id: visitor.siteId, external_id: null, verified: false, name: null, email: null, phone: null, vip: visitor.vip, region: null, tags: '[]', created_at: now, last_seen_at: now, erased_at: null };
}

/** The visitor's customer, creating its anonymous one (same id as the visitor) when it has none yet. */
export async function ensureVisitorCustomer(trx: Trx, visitorId: string, now: Date): Promise<string> {
  const v = await trx.selectFrom('visitors').select(['id', 'site_id', 'customer_id', 'vip']).where('id', '=', visitorId).forUpdate().executeTakeFirstOrThrow();
  if (v.customer_id) {
    await trx.updateTable('customers').set({ last_seen_at: now }).where('id', '=', v.customer_id).execute();
    return v.customer_id;
  }
  await trx
    .insertInto('customers')
    .values(anonymousCustomer({ id: v.id, siteId: v.site_id, vip: v.vip }, now))
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  await setVisitorCustomer(trx, v.id, v.id);
  return v.id;
}

export async function customerOfVisitor(db: DbOrTrx, visitorId: string): Promise<CustomerRow | undefined> {
  return db.selectFrom('customers as c').innerJoin('visitors as v', 'v.customer_id', 'c.id').selectAll('c').where('v.id', '=', visitorId).executeTakeFirst();
}

export async function findByExternalId(trx: Trx, siteId: string, externalId: string): Promise<CustomerRow | undefined> {
  return trx.selectFrom('customers').selectAll().where('site_id', '=', siteId).where('external_id', '=', externalId).forUpdate().executeTakeFirst();
}

export async function findCustomerRow(db: DbOrTrx, id: string): Promise<CustomerRow | undefined> {
  return db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setVisitorCustomer(db: DbOrTrx, visitorId: string, customerId: string): Promise<void> {
  await db.updateTable('visitors').set({ customer_id: customerId }).where('id', '=', visitorId).execute();
}

/** Merges an anonymous customer into `intoId`: its visitors (and so their conversations), notes and tags; then removes it. */
export async function absorbAnonymousCustomer(trx: Trx, fromId: string, intoId: string): Promise<void> {
  const from = await trx.selectFrom('customers').select(['tags', 'vip']).where('id', '=', fromId).executeTakeFirst();
  await trx.updateTable('visitors').set({ customer_id: intoId }).where('customer_id', '=', fromId).execute();
  await trx.updateTable('customer_notes').set({ customer_id: intoId }).where('customer_id', '=', fromId).execute();
  if (from?.tags.length) {
    const into = await trx.selectFrom('customers').select('tags').where('id', '=', intoId).executeTakeFirstOrThrow();
    await trx.updateTable('customers').set({ tags: JSON.stringify([...new Set([...into.tags, ...from.tags])]) }).where('id', '=', intoId).execute();
  }
  await trx.deleteFrom('customers').where('id', '=', fromId).where('verified', '=', false).execute();
}

/** Visitors carry the VIP flag (routing reads it) and the name/email shown in inboxes: copy them from the profile. */
export async function syncVisitorsFromCustomer(db: DbOrTrx, customerId: string): Promise<void> {
  const c = await db.selectFrom('customers').select(['vip', 'name', 'email', 'verified']).where('id', '=', customerId).executeTakeFirstOrThrow();
  await db
    .updateTable('visitors')
    .set({ vip: c.vip, ...(c.verified && c.name && { name: c.name }), ...(c.verified && c.email && { email: c.email }) })
    .where('customer_id', '=', customerId)
    .execute();
}

/** Customers an agent may see: supervisors all; agents those with a conversation they may see (as in surveys.routes). */
function visibleTo(agent: Agent) {
  return (eb: ExpressionBuilder<Database & { c: Database['customers'] }, 'c'>) =>
    eb.exists(
      eb
        .selectFrom('conversations as cv')
        .innerJoin('visitors as vv', 'vv.id', 'cv.visitor_id')
        .select('cv.id')
        .whereRef('vv.customer_id', '=', 'c.id')
        .where((w) =>
          w.or([
            w('cv.team_id', 'is', null),
            w('cv.assignee_id', '=', agent.id),
            w('cv.owner_id', '=', agent.id),
            ...(agent.teamIds.length ? [w('cv.team_id', 'in', agent.teamIds)] : []),
          ]),
        ),
    );
}

function selectCustomers(db: DbOrTrx) {
  // An anonymous contact shows what its visitor typed into forms (never matched to anyone else).
  const visitorField = (f: 'name' | 'email') =>
    sql<string | null>`(select v.${sql.ref(f)} from visitors v where v.customer_id = c.id and v.${sql.ref(f)} is not null order by v.last_seen_at desc limit 1)`;
  return db
    .selectFrom('customers as c')
    .innerJoin('sites as s', 's.id', 'c.site_id')
    .selectAll('c')
    .select(['s.name as site_name', visitorField('name').as('visitor_name'), visitorField('email').as('visitor_email')]);
}
type JoinedCustomer = CustomerRow & { site_name: string; visitor_name: string | null; visitor_email: string | null };

/** The wire shape, with phone and email masked (reveal is a separate, audited call). */
export function toCustomer(r: JoinedCustomer): TCustomer {
  const email = r.email ?? r.visitor_email;
  return {
    id: r.id,
    siteId: r.site_id,
    siteName: r.site_name,
    externalId: r.external_id,
    verified: r.verified,
    name: r.name ?? r.visitor_name,
    email: email ? maskEmail(email) : null,
    phone: r.phone ? maskPhone(r.phone) : null,
    vip: r.vip,
    region: r.region,
    tags: r.tags,
    createdAt: r.created_at.toISOString(),
    lastSeenAt: r.last_seen_at.toISOString(),
    erasedAt: r.erased_at?.toISOString() ?? null,
  };
}

/** The unmasked contact values (for reveal and export only). */
export async function contactOf(db: DbOrTrx, id: string): Promise<{ email: string | null; phone: string | null } | undefined> {
  const r = await selectCustomers(db).where('c.id', '=', id).executeTakeFirst();
  return r ? { email: r.email ?? r.visitor_email, phone: r.phone } : undefined;
}

export async function getCustomer(db: DbOrTrx, id: string, agent: Agent): Promise<TCustomer | undefined> {
  let q = selectCustomers(db).where('c.id', '=', id);
  if (!roleAtLeast(agent.role, 'supervisor')) q = q.where(visibleTo(agent));
  const r = await q.executeTakeFirst();
  return r ? toCustomer(r) : undefined;
}

export async function searchCustomers(db: DbOrTrx, agent: Agent, s: TCustomerSearch): Promise<TCustomer[]> {
  let q = selectCustomers(db).orderBy('c.last_seen_at', 'desc').limit(s.limit);
  if (!roleAtLeast(agent.role, 'supervisor')) q = q.where(visibleTo(agent));
  if (s.siteId) q = q.where('c.site_id', '=', s.siteId);
  if (s.vip) q = q.where('c.vip', '=', true);
  if (s.q) {
    const like = `%${s.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    const digits = s.q.replace(/\D/g, '');
    q = q.where((eb) =>
      eb.or([
        eb('c.name', 'ilike', like),
        eb('c.email', 'ilike', like),
        eb('c.external_id', 'ilike', like),
        ...(digits.length >= 3 ? [eb(sql`regexp_replace(coalesce(c.phone, ''), '\\D', '', 'g')`, 'like', `%${digits}%`)] : []),
        eb.exists(eb.selectFrom('visitors as sv').select('sv.id').whereRef('sv.customer_id', '=', 'c.id').where((w) => w.or([w('sv.name', 'ilike', like), w('sv.email', 'ilike', like)]))),
      ]),
    );
  }
  return (await q.execute()).map(toCustomer);
}

export async function listNotes(db: DbOrTrx, customerId: string): Promise<TCustomerNote[]> {
  const rows = await db
    .selectFrom('customer_notes as n')
    .leftJoin('users as u', 'u.id', 'n.author_id')
    .select(['n.id', 'n.author_id', 'u.name as author_name', 'n.body', 'n.created_at'])
    .where('n.customer_id', '=', customerId)
    .orderBy('n.created_at', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, authorId: r.author_id, authorName: r.author_name, body: r.body, createdAt: r.created_at.toISOString() }));
}

export async function visitorIdsOf(db: DbOrTrx, customerId: string): Promise<string[]> {
  return (await db.selectFrom('visitors').select('id').where('customer_id', '=', customerId).execute()).map((r) => r.id);
}

type History = Omit<TCustomerProfile, 'customer' | 'notes' | 'surveys' | 'averageRating'>;

/** Conversations, complaints and follow-ups of the customer's visitors, newest first. */
export async function historyOf(db: DbOrTrx, visitorIds: string[]): Promise<History> {
  if (visitorIds.length === 0) return { conversations: [], complaints: [], followUps: [] };
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const [conversations, complaints, followUps] = await Promise.all([
    db
      .selectFrom('conversations as cv')
      .leftJoin('teams as t', 't.id', 'cv.team_id')
      .leftJoin('users as a', 'a.id', 'cv.assignee_id')
      .select(['cv.id', 'cv.status', 'cv.channel', 't.name as team_name', 'a.name as assignee_name', 'cv.created_at', 'cv.resolved_at'])
      .where('cv.visitor_id', 'in', visitorIds)
      .orderBy('cv.created_at', 'desc')
      .limit(200)
      .execute(),
    db.selectFrom('complaints').select(['id', 'number', 'status', 'category', 'rating', 'created_at']).where('visitor_id', 'in', visitorIds).orderBy('created_at', 'desc').limit(200).execute(),
    db
      .selectFrom('follow_ups as f')
      .innerJoin('users as u', 'u.id', 'f.assignee_id')
      .select(['f.id', 'f.reason', 'f.status', 'f.outcome', 'u.name as assignee_name', 'f.due_at', 'f.completed_at'])
      .where('f.visitor_id', 'in', visitorIds)
      .orderBy('f.due_at', 'desc')
      .limit(200)
      .execute(),
  ]);
  return {
    conversations: conversations.map((r) => ({ id: r.id, status: r.status, channel: r.channel, teamName: r.team_name, assigneeName: r.assignee_name, createdAt: r.created_at.toISOString(), resolvedAt: iso(r.resolved_at) })),
    complaints: complaints.map((r) => ({ id: r.id, number: r.number, status: r.status, category: r.category, rating: r.rating, createdAt: r.created_at.toISOString() })),
    followUps: followUps.map((r) => ({ id: r.id, reason: r.reason, status: r.status, outcome: r.outcome, assigneeName: r.assignee_name, dueAt: r.due_at.toISOString(), completedAt: iso(r.completed_at) })),
  };
}
