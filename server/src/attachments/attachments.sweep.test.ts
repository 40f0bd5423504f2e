import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server';
import { api, connectCustomer, newClientId, useTestServer } from '../testing/test-server';
import { sweepAttachments, UNSENT_UPLOAD_MS } from './attachments.sweep';

let server: RunningServer;
let admin: string;
const dir = mkdtempSync(join(tmpdir(), 'kefu-sweep-files-'));
useTestServer({ sweepMs: 3_600_000, env: { KEFU_ATTACHMENTS_DIR: dir } }, (t) => {
  ({ server, adminToken: admin } = t);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The smallest valid PNG (1×1 pixel) and a minimal PDF.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
type Customer = Awaited<ReturnType<typeof connectCustomer>>;

const form = (name: string, bytes: Buffer, type: string) => {
  const f = new FormData();
  f.set('file', new Blob([new Uint8Array(bytes)], { type }), name);
  return f;
};
async function customerUpload(c: Customer, name: string): Promise<string> {
  const res = await fetch(`${server.url}/api/widget/attachments?siteKey=demo&hostOrigin=${encodeURIComponent(server.url)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${c.visitorToken}` },
    body: form(name, PNG, 'image/png'),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { attachment: { id: string } }).attachment.id;
}
const files = () => readdirSync(dir).sort();
const ageRow = (id: string, ms: number) => server.ctx.db.updateTable('message_attachments').set({ created_at: new Date(Date.now() - ms) }).where('id', '=', id).execute();

describe('attachment files nobody holds', () => {
  it('an erasure deletes the files the customer uploaded (chat, complaint, never sent) and keeps the agent\'s', async () => {
    const c = await connectCustomer(server);
    const photo = await customerUpload(c, '王芳身份证.png');
    const ack = await c.socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: 'my ID', attachmentIds: [photo] });
    if (!ack.ok) throw new Error(JSON.stringify(ack));
    const conversationId = ack.message.conversationId;
    const unsent = await customerUpload(c, 'receipt.png');
    await api(server, `/api/conversations/${conversationId}/claim`, { method: 'POST', token: admin });
    const agentUp = await fetch(`${server.url}/api/conversations/${conversationId}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body: form('terms.pdf', PDF, 'application/pdf') });
    const agentFile = ((await agentUp.json()) as { attachment: { id: string } }).attachment.id;
    const complaint = await api(server, '/api/widget/complaints', { body: { siteKey: 'demo', visitorToken: c.visitorToken, hostOrigin: server.url, category: 'product', description: 'Broken', phone: '13800000000' } });
    const token = String(complaint.body.trackingUrl).split('/c/')[1]!;
    const complaintUp = await fetch(`${server.url}/api/track/${token}/attachments?name=box.png`, { method: 'POST', body: new Uint8Array(PNG), headers: { 'content-type': 'image/png' } });
    const complaintFile = ((await complaintUp.json()) as { attachment: { id: string } }).attachment.id;
    expect(files()).toEqual([photo, unsent, agentFile, complaintFile].sort());
    c.socket.close();

    const profile = await api(server, `/api/customers/by-visitor/${c.visitorId}`, { token: admin });
    const erased = await api(server, `/api/customers/${profile.body.profile.customer.id}`, { method: 'DELETE', token: admin });
    expect(erased.body.erased).toMatchObject({ customers: 1, files: 3 });

    expect(files()).toEqual([agentFile]);
    const rows = await server.ctx.db.selectFrom('message_attachments').select(['id', 'file_name']).where('conversation_id', '=', conversationId).execute();
    expect(rows).toEqual([{ id: agentFile, file_name: 'terms.pdf' }]);
    expect(await server.ctx.db.selectFrom('message_attachments').select('id').where('id', 'in', [photo, unsent]).execute()).toEqual([]);
    expect(await server.ctx.db.selectFrom('complaint_attachments').select('id').where('id', '=', complaintFile).execute()).toEqual([]);
    expect(await server.ctx.db.selectFrom('attachment_deletions').selectAll().execute()).toEqual([]);
    // The conversation's messages no longer name the customer's file; the agent's is still served.
    const detail = await api(server, `/api/conversations/${conversationId}`, { token: admin });
    expect(JSON.stringify(detail.body)).not.toContain('王芳身份证');
    expect((await fetch(`${server.url}/api/conversations/${conversationId}/attachments/${agentFile}`, { headers: { authorization: `Bearer ${admin}` } })).status).toBe(200);
  });

  it('the sweep removes uploads never sent after a day, files queued by a process that died, and dead half-writes — and nothing just because it has no row', async () => {
    const c = await connectCustomer(server);
    const sentId = await customerUpload(c, 'sent.png');
    const ack = await c.socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: 'photo', attachmentIds: [sentId] });
    expect(ack.ok).toBe(true);
    const forgotten = await customerUpload(c, 'forgotten.png');
    const recent = await customerUpload(c, 'recent.png');
    await ageRow(forgotten, UNSENT_UPLOAD_MS + 60_000);
    await ageRow(sentId, UNSENT_UPLOAD_MS + 60_000);
    await ageRow(recent, UNSENT_UPLOAD_MS - 3_600_000);
    // An erasure whose process died after its commit, before deleting the file.
    const queued = randomUUID();
    writeFileSync(join(dir, queued), 'x');
    await server.ctx.db.insertInto('attachment_deletions').values({ id: queued }).execute();
    // A write that never finished two hours ago, one in progress, and a file no row names (a server
    // pointed at another database must not empty the folder).
    const old = new Date(Date.now() - 2 * 3_600_000);
    const deadTmp = `${randomUUID()}.tmp`;
    const liveTmp = `${randomUUID()}.tmp`;
    const unknown = randomUUID();
    for (const name of [deadTmp, liveTmp, unknown]) writeFileSync(join(dir, name), 'x');
    utimesSync(join(dir, deadTmp), old, old);
    utimesSync(join(dir, unknown), old, old);

    expect(await sweepAttachments(server.ctx)).toEqual({ unsent: 1, files: 2, unfinished: 1 });
    for (const gone of [forgotten, queued, deadTmp]) expect(existsSync(join(dir, gone))).toBe(false);
    for (const kept of [sentId, recent, liveTmp, unknown]) expect(existsSync(join(dir, kept))).toBe(true);
    expect(await server.ctx.db.selectFrom('message_attachments').select('id').where('id', 'in', [sentId, forgotten, recent]).execute()).toEqual(expect.arrayContaining([{ id: sentId }, { id: recent }]));
    expect(await server.ctx.db.selectFrom('message_attachments').select('id').where('id', '=', forgotten).execute()).toEqual([]);
    // Sending the swept upload now is refused with a reason, and stores nothing.
    const late = await c.socket.emitWithAck('message:send', { conversationId: ack.ok ? ack.message.conversationId : null, clientId: newClientId(), text: 'here it is', attachmentIds: [forgotten] });
    expect(late).toMatchObject({ ok: false, code: 'not_found' });
    // A second sweep finds nothing.
    expect(await sweepAttachments(server.ctx)).toEqual({ unsent: 0, files: 0, unfinished: 0 });
    c.socket.close();
  });
});
