import { useEffect, useRef, useState } from 'preact/hooks';
import { conversationWithMessage, type TConversation, type TInboxView } from '@kefu/shared';
import { api } from '../../api/kefu-api';
import { useMessageFeed, useSocket, useSocketEvent } from '../../api/socket-context';
import { useSession } from '../../session/session-context';
import { applyUpdate } from '../inbox-view';

/** How soon the "all" view reads itself again after a message to a conversation it does not hold. */
export const ALL_VIEW_REFRESH_MS = 1000;

/**
 * One inbox view: loaded over REST, kept live by `conversation:updated` and by the messages of the
 * conversations this session has open (their previews), reloaded after reconnects.
 */
export function useInbox(view: TInboxView) {
  const { user } = useSession();
  const { socket } = useSocket();
  const [items, setItems] = useState<TConversation[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reloadTimer = useRef<ReturnType<typeof setTimeout>>();
  const refreshTimer = useRef<ReturnType<typeof setTimeout>>();
  const generation = useRef(0);

  function load() {
    const gen = ++generation.current;
    api.conversations(view).then(
      (list) => { if (gen === generation.current) { setItems(list); setError(null); } },
      (err) => { if (gen === generation.current) setError(err); },
    );
  }

  useEffect(() => {
    setItems(null);
    load();
  }, [view]);

  useEffect(() => {
    if (!socket) return;
    const onConnect = () => load();
    socket.on('connect', onConnect);
    return () => { socket.off('connect', onConnect); };
  }, [socket, view]);

  useEffect(() => () => {
    clearTimeout(reloadTimer.current);
    clearTimeout(refreshTimer.current);
  }, []);

  useSocketEvent('conversation:updated', (c) => {
    setItems((list) => {
      if (!list) return list;
      const before = list.find((x) => x.id === c.id);
      // Queue positions of the others move when one enters or leaves the queue: refetch them soon.
      if (view === 'queue' && (before?.status === 'queued') !== (c.status === 'queued')) {
        clearTimeout(reloadTimer.current);
        reloadTimer.current = setTimeout(load, 400);
      }
      return applyUpdate(list, c, view, user);
    });
  });

  // A plain message moves the preview and the order; it never moves a conversation in or out of a
  // view. But "all" holds only the most recently active ones: a message to one it does not hold brings
  // that one to the top, and the message alone is not the whole row — read the view again, at most
  // once a second however many arrive.
  useMessageFeed((m) => {
    const held = items?.some((x) => x.id === m.conversationId);
    if (items && !held && view === 'all' && refreshTimer.current === undefined) {
      refreshTimer.current = setTimeout(() => {
        refreshTimer.current = undefined;
        load();
      }, ALL_VIEW_REFRESH_MS);
    }
    setItems((list) => {
      const before = list?.find((x) => x.id === m.conversationId);
      if (!list || !before) return list;
      const after = conversationWithMessage(before, m);
      return after === before ? list : applyUpdate(list, after, view, user);
    });
  });

  return {
    items,
    error,
    reload: load,
    /** Puts a conversation the server just returned (claim, resolve...) into the list. */
    apply: (c: TConversation) => setItems((list) => (list ? applyUpdate(list, c, view, user) : list)),
  };
}
