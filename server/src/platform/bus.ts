import { EventEmitter } from 'node:events';
import type { TComplaintEvent, TDeadlineKind } from '@kefu/shared';
import type { TConversation, TConversationEvent, TConversationStatus, TMessage, TPresence } from '@kefu/shared';

/** Who follows a conversation, as its row says: which agent rooms hear of it (realtime/listeners.ts). */
export type MessageAudience = { teamId: string | null; status: TConversationStatus; assigneeId: string | null; ownerId: string | null };

/** Domain events, named in dotted past tense, published after commit. */
export type BusEvents = {
  /**
   * `originSocketId`: the socket that sent it, which has it from its ack and gets no echo.
   * `audience`: the message changed its conversation only as `conversationWithMessage` derives (the
   * one-statement path), so no `conversation.updated` follows: the agent rooms that follow the
   * conversation get the message itself and derive the rest.
   */
  'message.created': { message: TMessage; visitorId: string; originSocketId?: string | undefined; audience?: MessageAudience };
  /**
   * `conversation`: the committed state when the publisher has it (listeners then skip a read);
   * `change`: what made it — a new message (the default) or a change of state without one
   * (assignment, resolution), which keeps the sequence number.
   */
  'conversation.updated': { conversationId: string; conversation?: TConversation; change?: 'message' | 'state' };
  /** A trail entry, for the conversation's viewers (realtime/listeners.ts). */
  'conversation.event_recorded': { event: TConversationEvent };
  'queue.changed': { teamId: string | null };
  'assignment.timed_out': { conversation: TConversation; agentId: string; agentName: string };
  'agent.presence_changed': { userId: string; presence: TPresence };
  /** A conversation was resolved; `ownerId`/`assigneeId` as they were at that moment (surveys credit the owner). */
  'conversation.resolved': { conversationId: string; siteId: string; visitorId: string; teamId: string | null; ownerId: string | null; assigneeId: string | null; resolvedAt: Date };
  /** A survey is due to be shown to its customer (the widget card). */
  'survey.sent': { surveyId: string; visitorId: string; conversationId: string | null };
  /** A customer answered (or changed) a survey. */
  'survey.answered': { surveyId: string; rating: number; previousRating: number | null };
  /** A complaint changed (status, assignment, timeline); `event` is the timeline entry recorded, if any. */
  'complaint.changed': { complaintId: string; event: TComplaintEvent | null };
  /** A complaint was filed (any channel); `trackingToken` is the one link minted at filing. */
  'complaint.filed': { complaintId: string; trackingToken: string };
  /** A complaint deadline passed its warning share, or was breached (recorded once each). */
  'complaint.deadline_alert': { complaintId: string; kind: 'warning' | 'breach'; deadline: TDeadlineKind; notifyUserIds: string[] };
  /** Sessions ended (logout, deactivation, password change): their sockets must close. `sessionHash` absent = all of the user's. */
  'agent.sessions_revoked': { userId: string; sessionHash?: string };
  /** A visitor's token was revoked (Kefu.reset): their widget sockets must close. */
  'visitor.session_ended': { visitorId: string };
  /** Something changed that may let routing assign a queued conversation. */
  'routing.requested': Record<string, never>;
};

/** The in-process event bus: side effects (socket emits, assignment runs) follow commits through it. */
export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(50);
  }

  publish<K extends keyof BusEvents>(name: K, payload: BusEvents[K]): void {
    this.emitter.emit(name, payload);
  }

  on<K extends keyof BusEvents>(name: K, listener: (payload: BusEvents[K]) => void | Promise<void>): () => void {
    const wrapped = (payload: BusEvents[K]) => {
      void Promise.resolve()
        .then(() => listener(payload))
        .catch((err: unknown) => this.emitter.emit('error', err));
    };
    this.emitter.on(name, wrapped);
    return () => this.emitter.off(name, wrapped);
  }

  onError(listener: (err: unknown) => void): void {
    this.emitter.on('error', listener);
  }
}
