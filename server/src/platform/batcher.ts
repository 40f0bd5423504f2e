export type BatcherOptions<T> = {
  /** Items with the same key never share a batch nor run in two batches at once (they keep their order). */
  keyOf(item: T): string;
  /** Batches running at the same time (each holds a database connection). */
  maxInFlight: number;
  maxBatch: number;
};

/**
 * Group commit: items handed in while fewer than `maxInFlight` batches run go out together — as soon
 * as the current task ends when nothing runs, else on the next turn of the event loop (after the
 * other sockets' input of this turn); the rest wait and go as one batch when a running one ends. So
 * a quiet server sends each item alone at once, and a busy one sends few large batches instead of
 * many small statements. `run` answers one result per item, in order; if it throws, every item of the
 * batch gets the error.
 * @example const writes = batcher(appendMessages, { keyOf: (m) => m.conversationId, maxInFlight: 4, maxBatch: 100 })
 */
export function batcher<T, R>(run: (batch: T[]) => Promise<R[]>, opts: BatcherOptions<T>): (item: T) => Promise<R> {
  type Waiting = { item: T; key: string; resolve(r: R): void; reject(err: unknown): void };
  let queue: Waiting[] = [];
  const busy = new Set<string>();
  let inFlight = 0;
  let scheduled = false;

  const schedule = () => {
    if (scheduled || inFlight >= opts.maxInFlight || !queue.length) return;
    scheduled = true;
    if (inFlight === 0) queueMicrotask(flush);
    else setImmediate(flush);
  };

  function flush() {
    scheduled = false;
    while (inFlight < opts.maxInFlight && queue.length) {
      const batch: Waiting[] = [];
      const keys = new Set<string>();
      const rest: Waiting[] = [];
      for (const w of queue) {
        if (batch.length < opts.maxBatch && !busy.has(w.key) && !keys.has(w.key)) {
          keys.add(w.key);
          batch.push(w);
        } else rest.push(w);
      }
      // Everything left belongs to keys in flight: it goes when those batches end.
      if (!batch.length) return;
      queue = rest;
      inFlight++;
      for (const k of keys) busy.add(k);
      void run(batch.map((w) => w.item))
        .then(
          (results) => batch.forEach((w, i) => w.resolve(results[i] as R)),
          (err: unknown) => batch.forEach((w) => w.reject(err)),
        )
        .finally(() => {
          inFlight--;
          for (const k of keys) busy.delete(k);
          schedule();
        });
    }
  }

  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, key: opts.keyOf(item), resolve, reject });
      schedule();
    });
}
