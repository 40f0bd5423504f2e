import { CompiledQuery } from 'kysely';
import type { Db } from '../db/database';
import { batcher } from '../platform/batcher';
import { PREPARED_MARK } from '../platform/prepared';
import type { ConversationEventRow, ConversationRow, MessageRow } from './conversations.table';

/** Who may take the one-statement path: the conversation's own visitor, or the agent holding it (`name` for the trail). */
export type FastAppendWriter =
  | { kind: 'customer'; visitorId: string }
  | { kind: 'agent'; agentId: string; name: string };

export type FastAppendInput = {
  conversationId: string;
  clientId: string;
  author: MessageRow['author'];
  authorId: string | null;
  internal: boolean;
  text: string;
  /** What the preview shows (`last_message_text`), at most 200 characters. */
  preview: string;
  createdAt: Date;
};

/**
 * The conversation as it was before the message: only what the acks and the rooms need (who may
 * see it, the customer's view). No names of sites, teams or visitors: a plain message changes none
 * of them, and those who would be told get the message itself (realtime/listeners.ts). Reading and
 * sending the whole joined row was 0.12–0.14 ms of the statement's 1.2 ms (docs/benchmarks.md).
 * `assignee_name` is what a customer's ack shows as their agent.
 */
export type FastConversation = Pick<ConversationRow, 'id' | 'visitor_id' | 'team_id' | 'status' | 'assignee_id' | 'owner_id' | 'last_seq' | 'created_at'> & {
  assignee_name: string | null;
};

export type FastAppendResult =
  /** Not for this path (no such conversation, resolved, not the holder's, queued for an agent): use the transaction. */
  | { kind: 'ineligible' }
  /** `(conversation, clientId)` is already stored. */
  | { kind: 'duplicate' }
  /**
   * Stored; `conversation` is as it was locked, before this message. `ownerSet`: this was the first
   * public reply, which made its writer the owner (`owner_set` on the trail).
   */
  | { kind: 'stored'; conversation: FastConversation; message: MessageRow; ownerSet: ConversationEventRow | null };

export type FastAppend = { writer: FastAppendWriter; message: FastAppendInput };

type LockedRow = FastConversation & {
  in_ord: number;
  eligible: boolean;
  sets_owner: boolean;
  m_id: string | null;
  m_seq: number | null;
  m_created_at: Date | null;
  e_id: string | null;
  e_data: ConversationEventRow['data'] | null;
  e_created_at: Date | null;
};

/**
 * Appends messages to DIFFERENT conversations, each in one statement committed on its own
 * (autocommit): one round trip and one commit for a message, or for a whole batch written at the
 * same moment, instead of BEGIN, lock, INSERT, UPDATE, COMMIT per message (docs/benchmarks.md).
 * Only the common cases are eligible: a customer writing into their open conversation, the assigned
 * agent writing into an active one — its first public reply also makes them the owner and records
 * `owner_set`. Everything else (reopen, queued for an agent, supervisors, e-mail, files, errors)
 * says `ineligible` and goes to the transaction.
 * A message alone, into a conversation that has its owner, takes the shortest statement (`appendPlain`);
 * a batch, a first reply, a duplicate and whatever is ineligible take `appendLocked`.
 */
export async function appendMessages(db: Db, batch: readonly FastAppend[]): Promise<FastAppendResult[]> {
  if (new Set(batch.map((b) => b.message.conversationId)).size !== batch.length) {
    throw new Error('appendMessages: one message per conversation per batch');
  }
  const [one] = batch;
  if (one && batch.length === 1) {
    const plain = await appendPlain(db, one);
    if (plain) return [plain];
  }
  return appendLocked(db, batch);
}

type PlainRow = FastConversation & { m_id: string | null; m_created_at: Date | null };

/**
 * The rules both append statements share, as SQL over the names each gives its values: who may
 * write on the one-statement path, and what a message does to its conversation's summary — a note
 * changes neither the preview nor who is waiting; a customer starts the wait, an agent's reply ends it.
 */
const mayWrite = (v: { writerKind: string; writerId: string }) =>
  `case when ${v.writerKind} = 'customer' then c.visitor_id = ${v.writerId} and c.status <> 'resolved'
    else c.assignee_id = ${v.writerId} and c.status = 'active' end`;
const summaryAfter = (v: { internal: string; author: string; preview: string; at: string }) =>
  `last_message_text = case when ${v.internal} then c.last_message_text else ${v.preview} end,
    last_message_at = case when ${v.internal} then c.last_message_at else ${v.at} end,
    waiting_since = case when ${v.internal} then c.waiting_since
      when ${v.author} = 'customer' then coalesce(c.waiting_since, ${v.at}) else null end`;

/**
 * appendPlain's statement as a constant: it runs for nearly every message, and building it with
 * Kysely's `sql` template (thirty parameters, 3 KB of text compiled on every call) was a sixth of
 * what the server allocated per message (docs/benchmarks.md). Parameters: $1 conversation, $2 client
 * id, $3 author, $4 author id, $5 internal, $6 text, $7 preview, $8 created at, $9 writer kind
 * (`customer` or `agent`), $10 writer (visitor or agent id).
 */
const APPEND_PLAIN = `${PREPARED_MARK}
with upd as (
  update conversations c set
    last_seq = c.last_seq + 1,
    ${summaryAfter({ internal: '$5::boolean', author: '$3::text', preview: '$7::text', at: '$8::timestamptz' })}
  where c.id = $1::uuid
    and ${mayWrite({ writerKind: '$9::text', writerId: '$10::uuid' })}
    -- 谁首次回复谁负责: a first public reply sets the owner, which is appendLocked's.
    and ($9::text = 'customer' or $5::boolean or c.owner_id is not null)
    and not exists (select 1 from messages d where d.conversation_id = c.id and d.client_id = $2::text)
  returning c.id, c.visitor_id, c.team_id, c.status, c.assignee_id, c.owner_id, c.last_seq, c.created_at
),
ins as (
  insert into messages (conversation_id, seq, client_id, author, author_id, internal, text, created_at)
  select upd.id, upd.last_seq, $2::text, $3::text, $4::uuid, $5::boolean, $6::text, $8::timestamptz
  from upd
  returning id, created_at
)
select upd.id, upd.visitor_id, upd.team_id, upd.status, upd.assignee_id, upd.owner_id, upd.last_seq - 1 as last_seq, upd.created_at,
  (select u.name from users u where u.id = upd.assignee_id) as assignee_name, ins.id as m_id, ins.created_at as m_created_at
from upd left join ins on true`;

/**
 * One message in the shortest statement: the conversation's UPDATE takes the next sequence number
 * and is the row lock (no `SELECT … FOR UPDATE` first, no join for names), then the INSERT. Its WHERE
 * is the eligibility, checked by PostgreSQL on the row's latest version once it holds the lock, and
 * skips a client id already stored. It sets no owner: a first public reply (and anything this
 * statement does not take) answers null, for `appendLocked`. 0.07–0.1 ms less than `appendLocked`
 * per message (docs/benchmarks.md). Only one message: an UPDATE … FROM several rows does not lock them
 * in a fixed order, and two batches could deadlock.
 * The INSERT has no `ON CONFLICT`: the WHERE has already looked for the client id, and a speculative
 * insertion would look again and write one more WAL record per message. A resend racing its own
 * first send in another server process passes the WHERE (that send was not committed when the
 * statement began), so its INSERT breaks the unique key and the whole statement rolls back: null,
 * and `appendLocked` answers `duplicate` with no sequence number used up.
 */
export async function appendPlain(db: Db, b: FastAppend): Promise<FastAppendResult | null> {
  const m = b.message;
  const writerId = b.writer.kind === 'customer' ? b.writer.visitorId : b.writer.agentId;
  const at = m.createdAt.toISOString();
  const params = [m.conversationId, m.clientId, m.author, m.authorId, m.internal, m.text, m.preview, at, b.writer.kind, writerId];
  let rows: PlainRow[];
  try {
    ({ rows } = await db.executeQuery<PlainRow>(CompiledQuery.raw(APPEND_PLAIN, params)));
  } catch (err) {
    if (isClientIdConflict(err)) return null;
    throw err;
  }
  const row = rows[0];
  if (!row) return null;
  const { m_id, m_created_at, ...conversation } = row;
  if (m_id === null || m_created_at === null) return null;
  return { kind: 'stored', conversation, message: messageRow(m, m_id, row.last_seq + 1, m_created_at), ownerSet: null };
}

/** A unique violation of `(conversation_id, client_id)`: the message is already stored (PostgreSQL and PGlite alike). */
const isClientIdConflict = (err: unknown) =>
  typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505' && (err as { constraint?: unknown }).constraint === 'messages_conversation_client_key';

/**
 * Appends messages to different conversations in ONE statement — lock each conversation, dedupe on
 * the client id, take the next sequence number, insert, update the conversation, and for a first
 * public reply set the owner and record `owner_set`. The guarantees are the transaction's: the row
 * locks order writers (taken in id order, so two batches cannot deadlock), `last_seq + 1` is read
 * from the locked (latest) row, `ON CONFLICT DO NOTHING` on `(conversation_id, client_id)` dedupes,
 * and the statement has committed when it answers. It has two texts, one for a single message and
 * one for several (arrays as parameters, whatever their length), each prepared once per connection.
 */
async function appendLocked(db: Db, batch: readonly FastAppend[]): Promise<FastAppendResult[]> {
  const [one] = batch;
  const { rows } = await db.executeQuery<LockedRow>(
    one && batch.length === 1 ? CompiledQuery.raw(APPEND_LOCKED_ONE, inputOf(one)) : CompiledQuery.raw(APPEND_LOCKED_MANY, columnsOf(batch)),
  );
  const byOrd = new Map(rows.map((r) => [Number(r.in_ord), r]));
  return batch.map((b, i): FastAppendResult => {
    const row = byOrd.get(i + 1);
    if (!row || !row.eligible) return { kind: 'ineligible' };
    const { in_ord: _o, eligible: _e, sets_owner: _s, m_id, m_seq, m_created_at, e_id, e_data, e_created_at, ...conversation } = row;
    if (m_id === null || m_seq === null || m_created_at === null) return { kind: 'duplicate' };
    const m = b.message;
    const message = messageRow(m, m_id, m_seq, m_created_at);
    const ownerSet =
      e_id !== null && e_data !== null && e_created_at !== null
        ? { id: e_id, conversation_id: m.conversationId, type: 'owner_set' as const, actor_id: m.authorId, data: e_data, created_at: e_created_at }
        : null;
    return { kind: 'stored', conversation, message, ownerSet };
  });
}

const messageRow = (m: FastAppendInput, id: string, seq: number, createdAt: Date): MessageRow => ({
  id,
  conversation_id: m.conversationId,
  seq,
  client_id: m.clientId,
  author: m.author,
  author_id: m.authorId,
  internal: m.internal,
  text: m.text,
  created_at: createdAt,
});

/**
 * The batch as rows of `input`: arrays through `unnest` for several messages; plain parameters for
 * one, the common case on a quiet server, so that its plan looks the conversation up by its key
 * (`unnest` of a parameter is planned as ten rows of unknown ids: a scan of the whole table). The
 * parameters, in order: conversation, client id, author, author id, internal, text, preview,
 * created at, writer kind, writer id, writer name (`inputOf`, `columnsOf`).
 */
const INPUT_ONE = `select $1::uuid as conversation_id, $2::text as client_id, $3::text as author,
  $4::uuid as author_id, $5::boolean as internal, $6::text as text, $7::text as preview,
  $8::timestamptz as created_at, $9::text as writer_kind, $10::uuid as writer_id, $11::text as writer_name, 1::bigint as ord`;
const INPUT_MANY = `select * from unnest(
  $1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::boolean[], $6::text[], $7::text[], $8::timestamptz[], $9::text[], $10::uuid[], $11::text[]
) with ordinality as i(conversation_id, client_id, author, author_id, internal, text, preview, created_at, writer_kind, writer_id, writer_name, ord)`;

const inputOf = (b: FastAppend): unknown[] => {
  const m = b.message;
  const [writerId, writerName] = b.writer.kind === 'customer' ? [b.writer.visitorId, null] : [b.writer.agentId, b.writer.name];
  return [m.conversationId, m.clientId, m.author, m.authorId, m.internal, m.text, m.preview, m.createdAt.toISOString(), b.writer.kind, writerId, writerName];
};
/** inputOf's values as columns: one array per parameter. */
const columnsOf = (batch: readonly FastAppend[]): unknown[][] => {
  const rows = batch.map(inputOf);
  return rows[0]!.map((_, k) => rows.map((r) => r[k]));
};

/** The locked statement's texts, constant for the reason appendPlain's is (`APPEND_PLAIN`). */
const LOCKED_BODY = `
    conv as (
      select c.id, c.visitor_id, c.team_id, c.status, c.assignee_id, c.owner_id, c.last_seq, c.created_at,
        a.name as assignee_name, i.ord as in_ord,
        ${mayWrite({ writerKind: 'i.writer_kind', writerId: 'i.writer_id' })} as eligible,
        -- 谁首次回复谁负责: the first public reply makes its writer the owner.
        i.writer_kind = 'agent' and not i.internal and c.owner_id is null as sets_owner
      -- Each conversation is looked up by its key and locked there: a lateral subquery, so the plan
      -- never scans the whole table (a parameter array is planned as ten rows of unknown ids, and
      -- at 1,000 conversations that plan was a full scan per batch). The input, sorted by id, drives
      -- the loop, so locks are taken in id order and two batches cannot deadlock.
      from (select * from input order by conversation_id) i
      cross join lateral (select * from conversations c where c.id = i.conversation_id for update) c
      left join users a on a.id = c.assignee_id
    ),
    ins as (
      insert into messages (conversation_id, seq, client_id, author, author_id, internal, text, created_at)
      select conv.id, conv.last_seq + 1, i.client_id, i.author, i.author_id, i.internal, i.text, i.created_at
      from conv join input i on i.ord = conv.in_ord where conv.eligible
      on conflict (conversation_id, client_id) do nothing
      returning id, conversation_id, seq, created_at
    ),
    upd as (
      update conversations c set
        last_seq = ins.seq,
        ${summaryAfter({ internal: 'i.internal', author: 'i.author', preview: 'i.preview', at: 'ins.created_at' })},
        -- The row is locked, so this is the owner conv saw (its sets_owner).
        owner_id = case when i.writer_kind = 'agent' and not i.internal and c.owner_id is null then i.writer_id else c.owner_id end
      from ins join input i on i.conversation_id = ins.conversation_id
      where c.id = ins.conversation_id
    ),
    ev as (
      insert into conversation_events (conversation_id, type, actor_id, data)
      select conv.id, 'owner_set', i.writer_id, jsonb_build_object('ownerId', i.writer_id, 'ownerName', i.writer_name)
      from ins join conv on conv.id = ins.conversation_id join input i on i.ord = conv.in_ord
      where conv.sets_owner
      returning id, conversation_id, data, created_at
    )
    select conv.*, ins.id as m_id, ins.seq as m_seq, ins.created_at as m_created_at, ev.id as e_id, ev.data as e_data, ev.created_at as e_created_at
    from conv left join ins on ins.conversation_id = conv.id left join ev on ev.conversation_id = conv.id`;
const APPEND_LOCKED_ONE = `${PREPARED_MARK}
    with input as (${INPUT_ONE}),${LOCKED_BODY}`;
const APPEND_LOCKED_MANY = `${PREPARED_MARK}
    with input as (${INPUT_MANY}),${LOCKED_BODY}`;

const appenders = new WeakMap<Db, (a: FastAppend) => Promise<FastAppendResult>>();

/**
 * One message on the one-statement path, batched with those written at the same moment (group
 * commit, platform/batcher.ts): alone when the server is quiet, one statement for many when it is
 * busy. A batch that fails sends each of its messages to the transaction, which reports its own error.
 */
export function appendMessageFast(db: Db, writer: FastAppendWriter, message: FastAppendInput): Promise<FastAppendResult> {
  let append = appenders.get(db);
  if (!append) {
    append = batcher<FastAppend, FastAppendResult>(
      async (batch) => {
        try {
          return await appendMessages(db, batch);
        } catch (err) {
          if (batch.length === 1) throw err;
          return batch.map(() => ({ kind: 'ineligible' }));
        }
      },
      { keyOf: (a) => a.message.conversationId, maxInFlight: 4, maxBatch: 100 },
    );
    appenders.set(db, append);
  }
  return append({ writer, message });
}
