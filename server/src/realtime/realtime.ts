import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { AGENT_NAMESPACE, CUSTOMER_NAMESPACE, MESSAGE_MAX_LENGTH } from '@kefu/shared';
import type { Ctx } from '../platform/context';
import { setupAgentNamespace, type AgentNamespace } from './agent.namespace';
import { setupCustomerNamespace, type CustomerNamespace } from './customer.namespace';
import { listenForRealtime } from './listeners';
import { guardSlowConsumers } from './backpressure';
import { listenForComplaintUpdates } from './complaints.listeners';
import { setupMonitor } from './monitor.listeners';

export type RealtimeOptions = {
  /** socket.io adapter for fan-out between server processes (PostgreSQL or Redis). */
  adapter?: ConstructorParameters<typeof Server>[1] extends infer O ? O extends { adapter?: infer A } ? A : never : never;
};

/** Attaches socket.io (customer and agent namespaces) to the HTTP server. */
export function attachRealtime(http: HttpServer, ctx: Ctx, opts: RealtimeOptions = {}) {
  const io = new Server(http, {
    // A message is at most MESSAGE_MAX_LENGTH characters; 4 bytes each plus the envelope.
    maxHttpBufferSize: MESSAGE_MAX_LENGTH * 4 + 16 * 1024,
    serveClient: false,
    pingInterval: ctx.config.realtime.pingIntervalMs,
    pingTimeout: ctx.config.realtime.pingTimeoutMs,
    ...(opts.adapter ? { adapter: opts.adapter } : {}),
  });
  const customers = io.of(CUSTOMER_NAMESPACE) as unknown as CustomerNamespace;
  const agents = io.of(AGENT_NAMESPACE) as unknown as AgentNamespace;
  setupCustomerNamespace(ctx, customers, agents);
  const agentNs = setupAgentNamespace(ctx, agents, () => customers);
  const stopListening = listenForRealtime(ctx, customers, agents);
  const stopComplaints = listenForComplaintUpdates(ctx, agents);
  const monitor = setupMonitor(ctx, agents, { clustered: Boolean(opts.adapter) });
  const stopGuard = guardSlowConsumers(io, ctx.log);
  return {
    io,
    async close() {
      stopListening();
      stopComplaints();
      monitor.stop();
      stopGuard();
      agentNs.stop();
      await new Promise<void>((resolve) => void io.close(() => resolve()));
    },
  };
}
