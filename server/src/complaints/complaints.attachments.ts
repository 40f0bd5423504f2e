import { isComplaintOpen, type TAttachment } from '@kefu/shared';
import { attachmentHeaders, isInlineImage, localAttachmentStore, sniffAttachmentType } from '../attachments/attachments.storage';
import type { DbOrTrx } from '../db/database';
import type { Ctx } from '../platform/context';
import { AppError } from '../platform/errors';
import { changeComplaint, record } from './complaints.service';
import type { AttachmentRow } from './complaints.table';

const toAttachment = (r: AttachmentRow): TAttachment => ({
  id: r.id,
  fileName: r.file_name,
  contentType: r.content_type,
  size: r.size,
  uploadedBy: r.uploaded_by,
  image: isInlineImage(r.content_type),
  createdAt: r.created_at.toISOString(),
});

export async function listAttachments(db: DbOrTrx, complaintId: string): Promise<TAttachment[]> {
  const rows = await db.selectFrom('complaint_attachments').selectAll().where('complaint_id', '=', complaintId).orderBy('created_at').execute();
  return rows.map(toAttachment);
}

/** A file name safe to show and to put in a header: no path, no control characters, at most 120 characters. */
function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 120);
  return clean || 'file';
}

/**
 * Stores a file for a complaint after checking its size, the complaint's total and its real type;
 * records an `attachment_added` event (public: both parties see attachments).
 */
export async function addAttachment(
  ctx: Ctx,
  complaintId: string,
  by: { kind: 'customer' } | { kind: 'agent'; agentId: string },
  file: { name: string; bytes: Uint8Array },
): Promise<TAttachment> {
  const { maxBytes, maxTotalBytes, dir } = ctx.config.attachments;
  if (file.bytes.byteLength === 0) throw new AppError('bad_request', 'the file is empty');
  if (file.bytes.byteLength > maxBytes) throw new AppError('too_large', `a file may have at most ${Math.floor(maxBytes / 1024 / 1024)} MB`);
  const mime = await sniffAttachmentType(file.bytes);
  const name = cleanName(file.name);
  const row = await changeComplaint(ctx, complaintId, async (ch) => {
    if (!isComplaintOpen(ch.complaint.status)) throw new AppError('invalid_transition', 'this complaint is finished');
    const { total } = await ch.trx
      .selectFrom('complaint_attachments')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('size'), eb.lit(0)).as('total'))
      .where('complaint_id', '=', complaintId)
      .executeTakeFirstOrThrow();
    if (Number(total) + file.bytes.byteLength > maxTotalBytes) throw new AppError('too_large', `a complaint may have at most ${Math.floor(maxTotalBytes / 1024 / 1024)} MB of files`);
    const inserted = await ch.trx
      .insertInto('complaint_attachments')
      .values({ complaint_id: complaintId, uploaded_by: by.kind, actor_id: by.kind === 'agent' ? by.agentId : null, file_name: name, content_type: mime, size: file.bytes.byteLength, created_at: ch.now })
      .returningAll()
      .executeTakeFirstOrThrow();
    // Written inside the transaction: if the disk fails, no row points at a missing file.
    await localAttachmentStore(dir).put(inserted.id, file.bytes);
    await record(ch, 'attachment_added', { isPublic: true, actorId: by.kind === 'agent' ? by.agentId : null, text: name, data: { attachmentId: inserted.id } });
    return inserted;
  });
  return toAttachment(row);
}

/** The bytes and safe headers of one attachment of one complaint (the caller checked the party). */
export async function readAttachment(ctx: Ctx, complaintId: string, attachmentId: string): Promise<{ bytes: Buffer; headers: Record<string, string> }> {
  const row = await ctx.db.selectFrom('complaint_attachments').selectAll().where('id', '=', attachmentId).where('complaint_id', '=', complaintId).executeTakeFirst();
  if (!row) throw new AppError('not_found', 'no such attachment');
  return { bytes: await localAttachmentStore(ctx.config.attachments.dir).get(row.id), headers: attachmentHeaders(row) };
}
