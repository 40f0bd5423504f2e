import { sql } from 'kysely';
import type { Db } from '../db/database';
import { PREPARED_MARK } from '../platform/prepared';
import type { JoinedRow } from './conversations.repository';
import type { MessageRow } from './conversations.table';

/** Who may take the one-statement path: the conversation's own visitor, or the agent holding it. */
export type FastAppendWriter =
  | { kind: 'customer'; visitorId: string }
  | { kind: 'agent'; agentId: string };

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

export type FastAppendResult =
  /** Not for this path (no such conversation, resolved, not the holder's, first reply): use the transaction. */
  | { kind: 'ineligible' }
  /** `(conversation, clientId)` is already stored. */
  | { kind: 'duplicate'; conversation: JoinedRow }
  /** Stored; `conversation` is the row as it was locked, before this message. */
  | { kind: 'stored'; conversation: JoinedRow; message: MessageRow };

/**
 * Appends a message in ONE statement — lock the conversation, dedupe on the client id, take the next
 * sequence number, insert, update the conversation — committed on its own (autocommit), so the
 * write costs one round trip instead of BEGIN, lock, INSERT, UPDATE, COMMIT (docs/benchmarks.md).
 * The guarantees are the transaction's: the row lock orders writers, `last_seq + 1` is read from
 * the locked (latest) row, `ON CONFLICT DO NOTHING` on `(conversation_id, client_id)` dedupes, and
 * the statement has committed when it answers. Only the common cases take it: a customer writing
 * into their open conversation, the assigned agent writing once there is an owner (or a note).
 * Everything else (reopen, first reply, supervisors, e-mail, errors) says `ineligible`.
 */
export async function appendMessageFast(db: Db, writer: FastAppendWriter, m: FastAppendInput): Promise<FastAppendResult> {
  const eligible =
    writer.kind === 'customer'
      ? sql`conv.visitor_id = ${writer.visitorId} and conv.status <> 'resolved'`
      : sql`conv.assignee_id = ${writer.agentId} and conv.status = 'active' and (${m.internal} or conv.owner_id is not null)`;
  // An internal note changes neither the preview nor who is waiting; a customer starts the wait, an agent's reply ends it.
  const changes = m.internal
    ? sql`last_seq = ins.seq`
    : writer.kind === 'customer'
      ? sql`last_seq = ins.seq, last_message_text = ${m.preview}, last_message_at = ins.created_at, waiting_since = coalesce(c.waiting_since, ins.created_at)`
      : sql`last_seq = ins.seq, last_message_text = ${m.preview}, last_message_at = ins.created_at, waiting_since = null`;
  const { rows } = await sql<JoinedRow & { eligible: boolean; m_id: string | null; m_seq: number | null; m_created_at: Date | null }>`${sql.raw(PREPARED_MARK)}
    with conv as (
      select c.*, s.name as site_name, t.name as team_name, v.name as visitor_name, v.email as visitor_email,
        v.vip as visitor_vip, a.name as assignee_name, o.name as owner_name
      from conversations c
      join sites s on s.id = c.site_id
      join visitors v on v.id = c.visitor_id
      left join teams t on t.id = c.team_id
      left join users a on a.id = c.assignee_id
      left join users o on o.id = c.owner_id
      where c.id = ${m.conversationId}
      for update of c
    ),
    ins as (
      insert into messages (conversation_id, seq, client_id, author, author_id, internal, text, created_at)
      select conv.id, conv.last_seq + 1, ${m.clientId}, ${m.author}, ${m.authorId}, ${m.internal}, ${m.text}, ${m.createdAt}
      from conv where ${eligible}
      on conflict (conversation_id, client_id) do nothing
      returning id, seq, created_at
    ),
    upd as (
      update conversations c set ${changes} from ins where c.id = ${m.conversationId}
    )
    select conv.*, (${eligible}) as eligible, ins.id as m_id, ins.seq as m_seq, ins.created_at as m_created_at
    from conv left join ins on true`.execute(db);
  const row = rows[0];
  if (!row || !row.eligible) return { kind: 'ineligible' };
  const { eligible: _e, m_id, m_seq, m_created_at, ...conversation } = row;
  if (m_id === null || m_seq === null || m_created_at === null) return { kind: 'duplicate', conversation };
  const message: MessageRow = {
    id: m_id,
    conversation_id: m.conversationId,
    seq: m_seq,
    client_id: m.clientId,
    author: m.author,
    author_id: m.authorId,
    internal: m.internal,
    text: m.text,
    created_at: m_created_at,
  };
  return { kind: 'stored', conversation, message };
}
