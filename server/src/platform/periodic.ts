import type { Ctx } from './context';

/**
 * Runs `sweep` now and then every `intervalMs` (unref'd: it never keeps the process alive), one run
 * at a time; logs what a run reports when `report` says it did something, and a failure as a
 * warning (the next run tries again). The returned stop waits for a run in progress.
 * @example const stop = startPeriodic(ctx, 'retention sweep', () => sweepRetention(ctx), (r) => r.customers > 0)
 */
export function startPeriodic<R extends object>(
  ctx: Ctx,
  name: string,
  sweep: () => Promise<R>,
  report: (r: R) => boolean,
  intervalMs = 3_600_000,
): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const run = () => {
    running ??= sweep()
      .then((r) => {
        if (report(r)) ctx.log.info(`${name} done`, r);
      })
      .catch((err: unknown) => ctx.log.warn(`${name} failed`, { err: String(err) }))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  void run();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
