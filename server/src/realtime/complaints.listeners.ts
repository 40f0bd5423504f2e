import type { Ctx } from '../platform/context';
import type { AgentNamespace } from './agent.namespace';

/**
 * Tells the portal that a complaint changed, so open boards and detail pages reload it (through
 * REST, which applies the reader's permissions: the event carries only the id).
 */
export function listenForComplaintUpdates(ctx: Ctx, agents: AgentNamespace): () => void {
  return ctx.bus.on('complaint.changed', ({ complaintId }) => {
    agents.emit('complaint:updated', { complaintId });
  });
}
