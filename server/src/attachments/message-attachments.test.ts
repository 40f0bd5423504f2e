import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server';
import { api, connectAgent, connectCustomer, createAgent, newClientId, nextEvent, useTestServer } from '../testing/test-server';

let server: RunningServer;
let admin: string;
const dir = mkdtempSync(join(tmpdir(), 'kefu-chat-files-'));
useTestServer({ env: { KEFU_ATTACHMENTS_DIR: dir, KEFU_ATTACHMENT_MAX_BYTES: '4096' } }, (t) => {
  ({ server, adminToken: admin } = t);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The smallest valid PNG (1×1 pixel) and a minimal PDF.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

type Customer = Awaited<ReturnType<typeof connectCustomer>>;
const form = (name: string, bytes: Buffer, type = 'image/png') => {
  const f = new FormData();
  f.set('file', new Blob([new Uint8Array(bytes)], { type }), name);
  return f;
};
const widgetQuery = () => `siteKey=demo&hostOrigin=${encodeURIComponent(server.url)}`;

async function customerUpload(c: Customer, name: string, bytes: Buffer, conversationId?: string) {
  const res = await fetch(`${server.url}/api/widget/attachments?${widgetQuery()}${conversationId ? `&conversationId=${conversationId}` : ''}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${c.visitorToken}` },
    body: form(name, bytes),
  });
  return { status: res.status, body: (await res.json()) as any };
}
const customerFetch = (c: Customer, id: string) =>
  fetch(`${server.url}/api/widget/attachments/${id}?${widgetQuery()}`, { headers: { authorization: `Bearer ${c.visitorToken}` } });
async function agentUpload(token: string, conversationId: string, name: string, bytes: Buffer, type?: string) {
  const res = await fetch(`${server.url}/api/conversations/${conversationId}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form(name, bytes, type) });
  return { status: res.status, body: (await res.json()) as any };
}
const agentFetch = (token: string, conversationId: string, id: string) =>
  fetch(`${server.url}/api/conversations/${conversationId}/attachments/${id}`, { headers: { authorization: `Bearer ${token}` } });

/** A customer whose first message is a photo, and the conversation claimed by the admin. */
async function customerSendsPhoto() {
  const customer = await connectCustomer(server);
  const up = await customerUpload(customer, 'photo.png', PNG);
  expect(up.status).toBe(201);
  const clientId = newClientId();
  const ack = await customer.socket.emitWithAck('message:send', { conversationId: null, clientId, text: '', attachmentIds: [up.body.attachment.id] });
  if (!ack.ok) throw new Error(JSON.stringify(ack));
  const conversationId = ack.message.conversationId;
  expect((await api(server, `/api/conversations/${conversationId}/claim`, { method: 'POST', token: admin })).status).toBe(200);
  return { customer, attachment: up.body.attachment, conversationId, clientId, ack };
}

describe('attachments on chat messages', () => {
  it('sends a customer’s photo once, shows it to the agent, and serves it only to the conversation’s parties', async () => {
    const { customer, attachment, conversationId, clientId, ack } = await customerSendsPhoto();
    expect(attachment).toEqual({ id: expect.any(String), fileName: 'photo.png', contentType: 'image/png', size: PNG.length, image: true });
    expect(ack.ok && ack.message.attachments).toEqual([attachment]);
    // A resend after a lost ack gets the same message back, files included, and stores nothing new.
    const again = await customer.socket.emitWithAck('message:send', { conversationId, clientId, text: '', attachmentIds: [attachment.id] });
    expect(again.ok && again.message).toMatchObject({ seq: 1, attachments: [attachment] });
    const detail = await api(server, `/api/conversations/${conversationId}`, { token: admin });
    expect(detail.body.messages).toHaveLength(1);
    expect(detail.body.messages[0]).toMatchObject({ text: '', attachments: [attachment] });
    expect(detail.body.conversation.lastMessageText).toBe('📎');
    const sync = await customer.socket.emitWithAck('conversation:sync', { conversationId, afterSeq: 0 });
    expect(sync.ok && sync.messages[0]?.attachments).toEqual([attachment]);

    const mine = await customerFetch(customer, attachment.id);
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toBe('image/png');
    expect(mine.headers.get('content-disposition')).toMatch(/^inline; filename="photo.png"/);
    expect(mine.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await mine.arrayBuffer()).equals(PNG)).toBe(true);
    expect((await agentFetch(admin, conversationId, attachment.id)).status).toBe(200);

    const stranger = await connectCustomer(server);
    expect((await customerFetch(stranger, attachment.id)).status).toBe(404);
    const outsider = await createAgent(server, admin, { teamIds: [] });
    expect((await agentFetch(outsider.token, conversationId, attachment.id)).status).toBe(404);
    expect((await fetch(`${server.url}/api/widget/attachments/${attachment.id}?${widgetQuery()}`)).status).toBe(401);
    customer.socket.close();
    stranger.socket.close();
  });

  it('delivers an agent’s PDF to the customer as a download, and keeps files on internal notes from the customer', async () => {
    const { customer, conversationId } = await customerSendsPhoto();
    const agent = await connectAgent(server, admin);
    const pdf = await agentUpload(admin, conversationId, 'invoice 发票.pdf', PDF, 'text/html');
    expect(pdf.status).toBe(201);
    expect(pdf.body.attachment).toMatchObject({ contentType: 'application/pdf', image: false });
    const received = nextEvent(customer.socket, 'message:new', (m) => m.author === 'agent');
    const reply = await agent.emitWithAck('message:send', { conversationId, clientId: newClientId(), text: 'Your invoice', attachmentIds: [pdf.body.attachment.id], internal: false });
    expect(reply.ok).toBe(true);
    expect((await received).attachments).toEqual([pdf.body.attachment]);
    const served = await customerFetch(customer, pdf.body.attachment.id);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('application/octet-stream');
    expect(served.headers.get('content-disposition')).toBe(`attachment; filename="invoice __.pdf"; filename*=UTF-8''${encodeURIComponent('invoice 发票.pdf')}`);

    const note = await agentUpload(admin, conversationId, 'internal.png', PNG);
    const sent = await agent.emitWithAck('message:send', { conversationId, clientId: newClientId(), text: 'for us only', attachmentIds: [note.body.attachment.id], internal: true });
    expect(sent.ok).toBe(true);
    expect((await customerFetch(customer, note.body.attachment.id)).status).toBe(404);
    expect((await agentFetch(admin, conversationId, note.body.attachment.id)).status).toBe(200);
    agent.close();
    customer.socket.close();
  });

  it('shows an agent the whole conversation in one read: every message after the cursor with its files, notes, the trail', async () => {
    const { customer, conversationId, attachment } = await customerSendsPhoto();
    const agent = await connectAgent(server, admin);
    const pdf = await agentUpload(admin, conversationId, 'invoice.pdf', PDF, 'application/pdf');
    const two = await agentUpload(admin, conversationId, 'second.png', PNG);
    const reply = await agent.emitWithAck('message:send', { conversationId, clientId: newClientId(), text: 'Two files', attachmentIds: [pdf.body.attachment.id, two.body.attachment.id], internal: false });
    const note = await agent.emitWithAck('message:send', { conversationId, clientId: newClientId(), text: 'for us only', internal: true });
    const more = await customer.socket.emitWithAck('message:send', { conversationId, clientId: newClientId(), text: 'Thanks' });
    if (!reply.ok || !note.ok || !more.ok) throw new Error('send failed');
    const detail = (await api(server, `/api/conversations/${conversationId}`, { token: admin })).body;
    expect(detail.messages.map((m: { seq: number; text: string; internal: boolean; authorName: string | null }) => [m.seq, m.text, m.internal, m.authorName])).toEqual([
      [1, '', false, null],
      [2, 'Two files', false, 'Admin'],
      [3, 'for us only', true, 'Admin'],
      [4, 'Thanks', false, null],
    ]);
    expect(detail.messages[0].attachments).toEqual([attachment]);
    expect(detail.messages[1].attachments).toEqual([pdf.body.attachment, two.body.attachment]);
    expect(detail.messages[2].attachments).toBeUndefined();
    expect(detail.messages[1]).toEqual(reply.message);
    expect(detail.events.map((e: { type: string }) => e.type)).toEqual(['created', 'claimed', 'owner_set']);
    expect(detail.events[1]).toMatchObject({ actorName: 'Admin', data: { agentName: 'Admin' } });
    expect(detail.conversation).toMatchObject({ id: conversationId, lastSeq: 4, ownerName: 'Admin', assigneeName: 'Admin', lastMessageText: 'Thanks' });
    // After a cursor: only what follows it, and the same conversation and trail.
    const sync = await agent.emitWithAck('conversation:sync', { conversationId, afterSeq: 2 });
    if (!sync.ok) throw new Error(sync.message);
    expect(sync.messages.map((m) => m.seq)).toEqual([3, 4]);
    expect(sync.events).toEqual(detail.events);
    expect(sync.conversation).toEqual(detail.conversation);
    agent.close();
    customer.socket.close();
  });

  it('refuses a .png that is really HTML, an SVG, and a file over the size limit', async () => {
    const customer = await connectCustomer(server);
    const html = await customerUpload(customer, 'cat.png', Buffer.from('<!doctype html><script>alert(document.cookie)</script>'));
    expect(html).toMatchObject({ status: 400, body: { code: 'bad_request' } });
    const svg = await customerUpload(customer, 'x.png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'));
    expect(svg.status).toBe(400);
    const big = await customerUpload(customer, 'big.png', Buffer.concat([PNG, Buffer.alloc(5000)]));
    expect(big).toMatchObject({ status: 413, body: { code: 'too_large' } });
    const raw = await fetch(`${server.url}/api/widget/attachments?${widgetQuery()}`, { method: 'POST', headers: { authorization: `Bearer ${customer.visitorToken}`, 'content-type': 'image/png' }, body: new Uint8Array(PNG) });
    expect(raw.status).toBe(400);
    customer.socket.close();
  });

  it('refuses a message naming someone else’s attachment, one already sent, or one of another conversation, and stores nothing', async () => {
    const { customer, attachment, conversationId } = await customerSendsPhoto();
    const other = await connectCustomer(server);
    const otherFile = await customerUpload(other, 'mine.png', PNG);
    // Another visitor names the first visitor's file: refused, nothing written.
    const stolen = await other.socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: 'look', attachmentIds: [attachment.id] });
    expect(stolen).toMatchObject({ ok: false, code: 'not_found' });
    // The same file cannot be put on a second message.
    const reused = await customer.socket.emitWithAck('message:send', { conversationId, clientId: newClientId(), text: 'again', attachmentIds: [attachment.id] });
    expect(reused).toMatchObject({ ok: false, code: 'not_found' });
    // Nor a customer's file on an agent's message, nor an agent's upload in another conversation.
    const agent = await connectAgent(server, admin);
    const fromCustomer = await agent.emitWithAck('message:send', { conversationId, clientId: newClientId(), text: 'x', attachmentIds: [otherFile.body.attachment.id], internal: false });
    expect(fromCustomer).toMatchObject({ ok: false, code: 'not_found' });
    const second = await customerSendsPhoto();
    const elsewhere = await agentUpload(admin, second.conversationId, 'a.pdf', PDF);
    const crossed = await agent.emitWithAck('message:send', { conversationId, clientId: newClientId(), text: 'x', attachmentIds: [elsewhere.body.attachment.id], internal: false });
    expect(crossed).toMatchObject({ ok: false, code: 'not_found' });
    // Uploading into someone else's conversation is refused too.
    expect((await customerUpload(other, 'p.png', PNG, conversationId)).status).toBe(404);
    const detail = await api(server, `/api/conversations/${conversationId}`, { token: admin });
    expect(detail.body.messages.map((m: { seq: number }) => m.seq)).toEqual([1]);
    expect(detail.body.conversation.lastSeq).toBe(1);
    // An empty message without files is still refused.
    expect(await customer.socket.emitWithAck('message:send', { conversationId, clientId: newClientId(), text: '  ' })).toMatchObject({ ok: false, code: 'bad_request' });
    agent.close();
    customer.socket.close();
    other.socket.close();
  });
});
