// The raw baseline: a bare socket.io server (websocket transport) that does one INSERT per message
// into PostgreSQL (pg pool of 10), acks, and relays the message to the other side's room. It speaks
// just enough of Kefu's protocol (namespaces, events, ack shapes) for the same load generator.
//   DATABASE_URL=postgres://... PORT=... node bench/load/baseline-server.mjs
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { requireFromServer } from './lib.mjs';

const { Server } = requireFromServer('socket.io');
const pg = requireFromServer('pg');

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
await pool.query(`create table if not exists bench_messages (
  id bigserial primary key, conversation_id uuid not null, client_id text not null,
  author text not null, text text not null, created_at timestamptz not null default now())`);

const http = createServer((req, res) => {
  res.writeHead(req.url === '/healthz' ? 200 : 404, { 'content-type': 'application/json' });
  res.end('{"ok":true}');
});
const io = new Server(http, { serveClient: false, transports: ['websocket'], pingInterval: 20_000, pingTimeout: 20_000 });
const customers = io.of('/customer');
const agents = io.of('/agent');

/** conversation id → { visitor, agent }; visitor → conversation id. Assignment: round robin over connected agents. */
const conversations = new Map();
const byVisitor = new Map();
const agentIds = [];
let next = 0;

async function insert(conversationId, clientId, author, text) {
  const { rows } = await pool.query(
    'insert into bench_messages (conversation_id, client_id, author, text) values ($1, $2, $3, $4) returning id, created_at',
    [conversationId, clientId, author, text],
  );
  return { id: String(rows[0].id), conversationId, clientId, author, text, createdAt: rows[0].created_at.toISOString() };
}

customers.on('connection', (socket) => {
  const visitor = String(socket.handshake.auth.visitorToken);
  void socket.join(`visitor:${visitor}`);
  socket.on('message:send', async (p, ack) => {
    try {
      let id = p.conversationId ?? byVisitor.get(visitor);
      if (!id) {
        id = randomUUID();
        const agent = agentIds[next++ % agentIds.length];
        conversations.set(id, { visitor, agent });
        byVisitor.set(visitor, id);
        agents.to(`user:${agent}`).emit('conversation:updated', { id, status: 'active', assigneeId: agent, lastSeq: 0 });
      }
      const message = await insert(id, p.clientId, 'customer', p.text);
      ack?.({ ok: true, message, conversation: { id, status: 'active' } });
      agents.to(`conv:${id}`).emit('message:new', message);
    } catch (err) {
      ack?.({ ok: false, code: 'internal', message: String(err) });
    }
  });
});

agents.on('connection', (socket) => {
  const agent = String(socket.handshake.auth.token);
  agentIds.push(agent);
  void socket.join(`user:${agent}`);
  socket.on('presence:set', (_p, ack) => ack?.({ ok: true, presence: 'online' }));
  socket.on('conversation:sync', (p, ack) => {
    void socket.join(`conv:${p.conversationId}`);
    ack?.({ ok: true });
  });
  socket.on('message:send', async (p, ack) => {
    try {
      const conv = conversations.get(p.conversationId);
      const message = await insert(p.conversationId, p.clientId, 'agent', p.text);
      ack?.({ ok: true, message });
      if (conv) customers.to(`visitor:${conv.visitor}`).emit('message:new', message);
    } catch (err) {
      ack?.({ ok: false, code: 'internal', message: String(err) });
    }
  });
});

http.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => console.log(`baseline on ${http.address().port}`));
for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => io.close(() => pool.end().then(() => process.exit(0))));
