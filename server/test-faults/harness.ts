import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, connect, type Server, type Socket as NetSocket } from 'node:net';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { AGENT_NAMESPACE, CUSTOMER_NAMESPACE, type TMessage } from '@kefu/shared';

const SERVER_DIR = resolve(__dirname, '..');
export const ADMIN = { email: 'admin@faults.local', password: 'faults-admin-password' };
export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
    s.on('error', rej);
  });
}

/** A fresh PostgreSQL database for one test file; `drop()` removes it. */
export async function freshDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `kefu_faults_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    name,
    async drop() {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export type KefuProcess = { url: string; pid: number; kill9(): void; stop(): Promise<void>; output(): string; rssMb(): number; alive(): boolean };

/** Starts Kefu as a separate process (as `npm start` does) and waits for /healthz. */
export async function spawnKefu(databaseUrl: string, env: Record<string, string> = {}): Promise<KefuProcess> {
  const port = await freePort();
  let out = '';
  const child: ChildProcess = spawn(join(SERVER_DIR, 'node_modules/.bin/tsx'), ['src/index.ts'], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      KEFU_ADMIN_EMAIL: ADMIN.email,
      KEFU_ADMIN_PASSWORD: ADMIN.password,
      KEFU_CLUSTER: '1',
      KEFU_ASSIGN_TIMEOUT_SECONDS: '3600',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Kefu exited early:\n${out}`);
    if ((await fetch(`${url}/healthz`).catch(() => null))?.ok) break;
    if (Date.now() > deadline) throw new Error(`Kefu did not become healthy:\n${out}`);
    await sleep(200);
  }
  // tsx runs node as a child: the server's pid is the grandchild for memory readings.
  const pid = child.pid!;
  return {
    url,
    pid,
    output: () => out,
    alive: () => child.exitCode === null && child.signalCode === null,
    kill9() {
      // tsx forwards signals, but SIGKILL cannot be forwarded: kill the whole process group's node.
      for (const p of descendants(pid)) {
        try {
          process.kill(p, 'SIGKILL');
        } catch {}
      }
      child.kill('SIGKILL');
    },
    rssMb() {
      let kb = 0;
      for (const p of [pid, ...descendants(pid)]) {
        try {
          kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
        } catch {}
      }
      return Math.round(kb / 1024);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await Promise.race([new Promise((r) => child.once('exit', r)), sleep(10_000)]);
      if (child.exitCode === null) this.kill9();
    },
  };
}

function descendants(pid: number): number[] {
  try {
    const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return kids.flatMap((k) => [k, ...descendants(k)]);
  } catch {
    return [];
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function until<T>(what: string, check: () => T | undefined | null | false | Promise<T | undefined | null | false>, ms = 60_000, every = 100): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    // A check that throws (a request on a closing keep-alive connection) counts as not yet.
    const v = await Promise.resolve()
      .then(check)
      .catch(() => false as const);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await sleep(every);
  }
}

export async function api<T = any>(url: string, path: string, init: { method?: string; body?: unknown; token?: string } = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(url + path, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** A TCP proxy (Kefu → PostgreSQL) that a test cuts and restores to simulate a database outage. */
export async function tcpProxy(target: { host: string; port: number }): Promise<{ port: number; cut(): void; restore(): void; close(): Promise<void> }> {
  const conns = new Set<NetSocket>();
  let down = false;
  const server: Server = createServer((client) => {
    if (down) return client.destroy();
    const upstream = connect(target.port, target.host);
    conns.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      conns.delete(client);
      conns.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as { port: number }).port,
    cut() {
      down = true;
      for (const c of conns) c.destroy();
      conns.clear();
    },
    restore() {
      down = false;
    },
    close: () => new Promise<void>((r) => {
      for (const c of conns) c.destroy();
      server.close(() => r());
    }),
  };
}

type Ack = { ok: true; message: TMessage; conversation?: { id: string } } | { ok: false; code: string; message: string; retryable?: boolean };

/** Counters shared by the simulated clients of one test. */
export type Tally = { sent: number; acked: number; refused: Record<string, number>; redelivered: number; reconnects: number; errors: string[] };
export const newTally = (): Tally => ({ sent: 0, acked: 0, refused: {}, redelivered: 0, reconnects: 0, errors: [] });

/** One conversation as a client sees it: messages applied strictly in seq order, gaps fetched by sync. */
class ConversationView {
  lastSeq = 0;
  readonly messages: TMessage[] = [];
  constructor(readonly id: string) {}
}

/**
 * A client that behaves as the widget and the portal do: an outbox of messages sent one at a time and
 * resent until acknowledged (same client id), a reconnect to the next live server (the load balancer),
 * and a sync from its last seq after every (re)connect or gap.
 */
abstract class Peer {
  socket: Socket | undefined;
  readonly outbox: { clientId: string; text: string; conversationId?: string }[] = [];
  readonly acked: { clientId: string; text: string; seq: number; conversationId: string }[] = [];
  readonly views = new Map<string, ConversationView>();
  private draining = false;
  private next = 0;
  currentUrl = '';
  stopped = false;
  online = true;
  constructor(
    protected readonly urls: () => string[],
    protected readonly tally: Tally,
    protected readonly namespace: string,
  ) {}

  protected abstract auth(): Record<string, string>;
  protected abstract onConnected(): Promise<void>;
  protected abstract payload(item: { clientId: string; text: string; conversationId?: string }): Record<string, unknown> | undefined;

  connect(): Promise<void> {
    return new Promise((resolve) => {
      const list = this.urls();
      const url = list[this.next++ % list.length]!;
      this.currentUrl = url;
      const s = io(url + this.namespace, { transports: ['websocket'], reconnection: false, forceNew: true, auth: this.auth(), timeout: 5000 });
      this.socket = s;
      this.listen(s);
      s.once('connect', () => {
        void this.onConnected().then(() => this.drain(), () => {}).finally(resolve);
      });
      const retry = () => {
        s.removeAllListeners();
        s.close();
        if (this.socket === s) this.socket = undefined;
        resolve();
        if (this.stopped || !this.online) return;
        this.tally.reconnects++;
        setTimeout(() => void this.connect(), 100 + Math.random() * 400);
      };
      s.once('connect_error', retry);
      s.once('disconnect', (reason) => {
        if (reason !== 'io client disconnect') retry();
      });
    });
  }

  protected abstract listen(s: Socket): void;

  /** Goes offline (as a closed laptop): the socket closes; the outbox keeps what is written meanwhile. */
  goOffline(): void {
    this.online = false;
    this.socket?.removeAllListeners();
    this.socket?.close();
    this.socket = undefined;
  }

  goOnline(): Promise<void> {
    this.online = true;
    return this.connect();
  }

  send(text: string, conversationId?: string): void {
    this.outbox.push({ clientId: randomBytes(12).toString('base64url'), text, ...(conversationId ? { conversationId } : {}) });
    this.tally.sent++;
    void this.drain();
  }

  async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.outbox.length > 0 && this.socket?.connected) {
        const item = this.outbox[0]!;
        const body = this.payload(item);
        if (!body) break;
        const s = this.socket;
        const ack = (await s.timeout(8000).emitWithAck('message:send', body).catch(() => null)) as Ack | null;
        if (ack?.ok) {
          this.outbox.shift();
          this.acked.push({ clientId: item.clientId, text: item.text, seq: ack.message.seq, conversationId: ack.message.conversationId });
          this.tally.acked++;
          this.afterAck(ack);
          this.apply(ack.message);
        } else {
          if (ack) this.tally.refused[ack.code] = (this.tally.refused[ack.code] ?? 0) + 1;
          if (ack && !ack.retryable) {
            this.tally.errors.push(`${ack.code}: ${ack.message}`);
            this.outbox.shift();
            continue;
          }
          // Retryable or no answer: wait a little, then try again (or the reconnect drains).
          await sleep(300);
        }
      }
    } finally {
      this.draining = false;
    }
  }

  protected afterAck(_ack: Ack & { ok: true }): void {}

  view(id: string): ConversationView {
    let v = this.views.get(id);
    if (!v) this.views.set(id, (v = new ConversationView(id)));
    return v;
  }

  /** Applies a message in seq order: an old one is ignored (counted), a gap triggers a sync. */
  apply(m: TMessage): void {
    const v = this.view(m.conversationId);
    if (m.seq <= v.lastSeq) {
      if (v.messages.some((x) => x.seq === m.seq && x.id !== m.id)) this.tally.errors.push(`two messages with seq ${m.seq} in ${m.conversationId}`);
      this.tally.redelivered++;
      return;
    }
    if (m.seq === v.lastSeq + 1) {
      v.messages.push(m);
      v.lastSeq = m.seq;
      this.onApplied(m);
      return;
    }
    void this.sync(m.conversationId);
  }

  protected onApplied(_m: TMessage): void {}

  private syncing = new Set<string>();
  /** A gap seen while a sync was in flight: that sync may have read too early, so one more follows it. */
  private syncAgain = new Set<string>();
  async sync(conversationId: string | null): Promise<void> {
    const key = conversationId ?? '';
    if (this.syncing.has(key)) {
      this.syncAgain.add(key);
      return;
    }
    if (!this.socket?.connected) return;
    this.syncing.add(key);
    try {
      const afterSeq = conversationId ? this.view(conversationId).lastSeq : 0;
      const ack = (await this.socket.timeout(8000).emitWithAck('conversation:sync', { conversationId, afterSeq }).catch(() => null)) as
        | { ok: true; messages: TMessage[]; conversation: { id: string } | null }
        | { ok: false }
        | null;
      if (ack?.ok) for (const m of ack.messages) this.apply(m);
    } finally {
      this.syncing.delete(key);
      if (this.syncAgain.delete(key)) void this.sync(conversationId);
    }
  }

  close(): void {
    this.stopped = true;
    this.socket?.removeAllListeners();
    this.socket?.close();
  }
}

export class Customer extends Peer {
  conversationId: string | undefined;
  constructor(
    urls: () => string[],
    tally: Tally,
    private readonly siteKey: string,
    readonly visitorToken: string,
    private readonly hostOrigin: string,
  ) {
    super(urls, tally, CUSTOMER_NAMESPACE);
  }
  static async open(urls: () => string[], tally: Tally, siteKey: string): Promise<Customer> {
    const url = urls()[0]!;
    const { status, body } = await api(url, '/api/widget/session', { body: { siteKey, hostOrigin: url } });
    if (status !== 200) throw new Error(`session: ${JSON.stringify(body)}`);
    const c = new Customer(urls, tally, siteKey, body.visitorToken, url);
    await c.connect();
    return c;
  }
  protected auth() {
    return { siteKey: this.siteKey, visitorToken: this.visitorToken, hostOrigin: this.hostOrigin };
  }
  protected listen(s: Socket) {
    s.on('message:new', (m: TMessage) => this.apply(m));
  }
  protected async onConnected() {
    if (this.conversationId) await this.sync(this.conversationId);
  }
  protected payload(item: { clientId: string; text: string }) {
    // Before the first ack the conversation is not known: null starts (or joins) the open one.
    return { conversationId: this.conversationId ?? null, clientId: item.clientId, text: item.text };
  }
  protected override afterAck(ack: Ack & { ok: true }) {
    if (!this.conversationId) {
      this.conversationId = ack.message.conversationId;
      void this.sync(this.conversationId);
    }
  }
}

export class Agent extends Peer {
  readonly replies = new Map<string, number>();
  constructor(
    urls: () => string[],
    tally: Tally,
    readonly token: string,
    readonly userId: string,
    private readonly repliesPerConversation: number,
  ) {
    super(urls, tally, AGENT_NAMESPACE);
  }
  protected auth() {
    return { token: this.token };
  }
  protected listen(s: Socket) {
    s.on('message:new', (m: TMessage) => {
      if (this.views.has(m.conversationId)) this.apply(m);
    });
    s.on('conversation:updated', (c: { id: string; assigneeId: string | null }) => {
      if (c.assigneeId === this.userId && !this.views.has(c.id)) void this.sync(c.id);
    });
  }
  protected async onConnected() {
    // A (re)connected agent opens every conversation assigned to them (the portal's inbox).
    const res = await api(this.currentUrl, '/api/conversations?view=mine', { token: this.token }).catch(() => null);
    const ids: string[] = res?.status === 200 ? res.body.conversations.map((c: { id: string }) => c.id) : [...this.views.keys()];
    await Promise.all([...new Set([...ids, ...this.views.keys()])].map((id) => this.sync(id)));
  }
  protected payload(item: { clientId: string; text: string; conversationId?: string }) {
    return { conversationId: item.conversationId, clientId: item.clientId, text: item.text, internal: false };
  }
  protected override onApplied(m: TMessage) {
    if (m.author !== 'customer') return;
    const n = this.replies.get(m.conversationId) ?? 0;
    if (n >= this.repliesPerConversation) return;
    this.replies.set(m.conversationId, n + 1);
    this.send(`a:${this.userId.slice(0, 8)}:${m.conversationId}:${n}`, m.conversationId);
  }
}

/**
 * A TCP proxy (client → Kefu) that can silently drop one direction: while `dropServerToClient` is on,
 * bytes from the server are read and thrown away, the connections stay open, nothing is closed or
 * reset, and new connections get the same treatment (a network that black-holes one way).
 */
export async function oneWayProxy(target: { host: string; port: number }): Promise<{ port: number; url: string; dropServerToClient(on: boolean): void; dropped(): number; close(): Promise<void> }> {
  const conns = new Set<NetSocket>();
  let drop = false;
  let droppedBytes = 0;
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    conns.add(client).add(upstream);
    client.on('data', (d: Buffer) => upstream.write(d));
    upstream.on('data', (d: Buffer) => {
      if (drop) droppedBytes += d.length;
      else client.write(d);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      conns.delete(client);
      conns.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    dropServerToClient(on: boolean) {
      drop = on;
    },
    dropped: () => droppedBytes,
    close: () => new Promise<void>((r) => {
      for (const c of conns) c.destroy();
      server.close(() => r());
    }),
  };
}
