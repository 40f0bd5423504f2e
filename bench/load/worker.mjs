// One load-generator process (forked by run.mjs): either a share of the customers or the agents,
// each with its own websocket (socket.io-client, websocket transport, no multiplexing).
// Messages carry their send time; the receiving side records the latency. Talks to run.mjs over IPC.
import { clientId, now, requireFromServer, sleep } from './lib.mjs';

const { io } = requireFromServer('socket.io-client');

/** @type {{ role: 'customers'|'agents'|'idle', url: string, mode: 'kefu'|'baseline', count?: number, offset?: number, agents?: {id: string, token: string}[], siteKey?: string }} */
let opts;
const samples = { c2a: [], a2c: [] };
const counters = { sent: 0, acked: 0, errors: 0, received: 0 };
const sockets = [];
const send = (m) => process.send?.(m);

function connect(ns, auth) {
  return new Promise((resolve, reject) => {
    const s = io(`${opts.url}${ns}`, { transports: ['websocket'], forceNew: true, reconnection: false, auth, timeout: 60_000 });
    s.once('connect', () => resolve(s));
    s.once('connect_error', (e) => reject(new Error(`${ns}: ${e.message} ${JSON.stringify(e.data ?? '')}`)));
  });
}

async function inBatches(items, size, fn) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

function emitAck(socket, event, payload) {
  return new Promise((resolve) => socket.timeout(30_000).emit(event, payload, (err, ack) => resolve(err ? { ok: false, code: 'timeout' } : ack)));
}

// ---------- customers ----------
const customers = [];
let timers = [];

async function visitorToken(i) {
  if (opts.mode === 'baseline') return `visitor-${process.pid}-${i}`;
  const res = await fetch(`${opts.url}/api/widget/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: opts.url },
    body: JSON.stringify({ siteKey: opts.siteKey, hostOrigin: opts.url }),
  });
  const body = await res.json();
  if (!body.ok) throw new Error(`widget session: ${JSON.stringify(body)}`);
  return body.visitorToken;
}

async function startCustomer(i) {
  const token = await visitorToken(i);
  const socket = await connect('/customer', { siteKey: opts.siteKey, visitorToken: token, hostOrigin: opts.url });
  sockets.push(socket);
  const c = { socket, conversationId: null, active: false };
  socket.on('message:new', (m) => {
    if (m.author !== 'agent') return;
    const sentAt = Number(m.text.split(' ')[1]);
    samples.a2c.push(now() - sentAt);
    counters.received++;
  });
  // The assignment can arrive before the first message's ack (which then still says queued): this
  // visitor has one conversation, so an update before the ack is about it.
  socket.on('conversation:updated', (conv) => {
    if ((c.conversationId === null || conv.id === c.conversationId) && conv.status === 'active') c.active = true;
  });
  const ack = await emitAck(socket, 'message:send', { conversationId: null, clientId: clientId('c'), text: `hello ${now()} start` });
  if (!ack.ok) throw new Error(`first message: ${JSON.stringify(ack)}`);
  c.conversationId = ack.conversation.id;
  if (ack.conversation.status === 'active') c.active = true;
  customers.push(c);
}

function customerSend(c) {
  counters.sent++;
  const t = now();
  c.socket.timeout(30_000).emit('message:send', { conversationId: c.conversationId, clientId: clientId('c'), text: `m ${t}` }, (err, ack) => {
    if (err || !ack?.ok) counters.errors++;
    else counters.acked++;
  });
}

function setRate(intervalMs) {
  for (const t of timers) clearTimeout(t), clearInterval(t);
  timers = [];
  if (!intervalMs) return;
  for (const c of customers) {
    // A random phase per customer, then a steady interval.
    const first = setTimeout(() => {
      customerSend(c);
      timers.push(setInterval(() => customerSend(c), intervalMs));
    }, Math.random() * intervalMs);
    timers.push(first);
  }
}

// ---------- agents ----------
const joined = new Set();

async function startAgent(a) {
  const socket = await connect('/agent', { token: a.token });
  sockets.push(socket);
  const join = (conv) => {
    if (conv.assigneeId !== a.id || conv.status !== 'active' || joined.has(conv.id)) return;
    joined.add(conv.id);
    void emitAck(socket, 'conversation:sync', { conversationId: conv.id, afterSeq: conv.lastSeq ?? 0 }).then((ack) => {
      if (!ack.ok) {
        counters.errors++;
        joined.delete(conv.id);
      }
    });
  };
  socket.on('conversation:updated', join);
  socket.on('message:new', (m) => {
    if (m.author !== 'customer') return;
    const t = now();
    const sentAt = Number(m.text.split(' ')[1]);
    if (m.text.startsWith('m ')) samples.c2a.push(t - sentAt);
    counters.received++;
    counters.sent++;
    socket.timeout(30_000).emit('message:send', { conversationId: m.conversationId, clientId: clientId('a'), text: `r ${now()}`, internal: false }, (err, ack) => {
      if (err || !ack?.ok) counters.errors++;
      else counters.acked++;
    });
  });
  const ack = await emitAck(socket, 'presence:set', { presence: 'online' });
  if (!ack.ok) throw new Error(`presence: ${JSON.stringify(ack)}`);
}

// ---------- idle widgets (memory per connection) ----------
async function startIdle(i) {
  const token = await visitorToken(i);
  const socket = await connect('/customer', { siteKey: opts.siteKey, visitorToken: token, hostOrigin: opts.url });
  sockets.push(socket);
}

process.on('message', async (msg) => {
  try {
    if (msg.cmd === 'init') {
      opts = msg.opts;
      if (opts.role === 'customers') {
        const idx = Array.from({ length: opts.count }, (_, i) => i + (opts.offset ?? 0));
        await inBatches(idx, 20, startCustomer);
        // Wait until routing has given every conversation to an agent.
        for (let i = 0; i < 600 && customers.some((c) => !c.active); i++) await sleep(100);
        send({ type: 'ready', count: customers.length, active: customers.filter((c) => c.active).length });
      } else if (opts.role === 'agents') {
        await inBatches(opts.agents, 10, startAgent);
        send({ type: 'ready', count: opts.agents.length });
      } else {
        const idx = Array.from({ length: opts.count }, (_, i) => i + (opts.offset ?? 0));
        await inBatches(idx, 50, startIdle);
        send({ type: 'ready', count: sockets.length });
      }
    } else if (msg.cmd === 'rate') {
      setRate(msg.intervalMs);
      send({ type: 'ok' });
    } else if (msg.cmd === 'joined') {
      send({ type: 'joined', count: joined.size });
    } else if (msg.cmd === 'collect') {
      send({ type: 'samples', c2a: samples.c2a, a2c: samples.a2c, counters: { ...counters } });
      samples.c2a = [];
      samples.a2c = [];
      for (const k of Object.keys(counters)) counters[k] = 0;
    } else if (msg.cmd === 'exit') {
      setRate(0);
      for (const s of sockets) s.disconnect();
      process.exit(0);
    }
  } catch (err) {
    send({ type: 'error', message: String(err?.stack ?? err) });
  }
});
