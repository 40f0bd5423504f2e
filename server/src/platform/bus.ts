import { EventEmitter } from 'node:events';
import type { TConversation, TConversationEvent, TMessage, TPresence } from '@kefu/shared';

/** Domain events, named in dotted past tense, published after commit. */
export type BusEvents = {
  'message.created': { message: TMessage; visitorId: string };
  'conversation.updated': { conversationId: string };
  'conversation.event_recorded': { event: TConversationEvent };
  'queue.changed': { teamId: string | null };
  'assignment.timed_out': { conversation: TConversation; agentId: string; agentName: string };
  'agent.presence_changed': { userId: string; presence: TPresence };
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
