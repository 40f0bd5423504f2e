import { describe, expect, it } from 'vitest';
import type { RunningServer } from '../server';
import { api, connectAgent, createAgent, login, nextEvent, useTestServer } from '../testing/test-server';

let server: RunningServer;
let adminToken: string;

useTestServer({}, (t) => {
  ({ server, adminToken } = t);
});

describe('sessions', () => {
  it('closes an agent\'s open sockets within seconds when an admin deactivates them', async () => {
    const agent = await createAgent(server, adminToken, { teamIds: [] });
    const socket = await connectAgent(server, agent.token);
    const closed = nextEvent(socket, 'disconnect', () => true, 5000);
    const started = Date.now();
    const res = await api(server, `/api/users/${agent.user.id}`, { method: 'PATCH', token: adminToken, body: { active: false } });
    expect(res.status).toBe(200);
    expect(await closed).toBe('io server disconnect');
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await api(server, '/api/me', { token: agent.token })).status).toBe(401);
  });

  it('closes only the sockets of the session that signed out', async () => {
    const agent = await createAgent(server, adminToken, { teamIds: [] });
    const other = await login(server, agent.user.email, 'agent-password');
    const leaving = await connectAgent(server, agent.token);
    const staying = await connectAgent(server, other.token);
    const closed = nextEvent(leaving, 'disconnect', () => true, 5000);
    await api(server, '/api/auth/logout', { token: agent.token, body: {} });
    expect(await closed).toBe('io server disconnect');
    await new Promise((r) => setTimeout(r, 300));
    expect(staying.connected).toBe(true);
    staying.close();
  });

  it('refuses a cookie-authenticated change from another site (CSRF)', async () => {
    const { token } = await login(server);
    const cookie = `kefu_session=${token}`;
    const forged = await api(server, '/api/me/presence', { method: 'PUT', body: { presence: 'online' }, headers: { cookie, origin: 'https://evil.example.net' } });
    expect(forged.status).toBe(403);
    const noOrigin = await api(server, '/api/me/presence', { method: 'PUT', body: { presence: 'online' }, headers: { cookie } });
    expect(noOrigin.status).toBe(403);
    const own = await api(server, '/api/me/presence', { method: 'PUT', body: { presence: 'away' }, headers: { cookie, origin: server.url } });
    expect(own.status).toBe(200);
    expect(own.body.user.presence).toBe('away');
  });
});

describe('security headers', () => {
  it('lets only the site\'s allowed origins frame the chat, and nobody frame the portal', async () => {
    const { body } = await api(server, '/api/sites', { token: adminToken, body: { name: 'Framed', allowedOrigins: ['https://shop.example.com'] } });
    const frame = await fetch(`${server.url}/widget/frame.html?site=${body.site.key}`);
    expect(frame.headers.get('content-security-policy')).toContain("frame-ancestors 'self' https://shop.example.com");
    const unknown = await fetch(`${server.url}/widget/frame.html?site=nope`);
    expect(unknown.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    const portal = await fetch(`${server.url}/portal/`);
    expect(portal.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(portal.headers.get('x-frame-options')).toBe('DENY');
  });
});
