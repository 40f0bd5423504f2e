import { describe, expect, it } from 'vitest';
import { lastSeq, mergeMessages } from './merge-messages';
import { testMessage } from '../transport/customer-connection.fake';

const m = (seq: number) => testMessage({ seq });

describe('mergeMessages', () => {
  it('keeps each message once when the same message arrives twice', () => {
    const merged = mergeMessages([m(1), m(2)], [m(2), m(3), m(3)]);
    expect(merged.map((x) => x.seq)).toEqual([1, 2, 3]);
  });

  it('sorts out-of-order arrivals by seq', () => {
    const merged = mergeMessages([m(4)], [m(2), m(1), m(3)]);
    expect(merged.map((x) => x.seq)).toEqual([1, 2, 3, 4]);
  });

  it('drops internal notes', () => {
    expect(mergeMessages([], [testMessage({ seq: 1, internal: true })])).toEqual([]);
  });

  it('syncs after the highest seq held, gaps (internal notes) included', () => {
    expect(lastSeq([m(1), m(2), m(4)])).toBe(4);
    expect(lastSeq([])).toBe(0);
  });
});
