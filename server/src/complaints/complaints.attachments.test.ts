import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../platform/database';
import type { RunningServer } from '../server';
import { api, connectCustomer, createAgent, createTestDatabase, login, startTestServer } from '../testing/test-server';

let database: OpenDatabase;
let server: RunningServer;
let admin: string;
const dir = mkdtempSync(join(tmpdir(), 'kefu-attachments-'));
// The smallest valid PNG (1×1 pixel).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer({ database, sweepMs: 3_600_000, env: { KEFU_ATTACHMENTS_DIR: dir, KEFU_ATTACHMENT_MAX_BYTES: '4096', KEFU_ATTACHMENT_MAX_TOTAL_BYTES: '6000' } });
  admin = (await login(server)).token;
});
afterAll(async () => {
  await server?.close();
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function file(): Promise<{ token: string; id: string }> {
  const c = await connectCustomer(server);
  c.socket.close();
  const r = await api(server, '/api/widget/complaints', { body: { siteKey: 'demo', visitorToken: c.visitorToken, hostOrigin: server.url, category: 'product', description: 'Broken on arrival', phone: '13800000000' } });
  const token = String(r.body.trackingUrl).split('/c/')[1]!;
  const list = await api(server, '/api/complaints?sort=created', { token: admin });
  return { token, id: list.body.complaints.find((x: { number: string }) => x.number === r.body.number).id };
}
const upload = (path: string, name: string, bytes: Buffer, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}?name=${encodeURIComponent(name)}`, { method: 'POST', body: new Uint8Array(bytes), headers: { 'content-type': 'image/png', ...headers } });

describe('complaint attachments', () => {
  it('stores a customer’s image by its sniffed type and serves it inline only to the parties', async () => {
    const { token, id } = await file();
    const res = await upload(`/api/track/${token}/attachments`, 'photo.png', PNG);
    expect(res.status).toBe(201);
    const { attachment } = (await res.json()) as { attachment: { id: string; contentType: string; image: boolean } };
    expect(attachment).toMatchObject({ contentType: 'image/png', image: true });
    const view = (await api(server, `/api/track/${token}`)).body.complaint;
    expect(view.attachments).toEqual([expect.objectContaining({ id: attachment.id, fileName: 'photo.png' })]);
    expect(view.timeline.at(-1)).toMatchObject({ type: 'attachment_added', text: 'photo.png' });

    const served = await fetch(`${server.url}/api/track/${token}/attachments/${attachment.id}`);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('content-disposition')).toMatch(/^inline; filename="photo.png"/);
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);
    // The agent side sees it too; another complaint's link does not.
    expect((await fetch(`${server.url}/api/complaints/${id}/attachments/${attachment.id}`, { headers: { authorization: `Bearer ${admin}` } })).status).toBe(200);
    const other = await file();
    expect((await fetch(`${server.url}/api/track/${other.token}/attachments/${attachment.id}`)).status).toBe(404);
    const outsider = await createAgent(server, admin, { teamIds: [] });
    expect((await fetch(`${server.url}/api/complaints/${id}/attachments/${attachment.id}`, { headers: { authorization: `Bearer ${outsider.token}` } })).status).toBe(404);
  });

  it('refuses a .png that is really HTML, and serves documents as downloads', async () => {
    const { token, id } = await file();
    const html = Buffer.from('<!doctype html><script>alert(document.cookie)</script>');
    const spoofed = await upload(`/api/track/${token}/attachments`, 'cat.png', html);
    expect(spoofed.status).toBe(400);
    const svg = await upload(`/api/track/${token}/attachments`, 'x.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'));
    expect(svg.status).toBe(400);
    const pdf = await fetch(`${server.url}/api/complaints/${id}/attachments?name=${encodeURIComponent('发票 "2026".pdf')}`, { method: 'POST', body: new Uint8Array(PDF), headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/html' } });
    expect(pdf.status).toBe(201);
    const { attachment } = (await pdf.json()) as { attachment: { id: string; image: boolean } };
    expect(attachment.image).toBe(false);
    const served = await fetch(`${server.url}/api/track/${token}/attachments/${attachment.id}`);
    expect(served.headers.get('content-type')).toBe('application/octet-stream');
    expect(served.headers.get('content-disposition')).toBe(`attachment; filename="__ _2026_.pdf"; filename*=UTF-8''${encodeURIComponent('发票 "2026".pdf')}`);
  });

  it('refuses files over the size limit and over the complaint’s total', async () => {
    const { token } = await file();
    const big = Buffer.concat([PNG, Buffer.alloc(5000)]);
    expect((await upload(`/api/track/${token}/attachments`, 'big.png', big)).status).toBe(413);
    const medium = Buffer.concat([PNG, Buffer.alloc(3000)]);
    expect((await upload(`/api/track/${token}/attachments`, 'a.png', medium)).status).toBe(201);
    expect((await upload(`/api/track/${token}/attachments`, 'b.png', medium)).status).toBe(413);
    expect((await api(server, `/api/track/${token}`)).body.complaint.attachments).toHaveLength(1);
  });
});
