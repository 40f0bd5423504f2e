import { describe, expect, it } from 'vitest';
import { batcher } from './batcher';

type Item = { key: string; v: number };

/** A run that records its batches and answers when told to. */
function recorder() {
  const batches: number[][] = [];
  const open: { resolve(): void }[] = [];
  const run = (batch: Item[]) =>
    new Promise<number[]>((resolve) => {
      batches.push(batch.map((b) => b.v));
      open.push({ resolve: () => resolve(batch.map((b) => b.v * 10)) });
    });
  return { batches, run, finishNext: () => open.shift()?.resolve() };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('group commit', () => {
  it('sends an item alone at once when nothing runs, and what arrives meanwhile as one batch', async () => {
    const r = recorder();
    const add = batcher(r.run, { keyOf: (i: Item) => i.key, maxInFlight: 1, maxBatch: 100 });
    const first = add({ key: 'a', v: 1 });
    await tick();
    expect(r.batches).toEqual([[1]]);
    const later = [add({ key: 'b', v: 2 }), add({ key: 'c', v: 3 }), add({ key: 'd', v: 4 })];
    await tick();
    expect(r.batches).toEqual([[1]]);
    r.finishNext();
    expect(await first).toBe(10);
    await tick();
    await tick();
    expect(r.batches).toEqual([[1], [2, 3, 4]]);
    r.finishNext();
    expect(await Promise.all(later)).toEqual([20, 30, 40]);
  });

  it('on a quiet server sends before the next turn of the event loop, with what the same task handed in', async () => {
    const r = recorder();
    const add = batcher(r.run, { keyOf: (i: Item) => i.key, maxInFlight: 4, maxBatch: 100 });
    const both = [add({ key: 'a', v: 1 }), add({ key: 'b', v: 2 })];
    let turned = false;
    setImmediate(() => (turned = true));
    await null;
    expect({ batches: r.batches, turned }).toEqual({ batches: [[1, 2]], turned: false });
    // While one runs, new items wait for the turn, to gather the other sockets' input.
    const third = add({ key: 'c', v: 3 });
    await null;
    expect(r.batches).toEqual([[1, 2]]);
    await tick();
    expect(r.batches).toEqual([[1, 2], [3]]);
    r.finishNext();
    r.finishNext();
    expect(await Promise.all([...both, third])).toEqual([10, 20, 30]);
  });

  it('never puts one key twice in a batch nor in two running batches, and keeps its order', async () => {
    const r = recorder();
    const add = batcher(r.run, { keyOf: (i: Item) => i.key, maxInFlight: 4, maxBatch: 100 });
    const all = [add({ key: 'a', v: 1 }), add({ key: 'a', v: 2 }), add({ key: 'b', v: 3 }), add({ key: 'a', v: 4 })];
    await tick();
    // Room for more batches, but a's next item waits for the running one.
    expect(r.batches).toEqual([[1, 3]]);
    r.finishNext();
    await tick();
    await tick();
    expect(r.batches).toEqual([[1, 3], [2]]);
    r.finishNext();
    await tick();
    await tick();
    expect(r.batches).toEqual([[1, 3], [2], [4]]);
    r.finishNext();
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40]);
  });

  it('runs at most maxInFlight batches of at most maxBatch items', async () => {
    const r = recorder();
    const add = batcher(r.run, { keyOf: (i: Item) => i.key, maxInFlight: 2, maxBatch: 3 });
    const all = Array.from({ length: 8 }, (_, v) => add({ key: `k${v}`, v }));
    await tick();
    expect(r.batches).toEqual([[0, 1, 2], [3, 4, 5]]);
    r.finishNext();
    await tick();
    await tick();
    expect(r.batches).toEqual([[0, 1, 2], [3, 4, 5], [6, 7]]);
    r.finishNext();
    r.finishNext();
    expect(await Promise.all(all)).toEqual([0, 10, 20, 30, 40, 50, 60, 70]);
  });

  it('gives a failed batch\'s error to its own items only', async () => {
    let calls = 0;
    const add = batcher(
      async (batch: Item[]) => {
        calls++;
        if (batch.some((b) => b.v === 2)) throw new Error('boom');
        return batch.map((b) => b.v);
      },
      { keyOf: (i) => i.key, maxInFlight: 1, maxBatch: 1 },
    );
    const [a, b, c] = [add({ key: 'a', v: 1 }), add({ key: 'b', v: 2 }), add({ key: 'c', v: 3 })];
    expect(await a).toBe(1);
    await expect(b).rejects.toThrow('boom');
    expect(await c).toBe(3);
    expect(calls).toBe(3);
  });
});
