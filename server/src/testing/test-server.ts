import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import {
  AGENT_NAMESPACE,
  CUSTOMER_NAMESPACE,
  type AgentClientToServer,
  type AgentServerToClient,
  type CustomerClientToServer,
  type CustomerServerToClient,
  type TUser,
} from '@kefu/shared';
import { readConfig, type Config } from '../platform/config';
import { openDatabase, type OpenDatabase } from '../platform/database';
import type { Clock } from '../platform/clock';
import { startServer, type RunningServer } from '../server';

export const ADMIN = { email: 'admin@test.local', password: 'admin-password' };

/** A fresh database per test file: a new PostgreSQL database when TEST_DATABASE_URL is set, in-memory PGlite otherwise. */
export async function createTestDatabase(): Promise<OpenDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return openDatabase({ dataDir: 'memory://' });
  const name = `kefu_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const opened = await openDatabase({ databaseUrl: dbUrl.toString(), dataDir: '' });
  return {
    ...opened,
    async close() {
      await opened.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export const usingPostgres = Boolean(process.env.TEST_DATABASE_URL);

export function testConfig(overrides: Record<string, string> = {}): Config {
  return readConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    KEFU_ADMIN_EMAIL: ADMIN.email,
    KEFU_ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'error',
    KEFU_DEMO: '1',
    ...overrides,
  });
}

export async function startTestServer(opts: { database: OpenDatabase; env?: Record<string, string>; clock?: Clock; sweepMs?: number }): Promise<RunningServer> {
  return startServer(testConfig(opts.env), {
    database: opts.database,
    print: () => {},
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.sweepMs ? { sweepMs: opts.sweepMs } : {}),
  });
}

export type TestServer = { server: RunningServer; database: OpenDatabase; adminToken: string };

/**
 * Starts a Kefu server on a fresh database for the test file and signs the admin in (beforeAll),
 * then stops both (afterAll, after the file's own afterAll hooks).
 * @example let server: RunningServer; useTestServer({}, (t) => ({ server } = t));
 */
export function useTestServer(
  opts: Omit<Parameters<typeof startTestServer>[0], 'database'>,
  ready: (t: TestServer) => void,
): void {
  let t: Partial<TestServer> = {};
  beforeAll(async () => {
    const database = await createTestDatabase();
    t = { database };
    const server = await startTestServer({ database, ...opts });
    t.server = server;
    ready({ server, database, adminToken: (await login(server)).token });
  });
  afterAll(async () => {
    await t.server?.close();
    await t.database?.close();
  });
}

type JsonInit = { method?: string; body?: unknown; token?: string; headers?: Record<string, string> };

/** Calls the REST API of a running server and returns status and parsed JSON. */
export async function api<T = any>(server: { url: string }, path: string, init: JsonInit = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(server.url + path, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: res.status, body: (await res.json()) as T };
}

export async function login(server: { url: string }, email = ADMIN.email, password = ADMIN.password): Promise<{ token: string; user: TUser }> {
  const { status, body } = await api(server, '/api/auth/login', { body: { email, password } });
  if (status !== 200) throw new Error(`login failed: ${JSON.stringify(body)}`);
  return body;
}

let counter = 0;
/** Creates an agent (as admin) in the given teams and signs them in. */
export async function createAgent(
  server: { url: string },
  adminToken: string,
  opts: { teamIds: string[]; role?: string; maxConcurrent?: number; name?: string },
): Promise<{ token: string; user: TUser }> {
  const email = `agent${++counter}-${randomBytes(3).toString('hex')}@test.local`;
  const { status, body } = await api(server, '/api/users', {
    token: adminToken,
    body: { email, name: opts.name ?? `Agent ${counter}`, password: 'agent-password', role: opts.role ?? 'agent', teamIds: opts.teamIds, maxConcurrent: opts.maxConcurrent ?? 5 },
  });
  if (status !== 201) throw new Error(`create agent failed: ${JSON.stringify(body)}`);
  return login(server, email, 'agent-password');
}

export type CustomerSocket = Socket<CustomerServerToClient, CustomerClientToServer>;
export type AgentSocket = Socket<AgentServerToClient, AgentClientToServer>;

/** Opens a widget session (a new visitor unless a token is given) and connects its socket. */
export async function connectCustomer(
  server: { url: string },
  opts: { siteKey?: string; visitorToken?: string; hostOrigin?: string } = {},
): Promise<{ socket: CustomerSocket; visitorToken: string; visitorId: string }> {
  const siteKey = opts.siteKey ?? 'demo';
  const hostOrigin = opts.hostOrigin ?? server.url;
  const { status, body } = await api(server, '/api/widget/session', { body: { siteKey, hostOrigin, ...(opts.visitorToken ? { visitorToken: opts.visitorToken } : {}) } });
  if (status !== 200) throw new Error(`session failed: ${JSON.stringify(body)}`);
  const socket: CustomerSocket = io(server.url + CUSTOMER_NAMESPACE, {
    transports: ['websocket'],
    auth: { siteKey, visitorToken: body.visitorToken, hostOrigin },
    forceNew: true,
  });
  await connected(socket);
  return { socket, visitorToken: body.visitorToken, visitorId: body.visitorId };
}

export async function connectAgent(server: { url: string }, token: string): Promise<AgentSocket> {
  const socket: AgentSocket = io(server.url + AGENT_NAMESPACE, { transports: ['websocket'], auth: { token }, forceNew: true });
  await connected(socket);
  return socket;
}

export function connected(socket: Socket<any, any>): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
}

/** Resolves with the first event payload matching `pred`, or rejects after `ms`. */
export function nextEvent<T = any>(socket: Socket<any, any>, event: string, pred: (p: T) => boolean = () => true, ms = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, on);
      reject(new Error(`timed out waiting for ${event}`));
    }, ms);
    const on = (p: T) => {
      if (!pred(p)) return;
      clearTimeout(timer);
      socket.off(event, on);
      resolve(p);
    };
    socket.on(event, on);
  });
}

/** Polls `check` until it returns a truthy value (for states reached through background work). */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const newClientId = () => randomBytes(12).toString('base64url');
