import type { TMessage } from '@kefu/shared';

/**
 * Merges incoming messages into a list ordered by seq, one entry per seq (a later copy of the
 * same seq replaces the earlier one). Returns the same array when nothing changed.
 * @example mergeMessages([m1, m3], [m2, m3]) // [m1, m2, m3]
 */
export function mergeMessages(current: readonly TMessage[], incoming: readonly TMessage[]): TMessage[] {
  if (incoming.length === 0) return current as TMessage[];
  const bySeq = new Map<number, TMessage>();
  for (const m of current) bySeq.set(m.seq, m);
  let changed = false;
  for (const m of incoming) {
    const had = bySeq.get(m.seq);
    if (!had || had.id !== m.id || had.text !== m.text) {
      bySeq.set(m.seq, m);
      changed = true;
    }
  }
  if (!changed) return current as TMessage[];
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** Highest seq held, 0 for none: what to ask for after a reconnect. */
export function lastSeq(messages: readonly TMessage[]): number {
  return messages.length ? messages[messages.length - 1]!.seq : 0;
}
