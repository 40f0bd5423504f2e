import type { TCannedReply } from '@kefu/shared';

/** The `/shortcut` being typed just before the caret, with where it starts; null when none. */
export function shortcutAtCaret(text: string, caret: number): { query: string; start: number } | null {
  const m = /(?:^|\s)\/([\p{L}\p{N}_-]*)$/u.exec(text.slice(0, caret));
  if (!m) return null;
  return { query: m[1] ?? '', start: caret - (m[1] ?? '').length - 1 };
}

/** Canned replies whose shortcut starts with the query (then those whose title contains it). */
export function matchCanned(replies: readonly TCannedReply[], query: string, limit = 8): TCannedReply[] {
  const q = query.toLowerCase();
  const starts = replies.filter((r) => r.shortcut.toLowerCase().startsWith(q));
  const rest = q ? replies.filter((r) => !starts.includes(r) && (r.title.toLowerCase().includes(q) || r.shortcut.toLowerCase().includes(q))) : [];
  return [...starts, ...rest].slice(0, limit);
}
