import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../platform/database';
import type { RunningServer } from '../server';
import { api, connectCustomer, createTestDatabase, eventually, login, startTestServer } from '../testing/test-server';
import { startTestSmtp, type TReceivedMail } from '../testing/test-smtp';

type Received = TReceivedMail;
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
let inbox: Received[] = [];
let database: OpenDatabase;
let withSmtp: RunningServer;
let admin: string;

beforeAll(async () => {
  smtp = await startTestSmtp();
  inbox = smtp.inbox;
  database = await createTestDatabase();
  withSmtp = await startTestServer({ database, env: { SMTP_URL: smtp.url, KEFU_PUBLIC_URL: 'https://kefu.example.com' }, sweepMs: 3_600_000 });
  admin = (await login(withSmtp)).token;
});
afterAll(async () => {
  await withSmtp?.close();
  await database?.close();
  await smtp?.close();
});

/** The plain text of a received mail (quoted-printable soft breaks undone). */
const bodyOf = (m: Received) => m.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
const linkIn = (m: Received) => bodyOf(m).match(/https:\/\/kefu\.example\.com\/c\/([A-Za-z0-9_-]{43})/)?.[1];

async function file(server: RunningServer, email: string) {
  const c = await connectCustomer(server);
  c.socket.close();
  const r = await api(server, '/api/widget/complaints', { body: { siteKey: 'demo', visitorToken: c.visitorToken, hostOrigin: server.url, category: 'service', description: 'Nobody called back', email, locale: 'en' } });
  expect(r.status).toBe(201);
  return r.body as { number: string; trackingUrl: string };
}

describe('complaint mails', () => {
  it('mails the customer a working tracking link on filing and on each public status change', async () => {
    const filed = await file(withSmtp, 'zhao@example.com');
    const first = await eventually(async () => inbox.find((m) => m.to.includes('zhao@example.com') && m.raw.includes(filed.number)));
    expect(first.raw).toContain(`We received your complaint ${filed.number}`);
    const token = linkIn(first);
    expect(token).toBeDefined();
    expect((await api(withSmtp, `/api/track/${token}`)).body.complaint.number).toBe(filed.number);

    const id = (await api(withSmtp, '/api/complaints?sort=created', { token: admin })).body.complaints.find((c: { number: string }) => c.number === filed.number).id;
    const teamId = (await api(withSmtp, '/api/teams', { token: admin, body: { name: 'Mail team' } })).body.team.id;
    await api(withSmtp, `/api/complaints/${id}/judge`, { token: admin, body: { decision: 'accept', teamId } });
    const accepted = await eventually(async () => inbox.find((m) => m.to.includes('zhao@example.com') && m.raw.includes('Being handled')));
    const second = linkIn(accepted);
    expect(second).toBeDefined();
    expect(second).not.toBe(token);
    expect((await api(withSmtp, `/api/track/${second}`)).body.complaint.status).toBe('handling');

    // The resolution mail asks whether the customer is satisfied and for a rating, with a working link.
    await api(withSmtp, `/api/complaints/${id}/resolve`, { token: admin, body: { resolution: 'Refunded in full.' } });
    const resolved = await eventually(async () => inbox.find((m) => m.to.includes('zhao@example.com') && bodyOf(m).includes('Refunded in full.')));
    expect(bodyOf(resolved)).toContain('rate our service from 1 to 5');
    expect((await api(withSmtp, `/api/track/${linkIn(resolved)}`)).body.complaint.awaitingFeedback).toBe(true);

    // The stored copy of a sent mail holds no working link.
    const outbox = (await api(withSmtp, '/api/mail/outbox?status=sent', { token: admin })).body.mails;
    expect(outbox.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(outbox)).not.toMatch(/\/c\/[A-Za-z0-9_-]{43}/);
  });

  it('keeps mails in the outbox for admins when no SMTP is configured', async () => {
    const db2 = await createTestDatabase();
    const plain = await startTestServer({ database: db2, sweepMs: 3_600_000 });
    try {
      const filed = await file(plain, 'qian@example.com');
      const token = await login(plain);
      const held = await eventually(async () => {
        const r = await api(plain, '/api/mail/outbox', { token: token.token });
        return r.body.mails.find((m: { to: string }) => m.to === 'qian@example.com');
      });
      expect(held).toMatchObject({ status: 'held', subject: `We received your complaint ${filed.number}` });
      expect(held.text).toContain(filed.trackingUrl.split('/c/')[1]);
      const agent = await api(plain, '/api/users', { token: token.token, body: { email: 'a@test.local', name: 'A', password: 'agent-password' } });
      expect(agent.status).toBe(201);
      const asAgent = await login(plain, 'a@test.local', 'agent-password');
      expect((await api(plain, '/api/mail/outbox', { token: asAgent.token })).status).toBe(403);
    } finally {
      await plain.close();
      await db2.close();
    }
  });
});
