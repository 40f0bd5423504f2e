import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalesced } from './coalesce';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('coalesced', () => {
  it('runs the first request at once and a burst of later ones once at the end of the window', async () => {
    const runs: number[] = [];
    const c = coalesced(500, async () => {
      runs.push(Date.now());
    });
    const t0 = Date.now();
    c.request();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toEqual([t0]);
    for (let i = 0; i < 100; i++) {
      c.request();
      await vi.advanceTimersByTimeAsync(3);
    }
    await vi.advanceTimersByTimeAsync(500);
    // 100 requests over 300 ms: one run at 500 ms, nothing more (no request after it).
    expect(runs.map((r) => r - t0)).toEqual([0, 500]);
    await vi.advanceTimersByTimeAsync(5000);
    expect(runs).toHaveLength(2);
    c.stop();
  });

  it('never runs twice at once, and runs again after a slow run that was asked for meanwhile', async () => {
    let active = 0;
    let most = 0;
    let runs = 0;
    const c = coalesced(100, async () => {
      active++;
      most = Math.max(most, active);
      runs++;
      await new Promise((r) => setTimeout(r, 1000));
      active--;
    });
    c.request();
    await vi.advanceTimersByTimeAsync(200);
    c.request();
    c.request();
    await vi.advanceTimersByTimeAsync(3000);
    expect(most).toBe(1);
    expect(runs).toBe(2);
    c.stop();
  });

  it('stops: a request after stop() runs nothing', async () => {
    const run = vi.fn(async () => {});
    const c = coalesced(100, run);
    c.stop();
    c.request();
    await vi.advanceTimersByTimeAsync(1000);
    expect(run).not.toHaveBeenCalled();
  });
});
