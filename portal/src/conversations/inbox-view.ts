import { PRIORITIES, type TConversation, type TInboxView, type TUser } from '@kefu/shared';

/** Whether a conversation belongs in an inbox view (mirrors the server's filters). */
export function belongsToView(c: TConversation, view: TInboxView, user: Pick<TUser, 'id' | 'teamIds'>): boolean {
  switch (view) {
    case 'mine':
      return c.status === 'active' && c.assigneeId === user.id;
    case 'queue':
      return c.status === 'queued';
    case 'all':
      return true;
  }
}

const rank = (c: TConversation) => PRIORITIES.indexOf(c.priority);
const activity = (c: TConversation) => c.lastMessageAt ?? c.createdAt;

/** Queue: by position (server), then priority and time queued; other views: newest activity first. */
export function compareForView(view: TInboxView): (a: TConversation, b: TConversation) => number {
  if (view === 'queue') {
    return (a, b) =>
      rank(a) - rank(b) || (a.queuedAt ?? a.createdAt).localeCompare(b.queuedAt ?? b.createdAt);
  }
  return (a, b) => activity(b).localeCompare(activity(a));
}

/** Applies one `conversation:updated` to a view's list: replace, insert or drop it. */
export function applyUpdate(
  list: readonly TConversation[],
  c: TConversation,
  view: TInboxView,
  user: Pick<TUser, 'id' | 'teamIds'>,
): TConversation[] {
  const rest = list.filter((x) => x.id !== c.id);
  if (!belongsToView(c, view, user)) return rest;
  return [...rest, c].sort(compareForView(view));
}
