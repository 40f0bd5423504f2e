import { describe, expect, it } from 'vitest';
import { aMessage } from '../test-fixtures';
import { lastSeq, mergeMessages } from './merge-messages';

describe('mergeMessages', () => {
  it('merges by seq into a sorted list without duplicates', () => {
    const merged = mergeMessages([aMessage(1), aMessage(3)], [aMessage(4), aMessage(2), aMessage(3), aMessage(2)]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(lastSeq(merged)).toBe(4);
  });

  it('returns the same list when nothing new arrived, so nothing re-renders', () => {
    const list = [aMessage(1), aMessage(2)];
    expect(mergeMessages(list, [aMessage(2)])).toBe(list);
    expect(mergeMessages(list, [])).toBe(list);
  });

  it('has last seq 0 for an empty conversation', () => {
    expect(lastSeq([])).toBe(0);
  });
});
