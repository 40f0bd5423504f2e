import type { TMessage } from '@kefu/shared';

/**
 * Merges messages by their conversation sequence number: the result is sorted by seq with each
 * message once, whatever the order or repetition of arrivals (socket events racing a sync answer).
 */
export function mergeMessages(current: readonly TMessage[], incoming: readonly TMessage[]): TMessage[] {
  const bySeq = new Map<number, TMessage>();
  for (const m of current) bySeq.set(m.seq, m);
  // Internal notes are never meant for the customer; drop one should it ever arrive.
  for (const m of incoming) if (!m.internal) bySeq.set(m.seq, m);
  const seenIds = new Set<string>();
  return [...bySeq.values()]
    .sort((a, b) => a.seq - b.seq)
    .filter((m) => !seenIds.has(m.id) && !!seenIds.add(m.id));
}

/**
 * The highest seq held: what to sync after (`afterSeq`). Gaps are normal for customers, since
 * internal notes take numbers too (docs/protocol.md, "Gap-free order").
 */
export function lastSeq(sorted: readonly TMessage[]): number {
  return sorted[sorted.length - 1]?.seq ?? 0;
}
