import type { TConversation } from '@kefu/shared';
import { getConversation, toCustomerConversation } from '../conversations/conversations.repository';
import type { MessageAudience } from '../platform/bus';
import type { Ctx } from '../platform/context';
import { pendingForVisitor } from '../surveys/surveys.service';
import { type AgentNamespace, conversationRoom, SUPERVISORS_ROOM, teamRoom, userRoom } from './agent.namespace';
import { type CustomerNamespace, visitorRoom } from './customer.namespace';
import { listenForQueueChanges } from './queue.listeners';

/**
 * Rooms of the agents who should hear about a conversation: assignee, owner, viewers, supervisors,
 * and its team — whose queue views need every change of a queued conversation and every change of
 * state, but not each new message of a conversation someone already handles (at 1,000 conversations
 * that per-message fan-out to the whole team was the main cost, docs/benchmarks.md).
 */
function agentRooms(c: { id: string } & MessageAudience, opts: { wholeTeam: boolean } = { wholeTeam: true }): string[] {
  const rooms = [conversationRoom(c.id), SUPERVISORS_ROOM];
  if (opts.wholeTeam || c.status === 'queued') rooms.push(teamRoom(c.teamId));
  if (c.assigneeId) rooms.push(userRoom(c.assigneeId));
  if (c.ownerId) rooms.push(userRoom(c.ownerId));
  return rooms;
}

/**
 * The highest `lastSeq` sent per conversation (bounded), to spot a stale snapshot: a snapshot reflects
 * every commit before its own, so only a later commit (already sent, at the same seq or later) is newer.
 */
function lastSentTracker(max = 10_000) {
  const seqs = new Map<string, number>();
  return {
    // A message snapshot carries a new seq: anything sent since at that seq or later is newer. A change
    // of state keeps the seq: only something sent at a later seq is newer.
    isStale: (c: TConversation, change: 'message' | 'state' = 'message') =>
      change === 'message' ? c.lastSeq <= (seqs.get(c.id) ?? -1) : c.lastSeq < (seqs.get(c.id) ?? -1),
    note(c: { id: string; lastSeq: number }) {
      if (seqs.size >= max && !seqs.has(c.id)) seqs.clear();
      seqs.set(c.id, Math.max(c.lastSeq, seqs.get(c.id) ?? 0));
    },
  };
}

/** Turns bus events into socket emits. socket.io's adapter carries them to the other processes. */
export function listenForRealtime(ctx: Ctx, customers: CustomerNamespace, agents: AgentNamespace): () => void {
  const lastSent = lastSentTracker();
  /**
   * Whether anyone but the sender is in these rooms. A message's two broadcasts usually have one
   * empty side — the sender's own rooms — and socket.io encodes a packet before it looks for
   * sockets. Only in one process: with others (cluster), their sockets are not in this adapter.
   */
  const reaches = (ns: AgentNamespace | CustomerNamespace, rooms: string[], except: string | undefined) => {
    if (ctx.config.cluster) return true;
    for (const room of rooms) for (const socketId of ns.adapter.rooms.get(room) ?? []) if (socketId !== except) return true;
    return false;
  };
  const offs = [
    // The sending socket has the message from its ack; its other tabs and the other side get it here.
    // With an `audience`, the conversation changed only as the message says: the agent rooms that
    // would get `conversation:updated` get the message instead (one frame, each socket once) and
    // apply `conversationWithMessage`, as the viewers and the customer always do.
    ctx.bus.on('message.created', ({ message, visitorId, originSocketId, audience }) => {
      const except = originSocketId ?? [];
      const id = message.conversationId;
      if (audience) lastSent.note({ id, lastSeq: message.seq });
      const agentTargets = audience ? agentRooms({ id, ...audience }, { wholeTeam: false }) : [conversationRoom(id)];
      if (reaches(agents, agentTargets, originSocketId)) agents.to(agentTargets).except(except).emit('message:new', message);
      const visitor = [visitorRoom(visitorId)];
      if (!message.internal && reaches(customers, visitor, originSocketId)) customers.to(visitor).except(except).emit('message:new', message);
    }),
    ctx.bus.on('conversation.updated', async ({ conversationId, conversation, change = 'message' }) => {
      // A snapshot from the write path saves a read; one older than what was last sent (two commits
      // publishing out of order) is replaced by a fresh read.
      const c = conversation && !lastSent.isStale(conversation, change) ? conversation : await getConversation(ctx.db, conversationId);
      if (!c) return;
      lastSent.note(c);
      // Only a message-driven update of a handled conversation stays out of the team room.
      agents.to(agentRooms(c, { wholeTeam: !conversation || change === 'state' })).emit('conversation:updated', c);
      customers.to(visitorRoom(c.visitor.id)).emit('conversation:updated', toCustomerConversation(c));
    }),
    ctx.bus.on('conversation.event_recorded', ({ event }) => {
      // The trail is shown only in the conversation's own view, whose socket is in its room (it
      // syncs on opening): no one else gets it, not even the team while it is queued — every new
      // conversation's `created` to a 125-agent team room was a third of the frames of opening 5,000
      // (docs/benchmarks.md). A transfer's target hears of theirs.
      const rooms = [conversationRoom(event.conversationId)];
      const to = event.data['toAgentId'];
      if (typeof to === 'string') rooms.push(userRoom(to));
      agents.to(rooms).emit('conversation:event', event);
    }),
    // Queue places: coalesced, from one statement, only those that moved (queue.listeners.ts).
    listenForQueueChanges(ctx, customers, { onlyChanged: !ctx.config.cluster }),
    ctx.bus.on('assignment.timed_out', ({ conversation, agentId, agentName }) => {
      agents.to(SUPERVISORS_ROOM).emit('alert', {
        kind: 'assignment_timeout',
        conversationId: conversation.id,
        agentId,
        agentName,
        at: ctx.clock().toISOString(),
      });
    }),
    ctx.bus.on('survey.sent', async ({ visitorId, conversationId }) => {
      const survey = await pendingForVisitor(ctx, { id: visitorId }, conversationId);
      if (survey) customers.to(visitorRoom(visitorId)).emit('survey:request', survey);
    }),
    // Kefu.reset revoked the visitor's token: their open widgets (any tab, any process) are closed;
    // reconnecting with the old token is refused, so each one starts as a new visitor.
    ctx.bus.on('visitor.session_ended', ({ visitorId }) => {
      customers.in(visitorRoom(visitorId)).disconnectSockets(true);
    }),
    ctx.bus.on('agent.presence_changed', ({ userId, presence }) => {
      agents.emit('presence:updated', { userId, presence });
    }),
  ];
  return () => offs.forEach((off) => off());
}
