import type { Ctx } from '../platform/context';
import { assignQueuedConversations, requeueUnansweredAssignments } from './routing.service';
import { announceUnannounced } from '../conversations/announcements';

export type RoutingWorker = { runNow(): Promise<void>; stop(): Promise<void> };

/**
 * Runs routing when the bus asks for it (coalescing bursts into one run) and sweeps unanswered
 * assignments on an interval. Every server process runs one; the database lock keeps them correct,
 * and the interval also catches requests made on other processes.
 */
export function startRoutingWorker(ctx: Ctx, opts: { sweepMs?: number } = {}): RoutingWorker {
  let running: Promise<void> | null = null;
  let again = false;
  let sweepDue = true;
  let stopped = false;

  const runOnce = async () => {
    do {
      again = false;
      try {
        // The timeout sweep runs on the interval; runs the bus asks for (capacity freed, new
        // conversation) only assign, which keeps "capacity freed → next assigned" short.
        if (sweepDue) {
          sweepDue = false;
          await announceUnannounced(ctx);
          await requeueUnansweredAssignments(ctx);
        }
        await assignQueuedConversations(ctx);
      } catch (err) {
        ctx.log.warn('routing run failed', { err: String(err) });
      }
    } while (again && !stopped);
  };

  const runNow = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = runOnce().finally(() => {
      running = null;
    });
    return running;
  };

  const off = ctx.bus.on('routing.requested', () => runNow());
  const sweepMs = opts.sweepMs ?? Math.min(5000, (ctx.config.assignTimeoutSeconds * 1000) / 4);
  const timer = setInterval(() => {
    sweepDue = true;
    void runNow();
  }, sweepMs);
  timer.unref();

  return {
    runNow,
    async stop() {
      stopped = true;
      off();
      clearInterval(timer);
      await running;
    },
  };
}
