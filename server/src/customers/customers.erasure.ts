import { ERASED_TEXT, type TErasureCounts } from '@kefu/shared';
import type { Trx } from '../db/database';
import { hashToken, randomToken } from '../platform/secrets';
import { visitorIdsOf } from './customers.repository';

const n = (r: { numUpdatedRows?: bigint } | undefined) => Number(r?.numUpdatedRows ?? 0n);

/**
 * Erases a customer's personal data and keeps the rows that statistics count (see
 * docs/confidentiality.md): the profile's fields and notes, the visitors' names, emails and tokens
 * (the device loses access), complaint contact fields and the customer's own words (message
 * bodies, complaint descriptions and added information, survey comments) become ERASED_TEXT or
 * null. Agents' messages, sequence numbers, times, statuses and ratings stay.
 */
export async function eraseCustomer(trx: Trx, customerId: string, now: Date): Promise<TErasureCounts> {
  const visitorIds = await visitorIdsOf(trx, customerId);
  await trx.deleteFrom('customer_notes').where('customer_id', '=', customerId).execute();
  const customers = await trx
    .updateTable('customers')
    .set({ external_id: null, verified: false, name: null, email: null, phone: null, region: null, tags: '[]', erased_at: now })
    .where('id', '=', customerId)
    .executeTakeFirst();
  if (visitorIds.length === 0) return { customers: n(customers), visitors: 0, messages: 0, complaints: 0 };
  const visitors = await trx.updateTable('visitors').set({ name: null, email: null, token_hash: hashToken(randomToken()) }).where('id', 'in', visitorIds).executeTakeFirst();
  const conversationIds = (await trx.selectFrom('conversations').select('id').where('visitor_id', 'in', visitorIds).execute()).map((r) => r.id);
  let messages = 0;
  if (conversationIds.length) {
    messages = n(await trx.updateTable('messages').set({ text: ERASED_TEXT }).where('conversation_id', 'in', conversationIds).where('author', '=', 'customer').where('text', '<>', ERASED_TEXT).executeTakeFirst());
    await trx.updateTable('conversations').set({ last_message_text: ERASED_TEXT }).where('id', 'in', conversationIds).where('last_message_text', 'is not', null).execute();
  }
  const complaintIds = (await trx.selectFrom('complaints').select('id').where('visitor_id', 'in', visitorIds).execute()).map((r) => r.id);
  if (complaintIds.length) await eraseComplaints(trx, complaintIds, now);
  await trx.updateTable('surveys').set({ comment: null }).where('visitor_id', 'in', visitorIds).execute();
  await trx.updateTable('follow_ups').set({ notes: null }).where('visitor_id', 'in', visitorIds).execute();
  return { customers: n(customers), visitors: n(visitors), messages, complaints: complaintIds.length };
}

/** Contact fields and the complainant's own text of these complaints (events without an agent are the customer's). */
export async function eraseComplaints(trx: Trx, complaintIds: string[], now: Date): Promise<void> {
  await trx
    .updateTable('complaints')
    .set({ customer_name: null, contact_phone: null, contact_email: null, description: ERASED_TEXT, rating_comment: null, personal_erased_at: now })
    .where('id', 'in', complaintIds)
    .execute();
  await trx.updateTable('complaint_events').set({ text: ERASED_TEXT }).where('complaint_id', 'in', complaintIds).where('actor_id', 'is', null).where('text', 'is not', null).execute();
}
