import type { TMessage, TMessageAttachment } from '@kefu/shared';
import type { AgentSocket } from '../api/agent-socket';

export type TOutgoing = {
  conversationId: string;
  clientId: string;
  text: string;
  internal: boolean;
  /** Already uploaded; the message names them by id. */
  attachments?: TMessageAttachment[];
  status: 'sending' | 'failed';
  error?: string;
};

type Listener = () => void;
type AckedListener = (message: TMessage) => void;

/**
 * Messages sent but not yet acknowledged. Kept in memory for the session and resent with the
 * same clientId on every reconnect, so a drop loses nothing and duplicates nothing (DESIGN.md).
 */
export class Outbox {
  private readonly items = new Map<string, TOutgoing>();
  private readonly listeners = new Set<Listener>();
  private readonly ackedListeners = new Set<AckedListener>();

  list(conversationId: string): TOutgoing[] {
    return [...this.items.values()].filter((m) => m.conversationId === conversationId);
  }

  send(socket: AgentSocket | null, item: Omit<TOutgoing, 'status'>): void {
    this.items.set(item.clientId, { ...item, status: 'sending' });
    this.changed();
    if (socket?.connected) this.emit(socket, item.clientId);
  }

  /** Sends again every unacknowledged message, failed ones included. */
  resendAll(socket: AgentSocket): void {
    for (const [clientId, item] of this.items) {
      if (item.status === 'failed') this.items.set(clientId, { ...item, status: 'sending', error: undefined });
      this.emit(socket, clientId);
    }
    this.changed();
  }

  retry(socket: AgentSocket | null, clientId: string): void {
    const item = this.items.get(clientId);
    if (!item) return;
    this.items.set(clientId, { ...item, status: 'sending', error: undefined });
    this.changed();
    if (socket?.connected) this.emit(socket, clientId);
  }

  discard(clientId: string): void {
    this.items.delete(clientId);
    this.changed();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onAcked(listener: AckedListener): () => void {
    this.ackedListeners.add(listener);
    return () => this.ackedListeners.delete(listener);
  }

  private emit(socket: AgentSocket, clientId: string): void {
    const item = this.items.get(clientId);
    if (!item) return;
    const { conversationId, text, internal, attachments } = item;
    const attachmentIds = attachments?.map((a) => a.id);
    socket.emit('message:send', { conversationId, clientId, text, internal, ...(attachmentIds ? { attachmentIds } : {}) }, (ack) => {
      const current = this.items.get(clientId);
      if (ack.ok) {
        this.items.delete(clientId);
        for (const l of this.ackedListeners) l(ack.message);
      } else if (current) {
        // Shown with a Retry button; it also goes again on the next reconnect.
        this.items.set(clientId, { ...current, status: 'failed', error: ack.message });
      }
      this.changed();
    });
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}
