/**
 * Runs `run` when requested, at most once per `ms` (the first request at once, later ones at the
 * end of the window) and never twice at the same time; requests during a run cause one more run.
 * `run` handles its own errors (a rejection is dropped).
 * @example const push = coalesced(500, sendSnapshot); bus.on('queue.changed', push.request)
 */
export function coalesced(ms: number, run: () => Promise<void>): { request(): void; stop(): void } {
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let pending = false;
  let stopped = false;
  let last = -Infinity;
  const fire = async () => {
    timer = null;
    pending = false;
    running = true;
    last = Date.now();
    try {
      await run();
    } catch {
      // run logs its own failures
    } finally {
      running = false;
      if (pending) request();
    }
  };
  const request = () => {
    pending = true;
    if (timer || running || stopped) return;
    timer = setTimeout(() => void fire(), Math.max(0, last + ms - Date.now()));
    timer.unref();
  };
  return {
    request,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
