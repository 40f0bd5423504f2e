import type { TCustomerConversation } from '@kefu/shared';
import { queuedCustomers } from '../conversations/queue.repository';
import type { Ctx } from '../platform/context';
import { type CustomerNamespace, visitorRoom } from './customer.namespace';

export type QueuePushOptions = {
  /** At most one push per team per this many ms: the first change at once, later ones at the end of the window. */
  coalesceMs?: number;
  /**
   * Send only the places that changed since this process last sent them. Off when several processes
   * share the queue: another process may have sent a place this one does not know about.
   */
  onlyChanged: boolean;
  /** Emits per event-loop turn, so a long queue's push does not hold up messages and assignments. */
  chunk?: number;
};

/**
 * Pushes queue places and expected waits to the queued customers of a team when its queue changes
 * (`queue.changed`). Bursts of changes (a busy team assigns many times a second; 1,000 customers
 * arriving) become one push per window, the places come from one statement, and a customer whose
 * place and estimate did not move gets nothing — at 1,000 queued, re-ranking and pushing the whole
 * queue on every change was most of "capacity freed → next assigned" (docs/benchmarks.md).
 */
export function listenForQueueChanges(ctx: Ctx, customers: CustomerNamespace, opts: QueuePushOptions): () => void {
  const coalesceMs = opts.coalesceMs ?? 1000;
  const chunk = opts.chunk ?? 200;
  const teams = new Map<string, { timer: NodeJS.Timeout | null; running: boolean; pending: boolean; last: number }>();
  /** team → conversation → the place last sent ("position:wait"). */
  const sent = new Map<string, Map<string, string>>();
  let stopped = false;

  const push = async (teamId: string | null, key: string) => {
    const queued = await queuedCustomers(ctx.db, teamId);
    const before = sent.get(key);
    const now = new Map<string, string>();
    let emitted = 0;
    for (const q of queued) {
      const place = `${q.queue.position}:${q.queue.expectedWaitSeconds}`;
      now.set(q.id, place);
      if (opts.onlyChanged && before?.get(q.id) === place) continue;
      const update: TCustomerConversation = { id: q.id, status: 'queued', agentName: null, lastSeq: q.last_seq, queue: q.queue, createdAt: q.created_at.toISOString() };
      customers.to(visitorRoom(q.visitor_id)).emit('conversation:updated', update);
      if (++emitted % chunk === 0) await new Promise<void>((r) => setImmediate(r));
      if (stopped) return;
    }
    if (now.size) sent.set(key, now);
    else sent.delete(key);
  };

  const request = (teamId: string | null) => {
    const key = teamId ?? '';
    let t = teams.get(key);
    if (!t) teams.set(key, (t = { timer: null, running: false, pending: false, last: -Infinity }));
    t.pending = true;
    if (t.timer || t.running || stopped) return;
    const state = t;
    // Even "at once" waits for the next turn: the emits of the change itself (the assignment) go first.
    state.timer = setTimeout(() => {
      state.timer = null;
      state.pending = false;
      state.running = true;
      state.last = Date.now();
      push(teamId, key)
        .catch((err: unknown) => ctx.log.warn('queue push failed', { err: String(err) }))
        .finally(() => {
          state.running = false;
          if (state.pending) request(teamId);
        });
    }, Math.max(0, state.last + coalesceMs - Date.now()));
  };

  const off = ctx.bus.on('queue.changed', ({ teamId }) => request(teamId));
  return () => {
    stopped = true;
    off();
    for (const t of teams.values()) if (t.timer) clearTimeout(t.timer);
    teams.clear();
  };
}
