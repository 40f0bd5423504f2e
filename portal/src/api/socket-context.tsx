import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import type { AgentServerToClient, TMessage } from '@kefu/shared';
import { connectAgentSocket, type AgentSocket, type TConnectionState } from './agent-socket';
import { Outbox } from '../conversations/outbox';
import { ApiError, SESSION_ENDED_EVENT } from './api-client';
import { api } from './kefu-api';

type TSocketContext = { socket: AgentSocket | null; state: TConnectionState; outbox: Outbox };

const SocketContext = createContext<TSocketContext>({ socket: null, state: 'connecting', outbox: new Outbox() });

/** Holds one agent socket for the signed-in session, its connection state and the message outbox. */
export function SocketProvider(props: { children: ComponentChildren; connect?: () => AgentSocket }) {
  const [socket, setSocket] = useState<AgentSocket | null>(null);
  const [state, setState] = useState<TConnectionState>('connecting');
  const outbox = useRef(new Outbox()).current;

  useEffect(() => {
    const s = (props.connect ?? connectAgentSocket)();
    let everConnected = false;
    s.on('connect', () => {
      everConnected = true;
      setState('connected');
      // Unacknowledged messages go again with the same clientId; the server dedupes.
      outbox.resendAll(s);
    });
    s.on('disconnect', () => setState(everConnected ? 'reconnecting' : 'connecting'));
    s.on('connect_error', () => {
      setState(everConnected ? 'reconnecting' : 'connecting');
      // Refused by the server's handshake (socket.io stops retrying): either the session is gone,
      // which /api/me reveals, or it was transient and we try again.
      if (!s.active) {
        api.me().then(
          () => setTimeout(() => s.connect(), 3000),
          (err) => {
            if (err instanceof ApiError && err.code === 'unauthenticated') window.dispatchEvent(new Event(SESSION_ENDED_EVENT));
            else setTimeout(() => s.connect(), 3000);
          },
        );
      }
    });
    setSocket(s);
    return () => {
      s.disconnect();
    };
  }, []);

  return <SocketContext.Provider value={{ socket, state, outbox }}>{props.children}</SocketContext.Provider>;
}

export function useSocket(): TSocketContext {
  return useContext(SocketContext);
}

/** Subscribes to one server event for the lifetime of the component (latest handler wins). */
export function useSocketEvent<E extends keyof AgentServerToClient>(event: E, handler: AgentServerToClient[E]) {
  const { socket } = useSocket();
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!socket) return;
    const listener = ((...args: unknown[]) => (ref.current as (...a: unknown[]) => void)(...args)) as never;
    socket.on(event, listener);
    return () => {
      socket.off(event, listener);
    };
  }, [socket, event]);
}

/**
 * Every message this session learns of: from others (`message:new`) and its own, from their acks
 * (the sending socket gets no echo). Inboxes and the open conversation derive their summaries from
 * it with `conversationWithMessage`: the server sends viewers no `conversation:updated` for a plain
 * message (docs/protocol.md).
 */
export function useMessageFeed(handler: (m: TMessage) => void) {
  const { socket, outbox } = useSocket();
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    const listener = (m: TMessage) => ref.current(m);
    socket?.on('message:new', listener);
    const offAcked = outbox.onAcked(listener);
    return () => {
      socket?.off('message:new', listener);
      offAcked();
    };
  }, [socket, outbox]);
}
