import { describe, expect, it } from 'vitest';
import type { RunningServer } from '../server';
import { api, connectCustomer, newClientId, useTestServer } from '../testing/test-server';
import { retentionCutoff, sweepRetention } from './customers.retention';

let server: RunningServer;
let adminToken: string;
/** Added to the real time: moves the clock months ahead for the sweep. */
let offsetMs = 0;
const DAY = 86_400_000;

useTestServer({ clock: () => new Date(Date.now() + offsetMs), env: { KEFU_RETENTION_MONTHS: '6' } }, (t) => ({ server, adminToken } = t));

/** A visitor with one conversation (resolved when asked) and an email typed into the form. */
async function customerWithConversation(resolve: boolean) {
  const c = await connectCustomer(server);
  const ack = await c.socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: '请联系 wang@example.com', email: 'wang@example.com' });
  if (!ack.ok) throw new Error(ack.message);
  const conversationId = ack.message.conversationId;
  if (resolve) {
    expect((await api(server, `/api/conversations/${conversationId}/claim`, { token: adminToken, body: {} })).status).toBe(200);
    expect((await api(server, `/api/conversations/${conversationId}/resolve`, { token: adminToken, body: {} })).status).toBe(200);
  }
  c.socket.close();
  const profile = await api(server, `/api/customers/by-visitor/${c.visitorId}`, { token: adminToken });
  return { visitorId: c.visitorId, conversationId, customerId: profile.body.profile.customer.id as string };
}

const retentionEntries = () => server.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'retention.erased').execute();

describe('retention (KEFU_RETENTION_MONTHS)', () => {
  it('counts months by the calendar', () => {
    expect(retentionCutoff(new Date('2026-12-01T10:00:00Z'), 6).toISOString()).toBe('2026-06-01T10:00:00.000Z');
  });

  it('erases closed cases older than the setting, keeps open and recent ones, audits the counts, and finds nothing on a second run', async () => {
    const closed = await customerWithConversation(true);
    const open = await customerWithConversation(false);
    const phone = await api(server, '/api/complaints', { token: adminToken, body: { customerName: '李四', phone: '13900001111', category: 'billing', description: '多扣了钱' } });
    expect(phone.status).toBe(201);
    const phoneId = phone.body.complaint.id as string;
    // Closed by the end of its lifecycle; seeded directly (the lifecycle itself is tested in complaints/).
    await server.ctx.db.updateTable('complaints').set({ status: 'closed', closed_at: new Date(), close_reason: 'staff' }).where('id', '=', phoneId).execute();

    offsetMs = 150 * DAY; // five months: nothing is old enough
    expect(await sweepRetention(server.ctx)).toEqual({ customers: 0, visitors: 0, messages: 0, complaints: 0, files: 0, phoneComplaints: 0 });
    expect(await retentionEntries()).toEqual([]);

    offsetMs = 200 * DAY;
    const first = await sweepRetention(server.ctx);
    expect(first).toMatchObject({ customers: 1, visitors: 1, messages: 1, phoneComplaints: 1 });
    const erased = await server.ctx.db.selectFrom('customers').select(['erased_at', 'email']).where('id', '=', closed.customerId).executeTakeFirstOrThrow();
    expect(erased.erased_at).not.toBeNull();
    const visitor = await server.ctx.db.selectFrom('visitors').select('email').where('id', '=', closed.visitorId).executeTakeFirstOrThrow();
    expect(visitor.email).toBeNull();
    const kept = await server.ctx.db.selectFrom('visitors').select('email').where('id', '=', open.visitorId).executeTakeFirstOrThrow();
    expect(kept.email).toBe('wang@example.com');
    const keptText = await server.ctx.db.selectFrom('messages').select('text').where('conversation_id', '=', open.conversationId).executeTakeFirstOrThrow();
    expect(keptText.text).toBe('请联系 wang@example.com');
    const phoneRow = await server.ctx.db.selectFrom('complaints').select(['customer_name', 'contact_phone', 'personal_erased_at']).where('id', '=', phoneId).executeTakeFirstOrThrow();
    expect(phoneRow).toMatchObject({ customer_name: null, contact_phone: null });
    expect(phoneRow.personal_erased_at).not.toBeNull();

    const entries = await retentionEntries();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor_id: null, detail: { customers: 1, phoneComplaints: 1, months: 6 } });

    expect(await sweepRetention(server.ctx)).toEqual({ customers: 0, visitors: 0, messages: 0, complaints: 0, files: 0, phoneComplaints: 0 });
    expect(await retentionEntries()).toHaveLength(1);
  });

  it('erases each customer once when two sweeps run at the same time', async () => {
    offsetMs = 0;
    await customerWithConversation(true);
    await customerWithConversation(true);
    offsetMs = 400 * DAY;
    const [a, b] = await Promise.all([sweepRetention(server.ctx), sweepRetention(server.ctx)]);
    expect(a.customers + b.customers).toBe(2);
    expect(await sweepRetention(server.ctx)).toMatchObject({ customers: 0 });
  });
});
