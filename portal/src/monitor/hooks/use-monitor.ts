import { useEffect, useState } from 'preact/hooks';
import type { TErrorBody, TMonitorSnapshot } from '@kefu/shared';
import { useSocket } from '../../api/socket-context';

export type TMonitorState =
  | { kind: 'connecting' }
  | { kind: 'refused'; error: TErrorBody }
  /** `receivedAt`: client time the snapshot arrived, so waits tick on from the server's `at` without trusting the client clock. */
  | { kind: 'live'; snapshot: TMonitorSnapshot; receivedAt: number };

/**
 * Subscribes to the live monitor on every (re)connect — a reconnected socket has left its rooms —
 * and keeps the newest snapshot (by its `at`), whether from the ack or from a `monitor:snapshot` push.
 */
export function useMonitor(): TMonitorState {
  const { socket } = useSocket();
  const [state, setState] = useState<TMonitorState>({ kind: 'connecting' });

  useEffect(() => {
    if (!socket) return;
    const take = (snapshot: TMonitorSnapshot) =>
      setState((prev) => (prev.kind === 'live' && prev.snapshot.at > snapshot.at ? prev : { kind: 'live', snapshot, receivedAt: Date.now() }));
    const subscribe = () => {
      socket.emit('monitor:subscribe', {}, (ack) => {
        if (ack.ok) take(ack.snapshot);
        else setState({ kind: 'refused', error: ack });
      });
    };
    socket.on('monitor:snapshot', take);
    socket.on('connect', subscribe);
    if (socket.connected) subscribe();
    return () => {
      socket.off('monitor:snapshot', take);
      socket.off('connect', subscribe);
      if (socket.connected) socket.emit('monitor:unsubscribe', {});
    };
  }, [socket]);

  return state;
}

/** The server's "now" for a snapshot received at `receivedAt` (client ms), at client time `clientNow`. */
export function serverNow(snapshot: TMonitorSnapshot, receivedAt: number, clientNow: number): number {
  return Date.parse(snapshot.at) + Math.max(0, clientNow - receivedAt);
}
