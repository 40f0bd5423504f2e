import type { TMessage, TMessageAttachment } from '@kefu/shared';
import type { DbOrTrx, Trx } from '../db/database';
import type { Ctx } from '../platform/context';
import { AppError } from '../platform/errors';
import { canView, type Agent } from '../conversations/conversations.access';
import { attachmentHeaders, isInlineImage, localAttachmentStore, sniffAttachmentType } from './attachments.storage';
import type { MessageAttachmentRow } from './message-attachments.table';

/** Who uploads or sends: a visitor (their own conversation) or an agent (a conversation they may see). */
export type TAttachmentParty = { kind: 'customer'; visitorId: string } | { kind: 'agent'; agent: Agent };

/** A stored file as messages carry it. */
export const attachmentOf = (r: Pick<MessageAttachmentRow, 'id' | 'file_name' | 'content_type' | 'size'>): TMessageAttachment => ({
  id: r.id,
  fileName: r.file_name,
  contentType: r.content_type,
  size: r.size,
  image: isInlineImage(r.content_type),
});

/** A file name safe to show and to put in a header: no path, no control characters, at most 120 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 120) || 'file';
}

const notFound = () => new AppError('not_found', 'no such conversation');

/** The conversation (team, holders, visitor) an upload or a fetch is about, or undefined. */
async function conversationOf(db: DbOrTrx, id: string) {
  return db
    .selectFrom('conversations')
    .select(['id', 'visitor_id', 'team_id as teamId', 'assignee_id as assigneeId', 'owner_id as ownerId'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Stores an uploaded file for a later message of the same party. A customer may upload before their
 * first message (`conversationId` null: bound to the conversation the message lands in); an agent
 * uploads into a conversation they may see. The type comes from the bytes; the size is capped by config.
 */
export async function uploadMessageAttachment(
  ctx: Ctx,
  party: TAttachmentParty,
  conversationId: string | null,
  file: { name: string; bytes: Uint8Array },
): Promise<TMessageAttachment> {
  const { maxBytes, dir } = ctx.config.attachments;
  if (conversationId) {
    const conv = await conversationOf(ctx.db, conversationId);
    if (!conv || (party.kind === 'customer' ? conv.visitor_id !== party.visitorId : !canView(party.agent, conv))) throw notFound();
  } else if (party.kind === 'agent') throw notFound();
  if (file.bytes.byteLength === 0) throw new AppError('bad_request', 'the file is empty');
  if (file.bytes.byteLength > maxBytes) throw new AppError('too_large', `a file may have at most ${Math.floor(maxBytes / 1024 / 1024)} MB`);
  const mime = await sniffAttachmentType(file.bytes);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('message_attachments')
      .values({
        uploaded_by: party.kind,
        visitor_id: party.kind === 'customer' ? party.visitorId : null,
        agent_id: party.kind === 'agent' ? party.agent.id : null,
        conversation_id: conversationId,
        message_id: null,
        file_name: cleanFileName(file.name),
        content_type: mime,
        size: file.bytes.byteLength,
        created_at: ctx.clock(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    // Written inside the transaction: if the disk fails, no row points at a missing file.
    await localAttachmentStore(dir).put(inserted.id, file.bytes);
    return inserted;
  });
  return attachmentOf(row);
}

/**
 * Binds the named uploads to a message just inserted (same transaction, conversation row locked):
 * each must be the sender's own, unsent, and uploaded for this conversation (or, for a customer, before
 * it existed). Anything else refuses the whole send, which rolls the message back.
 */
export async function bindAttachments(
  trx: Trx,
  ids: readonly string[] | undefined,
  party: { kind: 'customer'; visitorId: string } | { kind: 'agent'; agentId: string },
  conversationId: string,
  messageId: string,
): Promise<TMessageAttachment[] | undefined> {
  const unique = [...new Set(ids ?? [])];
  if (unique.length === 0) return undefined;
  let q = trx
    .updateTable('message_attachments')
    .set({ message_id: messageId, conversation_id: conversationId })
    .where('id', 'in', unique)
    .where('message_id', 'is', null)
    .where('uploaded_by', '=', party.kind);
  q =
    party.kind === 'customer'
      ? q.where('visitor_id', '=', party.visitorId).where((eb) => eb.or([eb('conversation_id', 'is', null), eb('conversation_id', '=', conversationId)]))
      : q.where('agent_id', '=', party.agentId).where('conversation_id', '=', conversationId);
  const rows = await q.returning(['id', 'file_name', 'content_type', 'size']).execute();
  if (rows.length !== unique.length) throw new AppError('not_found', 'no such attachment: upload the file to this conversation first');
  const order = new Map(unique.map((id, i) => [id, i]));
  return rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!).map(attachmentOf);
}

/** Adds `attachments` to the messages that carry files (one query for the whole list). */
export async function withAttachments(db: DbOrTrx, messages: TMessage[]): Promise<TMessage[]> {
  if (messages.length === 0) return messages;
  const rows = await db
    .selectFrom('message_attachments')
    .select(['id', 'message_id', 'file_name', 'content_type', 'size'])
    .where('message_id', 'in', messages.map((m) => m.id))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  if (rows.length === 0) return messages;
  const byMessage = new Map<string, TMessageAttachment[]>();
  for (const r of rows) byMessage.set(r.message_id!, [...(byMessage.get(r.message_id!) ?? []), attachmentOf(r)]);
  return messages.map((m) => (byMessage.has(m.id) ? { ...m, attachments: byMessage.get(m.id)! } : m));
}

/**
 * The bytes and safe headers of a chat attachment for one of the conversation's parties: the visitor
 * (files on public messages of their conversation, and their own uploads) or an agent who may see the
 * conversation (files on its messages, and their own uploads). Everyone else gets not_found.
 */
export async function readMessageAttachment(ctx: Ctx, party: TAttachmentParty, id: string, conversationId?: string): Promise<{ bytes: Buffer; headers: Record<string, string> }> {
  const row = await ctx.db
    .selectFrom('message_attachments as a')
    .leftJoin('messages as m', 'm.id', 'a.message_id')
    .selectAll('a')
    .select('m.internal')
    .where('a.id', '=', id)
    .executeTakeFirst();
  const missing = new AppError('not_found', 'no such attachment');
  if (!row || (conversationId && row.conversation_id !== conversationId)) throw missing;
  const conv = row.conversation_id ? await conversationOf(ctx.db, row.conversation_id) : undefined;
  if (party.kind === 'customer') {
    const own = row.uploaded_by === 'customer' && row.visitor_id === party.visitorId;
    const onPublicMessage = !!row.message_id && row.internal === false && conv?.visitor_id === party.visitorId;
    if (!own && !onPublicMessage) throw missing;
  } else {
    const own = row.uploaded_by === 'agent' && row.agent_id === party.agent.id;
    if (!conv || !canView(party.agent, conv) || (!own && !row.message_id)) throw missing;
  }
  return { bytes: await localAttachmentStore(ctx.config.attachments.dir).get(row.id), headers: attachmentHeaders(row) };
}
