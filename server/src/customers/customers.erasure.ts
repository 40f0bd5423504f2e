import { ERASED_TEXT, type TErasureCounts } from '@kefu/shared';
import type { Trx } from '../db/database';
import { hashToken, randomToken } from '../platform/secrets';
import { visitorIdsOf } from './customers.repository';
import { queueFileDeletions } from '../attachments/attachments.sweep';

const n = (r: { numUpdatedRows?: bigint } | undefined) => Number(r?.numUpdatedRows ?? 0n);

/** What an erasure changed, and the attachment files it queued for deletion once it has committed (attachments.sweep.ts). */
export type TErasure = { counts: TErasureCounts; fileIds: string[] };

/**
 * Erases a customer's personal data and keeps the rows that statistics count (see
 * docs/confidentiality.md): the profile's fields and notes, the visitors' names, emails and tokens
 * (the device loses access), complaint contact fields and the customer's own words (message
 * bodies, complaint descriptions and added information, survey comments) become ERASED_TEXT or
 * null, and the files the customer uploaded (chat and complaints) lose their rows; the caller
 * deletes their bytes after the commit. Agents' messages and files, sequence numbers, times,
 * statuses and ratings stay.
 */
export async function eraseCustomer(trx: Trx, customerId: string, now: Date): Promise<TErasure> {
  const visitorIds = await visitorIdsOf(trx, customerId);
  await trx.deleteFrom('customer_notes').where('customer_id', '=', customerId).execute();
  const customers = await trx
    .updateTable('customers')
    .set({ external_id: null, verified: false, name: null, email: null, phone: null, region: null, tags: '[]', erased_at: now })
    .where('id', '=', customerId)
    .executeTakeFirst();
  if (visitorIds.length === 0) return { counts: { customers: n(customers), visitors: 0, messages: 0, complaints: 0, files: 0 }, fileIds: [] };
  const visitors = await trx.updateTable('visitors').set({ name: null, email: null, token_hash: hashToken(randomToken()) }).where('id', 'in', visitorIds).executeTakeFirst();
  const conversationIds = (await trx.selectFrom('conversations').select('id').where('visitor_id', 'in', visitorIds).execute()).map((r) => r.id);
  let messages = 0;
  if (conversationIds.length) {
    messages = n(await trx.updateTable('messages').set({ text: ERASED_TEXT }).where('conversation_id', 'in', conversationIds).where('author', '=', 'customer').where('text', '<>', ERASED_TEXT).executeTakeFirst());
    await trx.updateTable('conversations').set({ last_message_text: ERASED_TEXT }).where('id', 'in', conversationIds).where('last_message_text', 'is not', null).execute();
  }
  const complaintIds = (await trx.selectFrom('complaints').select('id').where('visitor_id', 'in', visitorIds).execute()).map((r) => r.id);
  const complaintFiles = complaintIds.length ? await eraseComplaints(trx, complaintIds, now) : [];
  await trx.updateTable('surveys').set({ comment: null }).where('visitor_id', 'in', visitorIds).execute();
  await trx.updateTable('follow_ups').set({ notes: null }).where('visitor_id', 'in', visitorIds).execute();
  // Photos of receipts, ID cards, screenshots: the customer's files go whole (their names too).
  const chatFiles = await trx.deleteFrom('message_attachments').where('visitor_id', 'in', visitorIds).where('uploaded_by', '=', 'customer').returning('id').execute();
  await queueFileDeletions(trx, chatFiles.map((r) => r.id));
  const fileIds = [...chatFiles.map((r) => r.id), ...complaintFiles];
  return { counts: { customers: n(customers), visitors: n(visitors), messages, complaints: complaintIds.length, files: fileIds.length }, fileIds };
}

/**
 * Contact fields, the complainant's own text (events without an agent are the customer's) and the
 * files they added to these complaints. Returns those files' ids, to delete after the commit.
 */
export async function eraseComplaints(trx: Trx, complaintIds: string[], now: Date): Promise<string[]> {
  await trx
    .updateTable('complaints')
    .set({ customer_name: null, contact_phone: null, contact_email: null, description: ERASED_TEXT, rating_comment: null, personal_erased_at: now })
    .where('id', 'in', complaintIds)
    .execute();
  await trx.updateTable('complaint_events').set({ text: ERASED_TEXT }).where('complaint_id', 'in', complaintIds).where('actor_id', 'is', null).where('text', 'is not', null).execute();
  const files = (await trx.deleteFrom('complaint_attachments').where('complaint_id', 'in', complaintIds).where('uploaded_by', '=', 'customer').returning('id').execute()).map((r) => r.id);
  await queueFileDeletions(trx, files);
  return files;
}
