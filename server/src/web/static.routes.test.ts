import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../platform/database';
import type { RunningServer } from '../server';
import { createTestDatabase, startTestServer } from '../testing/test-server';

// Needs the widget and portal builds (the test command builds them first).
let database: OpenDatabase;
let server: RunningServer;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer({ database });
});
afterAll(async () => {
  await server?.close();
  await database?.close();
});

describe('static builds', () => {
  it('sends the loader brotli- or gzip-compressed to browsers that accept it', async () => {
    const plain = await fetch(`${server.url}/widget.js`, { headers: { 'accept-encoding': 'identity' } });
    const size = (await plain.arrayBuffer()).byteLength;
    const br = await fetch(`${server.url}/widget.js`, { headers: { 'accept-encoding': 'br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toMatch(/accept-encoding/i);
    const gz = await fetch(`${server.url}/widget.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(size).toBeGreaterThan(1000);
    expect(await br.text()).toContain('Kefu');
  });

  it('serves the portal app for any path under /portal/ (deep links)', async () => {
    const res = await fetch(`${server.url}/portal/some/deep/link`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id=');
  });
});
