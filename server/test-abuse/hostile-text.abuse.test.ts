import { describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server';
import { api, connectAgent, connectCustomer, createAgent, newClientId, useTestServer, type CustomerSocket } from '../src/testing/test-server';

let server: RunningServer;
let adminToken: string;
useTestServer({ env: { KEFU_RATE_LIMIT_SCALE: '0' } }, (t) => ({ server, adminToken } = t));

/** Text that has broken chat systems: each is sent twice to every place that takes text. */
const HOSTILE: Record<string, string> = {
  nul: 'before\u0000after',
  loneHighSurrogate: 'x\uD800y',
  loneLowSurrogate: 'x\uDFFFy',
  rightToLeftOverride: 'invoice\u202Egnp.exe',
  embeddingsAndIsolates: '\u202Aa\u202C \u202Bb\u202C \u2066c\u2069 \u2067d\u2069 \u2068e\u2069 \u202Df\u202C',
  zeroWidth: 'zero\u200B\u200C\u200D\u2060\uFEFFwidth',
  only0Width: '\u200B\u200B',
  combiningFlood: 'Z' + '\u0301\u0302\u0303'.repeat(500),
  body150k: 'x'.repeat(150_000),
  body150kHan: '漢'.repeat(150_000),
};

type Outcome = string;
const outcomeOf = (status: number, body: any, stored?: string): Outcome => (status < 300 ? `stored:${JSON.stringify(stored ?? null)}` : `refused:${status}:${body?.code}`);

describe('hostile text', () => {
  it('never answers 500 to hostile text in any text field, and stores or refuses each the same way every time', async () => {
    const teamId = (await api(server, '/api/teams', { token: adminToken, body: { name: 'Hostile' } })).body.team.id as string;
    const agent = await createAgent(server, adminToken, { teamIds: [teamId], role: 'supervisor' });
    const agentSocket = await connectAgent(server, agent.token);
    let customer = await connectCustomer(server, { siteKey: 'demo' });
    const first = await customer.socket.emitWithAck('message:send', { conversationId: null, clientId: newClientId(), text: 'hello' });
    if (!first.ok) throw new Error(first.message);
    const conversationId = first.message.conversationId;
    const filed = await api(server, '/api/widget/complaints', { body: { siteKey: 'demo', visitorToken: customer.visitorToken, hostOrigin: server.url, category: 'product', description: 'base', phone: '13800000000' } });
    const trackingToken = String(filed.body.trackingUrl).split('/c/')[1]!;
    const complaintId = (await api(server, '/api/complaints?sort=created', { token: adminToken })).body.complaints.find((c: { number: string }) => c.number === filed.body.number).id as string;

    const reconnect = async (s: CustomerSocket) => {
      if (s.connected) return;
      s.connect();
      await new Promise<void>((r) => s.once('connect', () => r()));
    };
    const storedMessage = async (id: string) => {
      const sync = await customer.socket.emitWithAck('conversation:sync', { conversationId, afterSeq: 0 });
      return sync.ok ? sync.messages.find((m) => m.id === id)?.text : undefined;
    };

    /** Every place that takes text, each returning how it treated the text. */
    const places: Record<string, (text: string) => Promise<Outcome>> = {
      'customer message (socket)': async (text) => {
        await reconnect(customer.socket);
        const ack = await customer.socket.timeout(5000).emitWithAck('message:send', { conversationId, clientId: newClientId(), text }).catch(() => null);
        if (!ack) return 'closed (over maxHttpBufferSize)';
        return ack.ok ? `stored:${JSON.stringify(await storedMessage(ack.message.id))}` : `refused:${ack.code}`;
      },
      'agent note (socket)': async (text) => {
        const ack = await agentSocket.timeout(5000).emitWithAck('message:send', { conversationId, clientId: newClientId(), text, internal: true }).catch(() => null);
        if (!ack) {
          agentSocket.connect();
          await new Promise<void>((r) => agentSocket.once('connect', () => r()));
          return 'closed (over maxHttpBufferSize)';
        }
        return ack.ok ? `stored:${JSON.stringify(ack.message.text)}` : `refused:${ack.code}`;
      },
      'complaint description and customer name (widget)': async (text) => {
        const r = await api(server, '/api/widget/complaints', { body: { siteKey: 'demo', visitorToken: customer.visitorToken, hostOrigin: server.url, category: 'product', description: text, name: text.slice(0, 100), phone: '13800000000' } });
        if (r.status >= 300) return outcomeOf(r.status, r.body);
        const view = await api(server, `/api/track/${String(r.body.trackingUrl).split('/c/')[1]}`);
        return outcomeOf(r.status, r.body, `${view.body.complaint.description}|${view.body.complaint.customerName ?? ''}`);
      },
      'more information (tracking page)': async (text) => {
        const r = await api(server, `/api/track/${trackingToken}/info`, { body: { text } });
        return outcomeOf(r.status, r.body, r.body.complaint?.timeline?.at(-1)?.text);
      },
      'complaint reply (portal)': async (text) => {
        const r = await api(server, `/api/complaints/${complaintId}/replies`, { token: adminToken, body: { text, public: false } });
        return outcomeOf(r.status, r.body, r.status < 300 ? 'ok' : undefined);
      },
      'agent name (admin)': async (text) => {
        const r = await api(server, '/api/users', { token: adminToken, body: { email: `h${newClientId().slice(0, 8).toLowerCase()}@test.local`, name: text.slice(0, 100), password: 'agent-password', role: 'agent', teamIds: [] } });
        return outcomeOf(r.status, r.body, r.body.user?.name);
      },
    };

    const table: Record<string, Record<string, Outcome>> = {};
    let tried = 0;
    for (const [place, send] of Object.entries(places)) {
      for (const [name, text] of Object.entries(HOSTILE)) {
        const a = await send(text);
        const b = await send(text);
        tried += 2;
        (table[name] ??= {})[place] = a;
        expect(a, `${name} → ${place}`).not.toMatch(/refused:(5\d\d|internal)|refused:undefined/);
        expect(b, `${name} → ${place} (second time)`).toBe(a);
      }
    }
    const summary = Object.fromEntries(Object.entries(table).map(([k, v]) => [k, [...new Set(Object.values(v).map((o) => o.replace(/^stored:.*/, 'stored')))].join(' / ')]));
    console.log(`[abuse] hostile text: ${tried} sends over ${Object.keys(places).length} places, 0 server errors; ${JSON.stringify(summary)}`);
    // What is stored keeps its characters (direction controls are removed only on display).
    expect(table.rightToLeftOverride!['customer message (socket)']).toBe(`stored:${JSON.stringify(HOSTILE.rightToLeftOverride)}`);
    expect(table.nul!['customer message (socket)']).toBe('refused:bad_request');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    customer.socket.close();
    agentSocket.close();
    customer = undefined as never;
  });
});
