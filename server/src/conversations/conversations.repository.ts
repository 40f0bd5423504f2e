import { sql } from 'kysely';
import type {
  TConversation,
  TConversationStatus,
  TConversationEvent,
  TCustomerConversation,
  TMessage,
  TQueueInfo,
} from '@kefu/shared';
import { maskEmail, SYNC_PAGE_SIZE } from '@kefu/shared';
import type { DbOrTrx, Trx } from '../db/database';
import type { ConversationEventRow, ConversationRow, MessageRow } from './conversations.table';
import { queueInfo, queueKey, queuePlace, recentAssignments } from './queue.repository';
import { PREPARED_MARK } from '../platform/prepared';
import { attachmentOf, withAttachments } from '../attachments/message-attachments.service';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** Queue order: VIP customers first, then priority, then oldest. The same expression everywhere. */
export const QUEUE_ORDER = sql`v.vip desc, case c.priority when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end, c.queued_at, c.id`;

export function toMessage(row: MessageRow, authorName: string | null): TMessage {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    seq: row.seq,
    clientId: row.client_id,
    author: row.author,
    authorName,
    internal: row.internal,
    text: row.text,
    createdAt: row.created_at.toISOString(),
  };
}

/** Locks the conversation row for the rest of the transaction (sequence numbers, state changes). */
export async function lockConversation(trx: Trx, id: string): Promise<ConversationRow | undefined> {
  return trx.selectFrom('conversations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function findConversation(db: DbOrTrx, id: string): Promise<ConversationRow | undefined> {
  return db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findMessageByClientId(db: DbOrTrx, conversationId: string, clientId: string): Promise<MessageRow | undefined> {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
}

export async function listMessages(
  db: DbOrTrx,
  conversationId: string,
  afterSeq: number,
  opts: { includeInternal: boolean; limit?: number },
): Promise<TMessage[]> {
  let q = db
    .selectFrom('messages as m')
    .leftJoin('users as u', 'u.id', 'm.author_id')
    .selectAll('m')
    .select('u.name as author_name')
    .where('m.conversation_id', '=', conversationId)
    .where('m.seq', '>', afterSeq)
    .orderBy('m.seq')
    .limit(opts.limit ?? SYNC_PAGE_SIZE);
  if (!opts.includeInternal) q = q.where('m.internal', '=', false);
  const rows = await q.execute();
  return withAttachments(db, rows.map((r) => toMessage(r, r.author_name)));
}

export async function insertEvent(
  trx: DbOrTrx,
  e: { conversationId: string; type: ConversationEventRow['type']; actorId: string | null; data?: Record<string, unknown> },
): Promise<ConversationEventRow> {
  return trx
    .insertInto('conversation_events')
    .values({ conversation_id: e.conversationId, type: e.type, actor_id: e.actorId, data: JSON.stringify(e.data ?? {}) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listEvents(db: DbOrTrx, conversationId: string): Promise<TConversationEvent[]> {
  const rows = await db
    .selectFrom('conversation_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .selectAll('e')
    .select('u.name as actor_name')
    .where('e.conversation_id', '=', conversationId)
    .orderBy('e.created_at')
    .orderBy('e.id')
    .execute();
  return rows.map((r) => toEvent(r, r.actor_name));
}

export function toEvent(r: ConversationEventRow, actorName: string | null): TConversationEvent {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    type: r.type,
    actorId: r.actor_id,
    actorName,
    data: r.data,
    createdAt: r.created_at.toISOString(),
  };
}

function selectConversations(db: DbOrTrx) {
  return db
    .selectFrom('conversations as c')
    .innerJoin('sites as s', 's.id', 'c.site_id')
    .innerJoin('visitors as v', 'v.id', 'c.visitor_id')
    .leftJoin('teams as t', 't.id', 'c.team_id')
    .leftJoin('users as a', 'a.id', 'c.assignee_id')
    .leftJoin('users as o', 'o.id', 'c.owner_id')
    .selectAll('c')
    .select([
      's.name as site_name',
      't.name as team_name',
      'v.name as visitor_name',
      'v.email as visitor_email',
      'v.vip as visitor_vip',
      'a.name as assignee_name',
      'o.name as owner_name',
    ]);
}

export type JoinedRow = ConversationRow & {
  site_name: string;
  team_name: string | null;
  visitor_name: string | null;
  visitor_email: string | null;
  visitor_vip: boolean;
  assignee_name: string | null;
  owner_name: string | null;
};

export function toConversation(r: JoinedRow, queue: TQueueInfo | null): TConversation {
  return {
    id: r.id,
    siteId: r.site_id,
    siteName: r.site_name,
    teamId: r.team_id,
    teamName: r.team_name,
    // Masked for every agent (docs/confidentiality.md); the full value only through an audited reveal.
    visitor: { id: r.visitor_id, name: r.visitor_name, email: r.visitor_email ? maskEmail(r.visitor_email) : null, vip: r.visitor_vip },
    status: r.status,
    priority: r.priority,
    channel: r.channel,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    lastSeq: r.last_seq,
    lastMessageText: r.last_message_text,
    lastMessageAt: iso(r.last_message_at),
    waitingSince: iso(r.waiting_since),
    queuedAt: iso(r.queued_at),
    assignedAt: iso(r.assigned_at),
    resolvedAt: iso(r.resolved_at),
    createdAt: r.created_at.toISOString(),
    queue: r.status === 'queued' ? queue : null,
  };
}

/**
 * Locks the conversation row for the rest of the transaction and reads it with the names the wire
 * shapes need, in one round trip: the write path then builds its acks and broadcasts without
 * reading the conversation again after commit.
 */
export async function lockConversationJoined(trx: Trx, id: string): Promise<JoinedRow | undefined> {
  return (await selectConversations(trx).where('c.id', '=', id).forUpdate('c').executeTakeFirst()) as JoinedRow | undefined;
}

/** Inserts a message unless its `(conversation, clientId)` exists; undefined means a duplicate. */
export async function insertMessageOnce(
  trx: Trx,
  m: { conversationId: string; seq: number; clientId: string; author: MessageRow['author']; authorId: string | null; internal: boolean; text: string; createdAt: Date },
): Promise<MessageRow | undefined> {
  return trx
    .insertInto('messages')
    .values({ conversation_id: m.conversationId, seq: m.seq, client_id: m.clientId, author: m.author, author_id: m.authorId, internal: m.internal, text: m.text, created_at: m.createdAt })
    .onConflict((oc) => oc.columns(['conversation_id', 'client_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export type OpenedConversation = { conversation: JoinedRow; message: MessageRow; created: ConversationEventRow; queue: TQueueInfo | null };

/**
 * A customer's first message opens their conversation in ONE statement (autocommit): the queued
 * conversation (for the VIP team when the visitor is VIP and the site names one, read here, fresh),
 * its `created` event, message 1, and what the ack and the agents' rooms are told — the joined row
 * and the queue place. It was a transaction of eight statements and two more for the place
 * (docs/benchmarks.md, "where opening a conversation goes"). Null when the visitor already has an
 * open conversation (another tab, a resend after a lost ack): the transaction handles that one.
 * The statement does not see its own new row, so the place counts those ahead and adds one.
 */
export async function openConversationWithMessage(
  db: DbOrTrx,
  o: { siteId: string; siteName: string; visitorId: string; defaultTeamId: string | null; vipTeamId: string | null; clientId: string; text: string; preview: string; now: Date },
): Promise<OpenedConversation | null> {
  const now = o.now.toISOString();
  const sameTeam = sql`c.team_id is not distinct from conv.team_id`;
  const { rows } = await sql<ConversationRow & { team_name: string | null; visitor_name: string | null; visitor_email: string | null; visitor_vip: boolean; e_id: string; e_data: ConversationEventRow['data']; e_created_at: Date; m_id: string; position: number; pace: [number, number][] }>`${sql.raw(PREPARED_MARK)}
    with v as (select id, name, email, vip from visitors where id = ${o.visitorId}::uuid),
    conv as (
      insert into conversations (site_id, visitor_id, team_id, status, queued_at, last_seq, last_message_text, last_message_at, waiting_since, created_at)
      -- The team: teamForVisitor's rule (sites.routing.ts), on the VIP flag read in this statement.
      select ${o.siteId}::uuid, v.id, case when v.vip and ${o.vipTeamId}::uuid is not null then ${o.vipTeamId}::uuid else ${o.defaultTeamId}::uuid end,
        'queued', ${now}::timestamptz, 1, ${o.preview}::text, ${now}::timestamptz, ${now}::timestamptz, ${now}::timestamptz
      from v
      on conflict (visitor_id) where status <> 'resolved' do nothing
      returning *
    ),
    ev as (
      insert into conversation_events (conversation_id, type, actor_id, data)
      select conv.id, 'created', null, '{"channel":"widget"}'::jsonb from conv
      returning id, data, created_at
    ),
    msg as (
      insert into messages (conversation_id, seq, client_id, author, author_id, internal, text, created_at)
      select conv.id, 1, ${o.clientId}::text, 'customer', null, false, ${o.text}::text, ${now}::timestamptz from conv
      returning id
    )
    select conv.*, t.name as team_name, v.name as visitor_name, v.email as visitor_email, v.vip as visitor_vip,
      ev.id as e_id, ev.data as e_data, ev.created_at as e_created_at, msg.id as m_id,
      (select count(*) from conversations c join visitors cv on cv.id = c.visitor_id
        where c.status = 'queued' and ${sameTeam} and ${queueKey('c', 'cv')} < ${queueKey('conv', 'v')})::int + 1 as position,
      (select coalesce(json_agg(json_build_array(extract(epoch from p.assigned_at) * 1000, extract(epoch from p.queued_at) * 1000)), '[]'::json)
        from (${recentAssignments(sameTeam)}) p) as pace
    from conv cross join v cross join ev cross join msg left join teams t on t.id = conv.team_id`.execute(db);
  const row = rows[0];
  if (!row) return null;
  const { team_name, visitor_name, visitor_email, visitor_vip, e_id, e_data, e_created_at, m_id, position, pace, ...c } = row;
  const recent = pace.map(([assigned, queued]) => ({ assigned_at: new Date(Number(assigned)), queued_at: new Date(Number(queued)) }));
  return {
    conversation: { ...c, site_name: o.siteName, team_name, visitor_name, visitor_email, visitor_vip, assignee_name: null, owner_name: null },
    message: { id: m_id, conversation_id: c.id, seq: 1, client_id: o.clientId, author: 'customer', author_id: null, internal: false, text: o.text, created_at: o.now },
    created: { id: e_id, conversation_id: c.id, type: 'created', actor_id: null, data: e_data, created_at: e_created_at },
    queue: queueInfo(position, secondsPerConversation(recent)),
  };
}

export type InboxFilter =
  | { kind: 'assignee'; userId: string }
  | { kind: 'queue'; teamIds: string[] | 'all' }
  | { kind: 'all' }
  | { kind: 'ids'; ids: string[] };

/** Conversations in the agents' wire shape, newest activity first. */
export async function listConversations(db: DbOrTrx, filter: InboxFilter, opts: { status?: TConversationStatus | undefined; limit?: number } = {}): Promise<TConversation[]> {
  let q = selectConversations(db);
  switch (filter.kind) {
    case 'assignee':
      q = q.where('c.assignee_id', '=', filter.userId).where('c.status', '=', 'active');
      break;
    case 'queue':
      q = q.where('c.status', '=', 'queued');
      if (filter.teamIds !== 'all') {
        const teamIds = filter.teamIds;
        q = q.where((eb) => (teamIds.length ? eb.or([eb('c.team_id', 'in', teamIds), eb('c.team_id', 'is', null)]) : eb('c.team_id', 'is', null)));
      }
      break;
    case 'all':
      break;
    case 'ids':
      if (filter.ids.length === 0) return [];
      q = q.where('c.id', 'in', filter.ids);
      break;
  }
  if (opts.status) q = q.where('c.status', '=', opts.status);
  const rows = (await q
    .orderBy(sql`coalesce(c.last_message_at, c.created_at)`, 'desc')
    .limit(opts.limit ?? 200)
    .execute()) as JoinedRow[];
  const queued = rows.filter((r) => r.status === 'queued');
  // One queued conversation (a single read, an ack): count who is ahead rather than rank the whole queue.
  const one = queued.length === 1 ? queued[0] : undefined;
  const queues = one
    ? new Map([[one.id, await queuePlace(db, one)]])
    : queued.length ? await queueInfoFor(db, [...new Set(queued.map((r) => r.team_id))]) : new Map();
  return rows.map((r) => toConversation(r, queues.get(r.id) ?? null));
}

type DetailJsonMessage = Omit<MessageRow, 'created_at'> & { created_at: string; author_name: string | null; attachments: { id: string; file_name: string; content_type: string; size: number }[] | null };
type DetailJsonEvent = Omit<ConversationEventRow, 'created_at'> & { created_at: string; actor_name: string | null };

/**
 * A conversation for an agent's view in ONE statement: the joined row, its messages after `afterSeq`
 * (notes included, at most SYNC_PAGE_SIZE, with their files) and its whole trail, in the same order
 * and shapes as listMessages and listEvents. The sync and the conversation page read these one by one
 * (four statements, and two more for a queued one's place: still so) — a third of a new
 * conversation's opening (docs/benchmarks.md).
 */
export async function conversationDetail(
  db: DbOrTrx,
  id: string,
  afterSeq: number,
): Promise<{ conversation: TConversation; messages: TMessage[]; events: TConversationEvent[] } | undefined> {
  const row = (await selectConversations(db)
    .where('c.id', '=', id)
    .select([
      sql<DetailJsonMessage[]>`(
        select coalesce(json_agg(json_build_object(
          'id', m.id, 'conversation_id', m.conversation_id, 'seq', m.seq, 'client_id', m.client_id, 'author', m.author,
          'author_id', m.author_id, 'internal', m.internal, 'text', m.text, 'created_at', m.created_at, 'author_name', mu.name,
          'attachments', (select json_agg(json_build_object('id', f.id, 'file_name', f.file_name, 'content_type', f.content_type, 'size', f.size) order by f.created_at, f.id)
            from message_attachments f where f.message_id = m.id)
        ) order by m.seq), '[]'::json)
        from (select * from messages m where m.conversation_id = c.id and m.seq > ${afterSeq} order by m.seq limit ${SYNC_PAGE_SIZE}) m
        left join users mu on mu.id = m.author_id)`.as('messages_json'),
      sql<DetailJsonEvent[]>`(
        select coalesce(json_agg(json_build_object(
          'id', e.id, 'conversation_id', e.conversation_id, 'type', e.type, 'actor_id', e.actor_id, 'data', e.data,
          'created_at', e.created_at, 'actor_name', eu.name
        ) order by e.created_at, e.id), '[]'::json)
        from conversation_events e left join users eu on eu.id = e.actor_id where e.conversation_id = c.id)`.as('events_json'),
    ])
    .executeTakeFirst()) as (JoinedRow & { messages_json: DetailJsonMessage[]; events_json: DetailJsonEvent[] }) | undefined;
  if (!row) return undefined;
  const { messages_json, events_json, ...joined } = row;
  const queue = joined.status === 'queued' ? await queuePlace(db, joined) : null;
  const messages = messages_json.map(({ author_name, attachments, created_at, ...m }): TMessage => {
    const message = toMessage({ ...m, created_at: new Date(created_at) }, author_name);
    return attachments ? { ...message, attachments: attachments.map(attachmentOf) } : message;
  });
  const events = events_json.map(({ actor_name, created_at, ...e }) => toEvent({ ...e, created_at: new Date(created_at) }, actor_name));
  return { conversation: toConversation(joined, queue), messages, events };
}

export async function getConversation(db: DbOrTrx, id: string): Promise<TConversation | undefined> {
  const [c] = await listConversations(db, { kind: 'ids', ids: [id] });
  return c;
}

export function toCustomerConversation(c: TConversation): TCustomerConversation {
  return {
    id: c.id,
    status: c.status,
    agentName: agentNameForCustomer(c.status, c.assigneeName, c.ownerName),
    lastSeq: c.lastSeq,
    queue: c.queue,
    createdAt: c.createdAt,
  };
}

/** The customer's view from the columns alone (the one-statement path has no joined row). */
export function rowToCustomerConversation(
  r: Pick<ConversationRow, 'id' | 'status' | 'last_seq' | 'created_at'> & { assignee_name: string | null; owner_name: string | null },
  queue: TQueueInfo | null,
): TCustomerConversation {
  return {
    id: r.id,
    status: r.status,
    agentName: agentNameForCustomer(r.status, r.assignee_name, r.owner_name),
    lastSeq: r.last_seq,
    queue: r.status === 'queued' ? queue : null,
    createdAt: r.created_at.toISOString(),
  };
}

/** The agent a customer is told about: whoever holds it now, or who last did once it is resolved. */
const agentNameForCustomer = (status: TConversationStatus, assigneeName: string | null, ownerName: string | null) =>
  status === 'active' ? assigneeName : status === 'resolved' ? (assigneeName ?? ownerName) : null;

/**
 * Queue position of every queued conversation of the given teams, and the expected wait.
 * The wait is position × the time the team takes per conversation: the interval between its
 * recent assignments, capped by the median wait of those conversations (so idle gaps do not count).
 */
export async function queueInfoFor(db: DbOrTrx, teamIds: (string | null)[]): Promise<Map<string, TQueueInfo>> {
  const result = new Map<string, TQueueInfo>();
  for (const teamId of teamIds) {
    const teamFilter = teamId === null ? sql`c.team_id is null` : sql`c.team_id = ${teamId}`;
    const { rows: positions } = await sql<{ id: string; position: number }>`
      select c.id, (row_number() over (order by ${QUEUE_ORDER}))::int as position
      from conversations c join visitors v on v.id = c.visitor_id
      where c.status = 'queued' and ${teamFilter}`.execute(db);
    if (positions.length === 0) continue;
    const { rows: recent } = await recentAssignments(teamFilter).execute(db);
    const perConversation = secondsPerConversation(recent);
    for (const p of positions) {
      result.set(p.id, {
        position: p.position,
        expectedWaitSeconds: perConversation === null ? null : Math.round(perConversation * p.position),
      });
    }
  }
  return result;
}

/** Seconds the team needs per queued conversation, from its recent assignments; null without history. */
export function secondsPerConversation(recent: { assigned_at: Date; queued_at: Date }[]): number | null {
  if (recent.length === 0) return null;
  const waits = recent.map((r) => Math.max(0, (r.assigned_at.getTime() - r.queued_at.getTime()) / 1000)).sort((a, b) => a - b);
  const median = waits[Math.floor(waits.length / 2)] ?? 0;
  if (recent.length < 2) return median;
  const newest = recent[0]!.assigned_at.getTime();
  const oldest = recent[recent.length - 1]!.assigned_at.getTime();
  const interval = (newest - oldest) / 1000 / (recent.length - 1);
  return Math.min(interval, median);
}
