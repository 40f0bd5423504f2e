import type { TCustomerSendMessage } from '@kefu/shared';
import type { TSendResult } from './customer-connection';
import type { Outbox } from './outbox';

export type TOutboxSenderOptions = {
  send(payload: TCustomerSendMessage): Promise<TSendResult>;
  /** False while disconnected: nothing is sent, the next connect flushes. */
  canSend(): boolean;
  onAcked(ack: Extract<TSendResult, { ok: true }>): void;
  /** Injected for tests. */
  setTimer?: (fn: () => void, ms: number) => unknown;
};

const MAX_BACKOFF_MS = 30_000;

/**
 * Sends the outbox strictly in order, one message in flight at a time, so the conversation keeps the
 * customer's order. Retryable failures and timeouts keep the message and try again later.
 */
export class OutboxSender {
  private running: Promise<void> | null = null;
  private again = false;
  private backoffMs = 1000;
  private retryScheduled = false;

  constructor(
    private readonly outbox: Outbox,
    private readonly options: TOutboxSenderOptions,
  ) {}

  /** Sends what is pending; safe to call at any time (a call during a flush extends it and resolves with it). */
  flush(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.drain();
        } while (this.again);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async drain(): Promise<void> {
    for (let item = this.outbox.nextPending(); item && this.options.canSend(); item = this.outbox.nextPending()) {
      const ack = await this.options.send({
        conversationId: item.conversationId,
        clientId: item.clientId,
        text: item.text,
        ...(item.attachments ? { attachmentIds: item.attachments.map((a) => a.id) } : {}),
        ...(item.email ? { email: item.email } : {}),
      });
      if (ack.ok) {
        this.backoffMs = 1000;
        this.outbox.adoptConversation(ack.conversation.id);
        this.outbox.remove(item.clientId);
        this.options.onAcked(ack);
      } else if (ack.retryable) {
        this.scheduleRetry();
        return;
      } else {
        this.outbox.fail(item.clientId, ack.code);
      }
    }
  }

  private scheduleRetry(): void {
    if (this.retryScheduled) return;
    this.retryScheduled = true;
    const setTimer = this.options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
    setTimer(() => {
      this.retryScheduled = false;
      void this.flush();
    }, this.backoffMs);
    this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
  }
}
