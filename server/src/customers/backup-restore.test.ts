import { execFile } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../platform/database';
import type { RunningServer } from '../server';
import { api, connectCustomer, login, newClientId, startTestServer } from '../testing/test-server';

const run = promisify(execFile);
const baseUrl = process.env.TEST_DATABASE_URL;
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const f of cleanup.reverse()) await f().catch(() => {});
});

/** A new empty PostgreSQL database next to TEST_DATABASE_URL; dropped after the file. */
async function freshDatabase(): Promise<string> {
  const name = `kefu_backup_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  cleanup.push(async () => {
    const c = new pg.Client({ connectionString: baseUrl });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  });
  const url = new URL(baseUrl as string);
  url.pathname = `/${name}`;
  return url.toString();
}

async function serverOn(url: string): Promise<{ server: RunningServer; database: OpenDatabase }> {
  const database = await openDatabase({ databaseUrl: url, dataDir: '' });
  const server = await startTestServer({ database });
  cleanup.push(() => database.close(), () => server.close());
  return { server, database };
}

// docs/deployment.md, "Backups": the documented pg_dump / pg_restore commands, run for real.
describe.skipIf(!baseUrl)('backup and restore on PostgreSQL', () => {
  it('restores a pg_dump into a fresh database that a new server reads back through the API', async () => {
    const sourceUrl = await freshDatabase();
    const source = await serverOn(sourceUrl);
    const { token } = await login(source.server);
    const sites = await api(source.server, '/api/sites', { token });
    const demoId = sites.body.sites.find((s: { key: string }) => s.key === 'demo').id;
    const secret = (await api(source.server, `/api/sites/${demoId}/identity-secret`, { token })).body.identitySecret as string;
    const hash = createHmac('sha256', secret).update('backup-user').digest('hex');
    const session = await api(source.server, '/api/widget/session', { body: { siteKey: 'demo', hostOrigin: source.server.url, identity: { id: 'backup-user', name: '备份客户', phone: '13700001234', hash } } });
    const customer = await connectCustomer(source.server, { visitorToken: session.body.visitorToken });
    const ack = await customer.socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: '备份前的消息' });
    if (!ack.ok) throw new Error(ack.message);
    customer.socket.close();
    const profile = (await api(source.server, `/api/customers/by-visitor/${session.body.visitorId}`, { token })).body.profile;
    await api(source.server, `/api/customers/${profile.customer.id}/notes`, { token, body: { body: 'restored note' } });

    const dir = await mkdtemp(join(tmpdir(), 'kefu-backup-'));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, 'kefu.dump');
    await run('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, sourceUrl]);
    expect((await stat(file)).size).toBeGreaterThan(1000);
    const targetUrl = await freshDatabase();
    await run('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${targetUrl}`, file]);

    const target = await serverOn(targetUrl);
    const again = await login(target.server);
    const found = await api(target.server, '/api/customers?q=backup-user', { token: again.token });
    expect(found.body.customers).toEqual([expect.objectContaining({ id: profile.customer.id, name: '备份客户', phone: '137****1234', verified: true })]);
    const restored = (await api(target.server, `/api/customers/${profile.customer.id}`, { token: again.token })).body.profile;
    expect(restored.notes.map((n: { body: string }) => n.body)).toEqual(['restored note']);
    const detail = await api(target.server, `/api/conversations/${ack.message.conversationId}`, { token: again.token });
    expect(detail.body.messages.map((m: { text: string }) => m.text)).toEqual(['备份前的消息']);
    // The restored visitor token still opens the same visitor (token hashes came along).
    const resumed = await api(target.server, '/api/widget/session', { body: { siteKey: 'demo', hostOrigin: target.server.url, visitorToken: session.body.visitorToken } });
    expect(resumed.body.visitorId).toBe(session.body.visitorId);
  });
});
