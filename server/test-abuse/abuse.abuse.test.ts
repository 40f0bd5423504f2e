import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { ZErrorBody } from '@kefu/shared';
import { describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { ADMIN, api, connectAgent, connectCustomer, createAgent, login, newClientId, type AgentSocket, type CustomerSocket, useTestServer } from '../src/testing/test-server';

let server: RunningServer;
let adminToken: string;

useTestServer({}, (t) => {
  ({ server, adminToken } = t);
});

// Frames stay under socket.io's maxHttpBufferSize: a bigger frame closes the connection by design
// (tested on its own below), which would only make every later frame here "disconnected".
const hostile = fc.oneof(
  fc.constantFrom('\u0000', '\uD800', '\uDFFF', '\u202E', '\u200B\u200D', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'x'.repeat(4_001), '{"__proto__":{"a":1}}'),
  fc.string({ unit: 'binary', maxLength: 50 }),
);
const anyPayload = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.record({ conversationId: fc.oneof(fc.uuid(), fc.constant(null), hostile, fc.integer()), clientId: fc.oneof(fc.string(), hostile), text: hostile, afterSeq: fc.oneof(fc.integer(), fc.double(), fc.string()), internal: fc.anything(), presence: fc.string(), typing: fc.anything() }, { requiredKeys: [] }),
);

const isStructured = (ack: unknown) => {
  if (ack && typeof ack === 'object' && (ack as { ok?: unknown }).ok === true) return true;
  const e = ZErrorBody.safeParse(ack);
  return e.success && e.data.code !== 'internal';
};

// Per CI run: 700 × 100 socket frames + 300 × 100 REST bodies = 100,000 fuzzed inputs. A socket frame
// is cheap (most fail validation before any query); every REST body first costs the session lookup.
const FUZZ_RUNS = Number(process.env.KEFU_FUZZ_RUNS ?? 1000);
const SOCKET_RUNS = Math.round(FUZZ_RUNS * 0.7);
const REST_RUNS = FUZZ_RUNS - SOCKET_RUNS;
const BATCH = 100;
/** Generous for a busy shared machine; on an idle 2-core runner both take well under this. */
const FUZZ_TIMEOUT_MS = 420_000;

/** Socket events of a namespace as its source declares them: `handler(...)` ones answer an ack. */
function namespaceEvents(namespace: 'customer' | 'agent'): { event: string; acked: boolean }[] {
  const dir = resolve(__dirname, '../src/realtime');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && (namespace === 'customer') === (f === 'customer.namespace.ts'));
  const src = files.map((f) => readFileSync(resolve(dir, f), 'utf8')).join('\n');
  return [...src.matchAll(/socket\.on\(\s*'([^']+)',\s*(handler\()?/g)].filter((m) => m[1] !== 'disconnect').map((m) => ({ event: m[1]!, acked: Boolean(m[2]) }));
}

/** Counts what the server logs as an error (an internal error anywhere: handler, listener, request). */
function countServerErrors(): { count: () => number; restore(): void } {
  const log = server.ctx.log;
  const original = log.error.bind(log);
  let n = 0;
  log.error = (...args: Parameters<typeof log.error>) => {
    n++;
    original(...args);
  };
  return { count: () => n, restore: () => (log.error = original) };
}

describe('fuzzing', () => {
  it('answers every fuzzed socket frame, over many concurrent sockets, with data or a structured error, never a crash or an internal error', async () => {
    const errors = countServerErrors();
    const customers = await Promise.all(Array.from({ length: 10 }, () => connectCustomer(server, { siteKey: 'demo' })));
    const agents = await Promise.all(Array.from({ length: 10 }, () => connectAgent(server, adminToken)));
    const targets: { socket: CustomerSocket | AgentSocket; event: string; acked: boolean }[] = [
      ...customers.flatMap((c) => namespaceEvents('customer').map((e) => ({ socket: c.socket as CustomerSocket | AgentSocket, ...e }))),
      ...agents.flatMap((a) => namespaceEvents('agent').map((e) => ({ socket: a as CustomerSocket | AgentSocket, ...e }))),
    ];
    let frames = 0;
    const bad: unknown[] = [];
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(fc.array(anyPayload, { minLength: BATCH, maxLength: BATCH }), async (payloads) => {
        await Promise.all(payloads.map(async (p, i) => {
          const { socket, event, acked } = targets[(frames + i * 7) % targets.length]!;
          frames++;
          if (!acked) return void (socket as CustomerSocket).emit(event as 'typing', p as never);
          const ack = await (socket as CustomerSocket).timeout(10_000).emitWithAck(event as 'conversation:sync', p as never).catch((e: Error) => ({ timeout: e.message }));
          if (!isStructured(ack)) bad.push({ event, p: String(JSON.stringify(p)).slice(0, 200), ack });
        }));
      }),
      { numRuns: SOCKET_RUNS },
    );
    const health = await fetch(`${server.url}/healthz`);
    const stillConnected = [...customers.map((c) => c.socket), ...agents].filter((s) => s.connected).length;
    console.log(`[abuse] socket frames fuzzed: ${frames} over ${customers.length + agents.length} sockets and ${new Set(targets.map((t) => t.event)).size} events in ${Date.now() - started} ms; bad answers: ${bad.length}, server errors: ${errors.count()} ${JSON.stringify(bad.slice(0, 3)).slice(0, 600)}`);
    errors.restore();
    expect(bad).toEqual([]);
    expect(errors.count()).toBe(0);
    expect(health.status).toBe(200);
    expect(stillConnected).toBe(20);
    for (const c of customers) c.socket.close();
    for (const a of agents) a.close();
  }, FUZZ_TIMEOUT_MS);

  it('answers every fuzzed REST body, on every route that takes one, with a structured 4xx, never a 500', async () => {
    const errors = countServerErrors();
    // Every route that takes a body, straight from the app (in-process, no network); path ids are real or random.
    const ids = [randomUUID(), 'not-a-uuid', '00000000-0000-0000-0000-000000000000'];
    const endpoints = [...new Set(server.app.routes.filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method) && r.path.startsWith('/api/') && r.path !== '/api/auth/logout').map((r) => `${r.method} ${r.path}`))]
      .map((k) => k.split(' ') as [string, string]);
    let bodies = 0;
    const bad: unknown[] = [];
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(anyPayload.map((p) => JSON.stringify(p) ?? 'null'), fc.string({ unit: 'binary' })), { minLength: BATCH, maxLength: BATCH }), async (raws) => {
        await Promise.all(raws.map(async (raw, i) => {
          const [method, pattern] = endpoints[(bodies + i) % endpoints.length]!;
          bodies++;
          const path = pattern.replace(/:[A-Za-z]+/g, () => ids[(bodies + i) % ids.length]!);
          const res = await server.app.request(path, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` }, body: raw });
          const body = await res.json().catch(() => null);
          if (res.status >= 500 || (res.status >= 400 && !ZErrorBody.safeParse(body).success)) bad.push({ path, status: res.status, raw: raw.slice(0, 100), body });
        }));
      }),
      { numRuns: REST_RUNS },
    );
    console.log(`[abuse] REST bodies fuzzed: ${bodies} over ${endpoints.length} routes in ${Date.now() - started} ms; bad answers: ${bad.length}, server errors: ${errors.count()} ${JSON.stringify(bad.slice(0, 3)).slice(0, 600)}`);
    errors.restore();
    expect(bad).toEqual([]);
    expect(errors.count()).toBe(0);
  }, FUZZ_TIMEOUT_MS);
});

describe('limits', () => {
  it('locks an account after 10 attempts even when 50 wrong passwords arrive at once, and refuses the right one meanwhile', async () => {
    const victim = await createAgent(server, adminToken, { teamIds: [] });
    const results = await Promise.all(Array.from({ length: 50 }, () => api(server, '/api/auth/login', { body: { email: victim.user.email, password: 'wrong-password' } })));
    const counts = { unauthenticated: 0, rate_limited: 0, other: 0 };
    for (const r of results) counts[r.body.code as 'unauthenticated' | 'rate_limited'] !== undefined ? counts[r.body.code as 'unauthenticated']++ : counts.other++;
    const right = await api(server, '/api/auth/login', { body: { email: victim.user.email, password: 'agent-password' } });
    console.log(`[abuse] 50 parallel wrong passwords: ${JSON.stringify(counts)}; right password then: ${right.status}`);
    expect(counts).toEqual({ unauthenticated: 10, rate_limited: 40, other: 0 });
    expect(right.status).toBe(429);
    expect(right.body).toMatchObject({ ok: false, code: 'rate_limited', retryable: true });
    expect(ADMIN.email).not.toBe(victim.user.email);
  });

  it('slows a visitor down with a retryable rate_limited error after 60 messages a minute', async () => {
    const customer = await connectCustomer(server, { siteKey: 'demo' });
    const acks = [];
    let conversationId: string | null = null;
    for (let i = 0; i < 61; i++) {
      const ack = await customer.socket.emitWithAck('message:send', { conversationId, clientId: newClientId(), text: `m${i}` });
      if (ack.ok) conversationId = ack.message.conversationId;
      acks.push(ack);
    }
    expect(acks.slice(0, 60).every((a) => a.ok)).toBe(true);
    expect(acks[60]).toMatchObject({ ok: false, code: 'rate_limited', retryable: true });
    customer.socket.close();
  });

  it('refuses a message over the text limit with bad_request and stores hostile characters as text', async () => {
    const customer = await connectCustomer(server, { siteKey: 'demo' });
    const long = await customer.socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: 'x'.repeat(5000) });
    expect(long).toMatchObject({ ok: false, code: 'bad_request' });
    // A 150k-character frame is over socket.io's maxHttpBufferSize: the connection is closed, nothing stored.
    const huge = await customer.socket.timeout(5000).emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: 'x'.repeat(150_000) }).catch(() => 'closed');
    expect(huge).toBe('closed');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    customer.socket.connect();
    await new Promise((r) => customer.socket.once('connect', r));
    for (const text of ['nul\u0000byte', 'lone\uD800surrogate', '\u202Eevil', 'zero\u200Bwidth']) {
      const a1 = await customer.socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text });
      const a2 = await customer.socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text });
      if (!isStructured(a1)) console.log('[abuse] hostile', JSON.stringify(a1));
      expect(isStructured(a1)).toBe(true);
      expect(a1.ok).toBe(a2.ok); // the same way every time
    }
    customer.socket.close();
  });
});
