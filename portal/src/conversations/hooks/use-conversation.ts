import { useEffect, useRef, useState } from 'preact/hooks';
import { conversationWithMessage, SYNC_PAGE_SIZE, type TConversation, type TConversationEvent, type TMessage, type TMessageAttachment } from '@kefu/shared';
import { useMessageFeed, useSocket, useSocketEvent } from '../../api/socket-context';
import { lastSeq, mergeMessages } from '../merge-messages';
import type { TOutgoing } from '../outbox';

export type TConversationState = {
  conversation: TConversation | null;
  messages: TMessage[];
  events: TConversationEvent[];
  pending: TOutgoing[];
  customerTyping: boolean;
  error: { code: string; message: string } | null;
};

const TYPING_TTL_MS = 6000;

function mergeEvents(current: TConversationEvent[], incoming: readonly TConversationEvent[]): TConversationEvent[] {
  const ids = new Set(current.map((e) => e.id));
  const fresh = incoming.filter((e) => !ids.has(e.id));
  if (!fresh.length) return current;
  return [...current, ...fresh].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/**
 * One open conversation over the agent socket: `conversation:sync` from seq 0 on open and from the
 * last seq held after every reconnect; live messages, events, typing; this conversation's outbox.
 */
export function useConversation(conversationId: string) {
  const { socket, outbox } = useSocket();
  const [state, setState] = useState<TConversationState>(() => empty(outbox.list(conversationId)));
  const seq = useRef(0);
  const typingTimer = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => {
    seq.current = 0;
    setState(empty(outbox.list(conversationId)));
    if (!socket) return;
    const sync = () => {
      socket.emit('conversation:sync', { conversationId, afterSeq: seq.current }, (ack) => {
        if (!ack.ok) {
          setState((s) => ({ ...s, error: { code: ack.code, message: ack.message } }));
          return;
        }
        setState((s) => {
          const messages = mergeMessages(s.messages, ack.messages);
          seq.current = lastSeq(messages);
          return { ...s, conversation: ack.conversation, messages, events: mergeEvents(s.events, ack.events), error: null };
        });
        // A full page means there is more: continue from the last seq of this one.
        const last = ack.messages.at(-1);
        if (ack.messages.length >= SYNC_PAGE_SIZE && last) {
          seq.current = Math.max(seq.current, last.seq);
          sync();
        }
      });
    };
    if (socket.connected) sync();
    socket.on('connect', sync);
    const offOutbox = outbox.subscribe(() => setState((s) => ({ ...s, pending: outbox.list(conversationId) })));
    const offAcked = outbox.onAcked((m) => {
      if (m.conversationId === conversationId) addMessages([m]);
    });
    return () => {
      socket.off('connect', sync);
      offOutbox();
      offAcked();
      if (socket.connected) socket.emit('conversation:leave', { conversationId });
    };
  }, [socket, conversationId]);

  function addMessages(incoming: TMessage[]) {
    setState((s) => {
      const messages = mergeMessages(s.messages, incoming);
      seq.current = lastSeq(messages);
      return messages === s.messages ? s : { ...s, messages };
    });
  }

  useSocketEvent('message:new', (m) => {
    if (m.conversationId !== conversationId) return;
    if (m.author === 'customer') setState((s) => ({ ...s, customerTyping: false }));
    // A gap means we missed something (e.g. joined mid-flight): ask for it rather than show holes.
    if (m.seq > seq.current + 1 && seq.current > 0 && socket) {
      socket.emit('conversation:sync', { conversationId, afterSeq: seq.current }, (ack) => {
        if (ack.ok) addMessages(ack.messages);
      });
    }
    addMessages([m]);
  });
  useSocketEvent('conversation:updated', (c) => {
    if (c.id === conversationId) setState((s) => ({ ...s, conversation: c }));
  });
  // Viewers get no `conversation:updated` for a plain message: its sequence and preview follow from it.
  useMessageFeed((m) => {
    if (m.conversationId !== conversationId) return;
    setState((s) => {
      const c = s.conversation && conversationWithMessage(s.conversation, m);
      return c && c !== s.conversation ? { ...s, conversation: c } : s;
    });
  });
  useSocketEvent('conversation:event', (e) => {
    if (e.conversationId === conversationId) setState((s) => ({ ...s, events: mergeEvents(s.events, [e]) }));
  });
  useSocketEvent('typing', (p) => {
    if (p.conversationId !== conversationId) return;
    clearTimeout(typingTimer.current);
    setState((s) => ({ ...s, customerTyping: p.typing }));
    if (p.typing) typingTimer.current = setTimeout(() => setState((s) => ({ ...s, customerTyping: false })), TYPING_TTL_MS);
  });
  useEffect(() => () => clearTimeout(typingTimer.current), []);

  return {
    ...state,
    /** Replaces the conversation after a REST action answered with its new state. */
    setConversation: (c: TConversation) => setState((s) => ({ ...s, conversation: c })),
    send: (draft: { clientId: string; text: string; internal: boolean; attachments?: TMessageAttachment[] }) => outbox.send(socket, { conversationId, ...draft }),
    retry: (clientId: string) => outbox.retry(socket, clientId),
    discard: (clientId: string) => outbox.discard(clientId),
    typing: (typing: boolean) => socket?.connected && socket.emit('typing', { conversationId, typing }),
  };
}

function empty(pending: TOutgoing[]): TConversationState {
  return { conversation: null, messages: [], events: [], pending, customerTyping: false, error: null };
}
