import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../platform/secrets';
import type { RunningServer } from '../server';
import { ADMIN, api, connectCustomer, createAgent, login, newClientId, useTestServer } from '../testing/test-server';

let server: RunningServer;
let admin: string;
let teamId: string;
let vipTeamId: string;
const sockets: { close(): void }[] = [];

useTestServer({ sweepMs: 3_600_000 }, (t) => {
  ({ server, adminToken: admin } = t);
});
beforeAll(async () => {
  teamId = (await api(server, '/api/teams', { token: admin, body: { name: 'Admin test team' } })).body.team.id;
  vipTeamId = (await api(server, '/api/teams', { token: admin, body: { name: 'VIP team' } })).body.team.id;
});
afterAll(() => sockets.forEach((s) => s.close()));

const audit = async (query: string) => (await api(server, `/api/audit?${query}`, { token: admin })).body;
const demoSite = async () => (await api(server, '/api/sites', { token: admin })).body.sites.find((s: { key: string }) => s.key === 'demo');

async function fileComplaint(category = 'delivery'): Promise<string> {
  const c = await connectCustomer(server);
  sockets.push(c.socket);
  const filed = await api(server, '/api/widget/complaints', {
    body: { siteKey: 'demo', visitorToken: c.visitorToken, hostOrigin: server.url, category, description: 'The parcel never came', email: 'wang@example.com' },
  });
  const { body } = await api(server, '/api/complaints?sort=created', { token: admin });
  return body.complaints.find((x: { number: string }) => x.number === filed.body.number).id;
}

describe('roles and permissions', () => {
  it('shows the signed-in user their permissions on /api/me, admin holding all', async () => {
    const me = await api(server, '/api/me', { token: admin });
    expect(me.body.user.permissions).toEqual(expect.arrayContaining(['users.manage', 'audit.view', 'complaints.judge']));
    const agent = await createAgent(server, admin, { teamIds: [teamId] });
    expect((await api(server, '/api/me', { token: agent.token })).body.user.permissions).toEqual([]);
    expect((await api(server, '/api/roles', { token: agent.token })).status).toBe(403);
  });

  it('lets a supervisor judge complaints only while their role holds complaints.judge, and audits the change', async () => {
    const supervisor = await createAgent(server, admin, { teamIds: [teamId], role: 'supervisor' });
    const id = await fileComplaint();
    const judge = () => api(server, `/api/complaints/${id}/judge`, { token: supervisor.token, body: { decision: 'accept', teamId, handlerId: null } });
    expect((await judge()).status).toBe(403);

    const put = await api(server, '/api/roles', { method: 'PUT', token: admin, body: { roles: [{ role: 'supervisor', permissions: ['reports.view', 'complaints.judge'] }] } });
    expect(put.status).toBe(200);
    expect(put.body.roles.find((r: { role: string }) => r.role === 'supervisor').permissions).toEqual(['complaints.judge', 'reports.view']);
    expect((await api(server, '/api/me', { token: supervisor.token })).body.user.permissions).toContain('complaints.judge');
    const judged = await judge();
    expect(judged.status).toBe(200);
    expect(judged.body.complaint.status).toBe('accepted');

    const entries = (await audit('action=role.permissions_changed')).entries;
    expect(entries[0]).toMatchObject({ targetId: 'supervisor', detail: { added: ['complaints.judge'], removed: [] } });

    await api(server, '/api/roles', { method: 'PUT', token: admin, body: { roles: [{ role: 'supervisor', permissions: ['reports.view'] }] } });
    const other = await fileComplaint();
    expect((await api(server, `/api/complaints/${other}/judge`, { token: supervisor.token, body: { decision: 'reject', reason: 'Sorry' } })).status).toBe(403);
  });

  it('keeps every permission on admin whatever is sent, and refuses unknown permissions', async () => {
    const put = await api(server, '/api/roles', { method: 'PUT', token: admin, body: { roles: [{ role: 'admin', permissions: [] }] } });
    expect(put.body.roles.find((r: { role: string }) => r.role === 'admin').permissions).toContain('users.manage');
    expect((await api(server, '/api/roles', { method: 'PUT', token: admin, body: { roles: [{ role: 'agent', permissions: ['root'] }] } })).status).toBe(400);
  });
});

describe('audit log', () => {
  it('records sign-ins, failed sign-ins and sign-outs with the address', async () => {
    const wrong = await api(server, '/api/auth/login', { body: { email: ADMIN.email, password: 'not-the-password' } });
    expect(wrong.status).toBe(401);
    const { token } = await login(server);
    await api(server, '/api/auth/logout', { token, body: {} });
    const failed = (await audit('action=auth.login_failed')).entries[0];
    expect(failed).toMatchObject({ action: 'auth.login_failed', targetType: 'user', detail: { email: ADMIN.email, reason: 'wrong_password' }, ip: expect.any(String) });
    expect(JSON.stringify(failed)).not.toContain('not-the-password');
    expect((await audit('action=auth.login')).entries.length).toBeGreaterThan(0);
    expect((await audit('action=auth.logout')).entries[0]).toMatchObject({ actorName: 'Admin' });
  });

  it('records user creation, role changes and deactivation, and filters by target and pages back', async () => {
    const agent = await createAgent(server, admin, { teamIds: [teamId] });
    await api(server, `/api/users/${agent.user.id}`, { method: 'PATCH', token: admin, body: { role: 'supervisor', name: 'Renamed', password: 'new-password-1' } });
    await api(server, `/api/users/${agent.user.id}`, { method: 'PATCH', token: admin, body: { active: false } });
    const byTarget = (await audit(`targetType=user&targetId=${agent.user.id}`)).entries.map((e: { action: string }) => e.action);
    expect(byTarget).toEqual(expect.arrayContaining(['user.created', 'user.role_changed', 'user.updated', 'user.deactivated', 'auth.login']));
    const updated = (await audit(`action=user.updated&targetId=${agent.user.id}`)).entries[0];
    expect(updated.detail.fields).toEqual(expect.arrayContaining(['name', 'password']));
    expect(JSON.stringify(updated)).not.toContain('new-password-1');
    expect((await audit(`action=user.role_changed&targetId=${agent.user.id}`)).entries[0].detail).toEqual({ from: 'agent', to: 'supervisor' });
    // The deactivated user can no longer sign in, and the refusal is audited.
    await expect(login(server, (await api(server, '/api/users', { token: admin })).body.users.find((u: { id: string }) => u.id === agent.user.id).email, 'new-password-1')).rejects.toThrow();

    const first = await audit('limit=2');
    expect(first.entries).toHaveLength(2);
    const next = await audit(`limit=2&before=${first.nextBefore}`);
    expect(BigInt(next.entries[0].id)).toBeLessThan(BigInt(first.entries[1].id));
    const future = await audit(`from=${encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString())}`);
    expect(future.entries).toEqual([]);
  });

  it('is append-only: UPDATE and DELETE on audit_log fail', async () => {
    await expect(sql`update audit_log set action = 'auth.login'`.execute(server.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(server.ctx.db)).rejects.toThrow(/append-only/);
    expect((await audit('limit=1')).entries).toHaveLength(1);
  });

  it('is readable only with audit.view', async () => {
    const manager = await createAgent(server, admin, { teamIds: [], role: 'manager' });
    expect((await api(server, '/api/audit', { token: manager.token })).status).toBe(403);
    expect((await api(server, '/api/audit')).status).toBe(401);
  });
});

describe('invites', () => {
  it('invites with a one-time link stored only as a hash, where the invitee sets a password and is signed in', async () => {
    const res = await api(server, '/api/users/invite', { token: admin, body: { email: 'new.agent@test.local', name: '新同事', role: 'agent', teamIds: [teamId] } });
    expect(res.status).toBe(201);
    const token = String(res.body.link).split('#/invite/')[1]!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await server.ctx.db.selectFrom('user_invites').selectAll().execute();
    expect(rows.map((r) => r.token_hash)).toContain(hashToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    // The held mail in the outbox does not carry a working link.
    const outbox = (await api(server, '/api/mail/outbox', { token: admin })).body.mails.find((m: { to: string }) => m.to === 'new.agent@test.local');
    expect(outbox.text).not.toContain(token);
    // Before accepting, no password works.
    await expect(login(server, 'new.agent@test.local', 'whatever-1')).rejects.toThrow();

    expect((await api(server, `/api/invites/${token}`)).body.invite).toEqual({ name: '新同事', email: 'new.agent@test.local', locale: 'zh-CN' });
    const accepted = await api(server, '/api/invites/accept', { body: { token, password: 'my-own-password' } });
    expect(accepted.status).toBe(200);
    expect((await api(server, '/api/me', { token: accepted.body.token })).body.user.email).toBe('new.agent@test.local');
    expect((await login(server, 'new.agent@test.local', 'my-own-password')).user.teamIds).toEqual([teamId]);

    expect((await api(server, '/api/invites/accept', { body: { token, password: 'second-password' } })).status).toBe(404);
    expect((await api(server, `/api/invites/${token}`)).status).toBe(404);
    expect((await audit(`action=user.invited&targetId=${accepted.body.user.id}`)).entries).toHaveLength(1);
  });

  it('refuses an expired link and a guessed one', async () => {
    const res = await api(server, '/api/users/invite', { token: admin, body: { email: 'late@test.local', name: 'Late' } });
    const token = String(res.body.link).split('#/invite/')[1]!;
    await server.ctx.db.updateTable('user_invites').set({ expires_at: new Date(Date.now() - 1000) }).where('token_hash', '=', hashToken(token)).execute();
    expect((await api(server, '/api/invites/accept', { body: { token, password: 'late-password' } })).status).toBe(404);
    expect((await api(server, '/api/invites/accept', { body: { token: 'A'.repeat(43), password: 'late-password' } })).status).toBe(404);
    const again = await api(server, `/api/users/${res.body.user.id}/invite`, { token: admin, body: {} });
    expect(again.status).toBe(200);
    expect((await api(server, `/api/invites/${String(again.body.link).split('#/invite/')[1]}`)).status).toBe(200);
  });
});

describe('site settings', () => {
  it('changes only the fields sent, audits their names and applies at once to the widget config', async () => {
    const site = await demoSite();
    const res = await api(server, `/api/sites/${site.id}`, { method: 'PATCH', token: admin, body: { color: '#aa3300', launcherPosition: 'left' } });
    expect(res.status).toBe(200);
    expect(res.body.site).toMatchObject({ color: '#aa3300', launcherPosition: 'left', defaultTeamId: site.defaultTeamId, allowedOrigins: site.allowedOrigins });
    const config = (await api(server, '/api/widget/config?siteKey=demo')).body.config;
    expect(config).toMatchObject({ color: '#aa3300', launcherPosition: 'left' });
    const entry = (await audit(`action=settings.changed&targetId=${site.id}`)).entries[0];
    expect(entry.detail.fields).toEqual(['color', 'launcherPosition']);
  });

  it('shows the offline form on a holiday', async () => {
    const site = await demoSite();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const allDay = [{ start: '00:00', end: '23:59' }];
    await api(server, `/api/sites/${site.id}`, { method: 'PATCH', token: admin, body: { businessHours: { timeZone: 'Asia/Shanghai', weekly: Array(7).fill(allDay), holidays: [today] } } });
    expect((await api(server, '/api/widget/config?siteKey=demo')).body.config).toMatchObject({ withinBusinessHours: false, available: false });
    await api(server, `/api/sites/${site.id}`, { method: 'PATCH', token: admin, body: { businessHours: null } });
    expect((await api(server, '/api/widget/config?siteKey=demo')).body.config.withinBusinessHours).toBe(true);
  });

  it('routes VIP visitors to the VIP team and a complaint category to its team', async () => {
    const site = await demoSite();
    await api(server, `/api/sites/${site.id}`, { method: 'PATCH', token: admin, body: { routingRules: { vipTeamId, categoryTeams: { billing: vipTeamId } } } });
    const vip = await connectCustomer(server);
    sockets.push(vip.socket);
    await server.ctx.db.updateTable('visitors').set({ vip: true }).where('id', '=', vip.visitorId).execute();
    const sent = await vip.socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: 'Hello' });
    expect(sent, JSON.stringify(sent)).toMatchObject({ ok: true });
    const conv = await server.ctx.db.selectFrom('conversations').select('team_id').where('visitor_id', '=', vip.visitorId).executeTakeFirstOrThrow();
    expect(conv.team_id).toBe(vipTeamId);

    const billing = await fileComplaint('billing');
    const delivery = await fileComplaint('delivery');
    const teams = await server.ctx.db.selectFrom('complaints').select(['id', 'team_id']).where('id', 'in', [billing, delivery]).execute();
    expect(Object.fromEntries(teams.map((t) => [t.id, t.team_id]))).toEqual({ [billing]: vipTeamId, [delivery]: null });
    await api(server, `/api/sites/${site.id}`, { method: 'PATCH', token: admin, body: { routingRules: { vipTeamId: null, categoryTeams: {} } } });
  });

  it('rotates the site key without writing it to the audit log', async () => {
    const created = await api(server, '/api/sites', { token: admin, body: { name: 'Rotating shop' } });
    const oldKey = created.body.site.key;
    const rotated = await api(server, `/api/sites/${created.body.site.id}/rotate-key`, { token: admin, body: {} });
    expect(rotated.body.site.key).not.toBe(oldKey);
    expect((await api(server, `/api/widget/config?siteKey=${oldKey}`)).status).toBe(404);
    expect((await api(server, `/api/widget/config?siteKey=${rotated.body.site.key}`)).status).toBe(200);
    const entries = (await audit(`targetId=${created.body.site.id}`)).entries;
    expect(JSON.stringify(entries)).not.toContain(rotated.body.site.key);
    expect(entries[0].detail.fields).toEqual(['key']);
  });
});

describe('teams', () => {
  it('keeps the members when a team is only renamed, and audits membership changes', async () => {
    const member = await createAgent(server, admin, { teamIds: [teamId] });
    const renamed = await api(server, `/api/teams/${teamId}`, { method: 'PATCH', token: admin, body: { name: 'Admin test team (renamed)' } });
    expect(renamed.body.team.memberIds).toContain(member.user.id);
    await api(server, `/api/teams/${teamId}`, { method: 'PATCH', token: admin, body: { memberIds: [] } });
    const entry = (await audit(`action=team.changed&targetId=${teamId}`)).entries[0];
    expect(entry.detail.removed).toContain(member.user.id);
    await api(server, `/api/teams/${teamId}`, { method: 'PATCH', token: admin, body: { memberIds: [member.user.id] } });
  });
});

describe('canned replies', () => {
  it('shows team replies only to that team, with global ones to everyone', async () => {
    const mine = await createAgent(server, admin, { teamIds: [teamId] });
    const other = await createAgent(server, admin, { teamIds: [vipTeamId] });
    expect((await api(server, '/api/canned-replies', { token: admin, body: { shortcut: 'refund-team', title: 'Refund', body: '{customer.name}，已退款', teamId } })).status).toBe(201);
    expect((await api(server, '/api/canned-replies', { token: admin, body: { shortcut: 'hello-all', title: 'Hello', body: 'Hello' } })).status).toBe(201);
    const shortcuts = async (token: string) => (await api(server, '/api/canned-replies', { token })).body.cannedReplies.map((r: { shortcut: string }) => r.shortcut);
    expect(await shortcuts(mine.token)).toEqual(expect.arrayContaining(['refund-team', 'hello-all']));
    expect(await shortcuts(other.token)).not.toContain('refund-team');
    expect(await shortcuts(other.token)).toContain('hello-all');
    expect((await api(server, '/api/canned-replies', { token: mine.token, body: { shortcut: 'x', title: 'x', body: 'x' } })).status).toBe(403);
  });
});
