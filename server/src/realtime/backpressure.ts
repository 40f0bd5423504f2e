import type { Server } from 'socket.io';
import type { Logger } from '../platform/logger';

/** Bytes a connection may leave unread before the server drops it (it reconnects and resyncs from its seq). */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/**
 * Slow consumers: socket.io does not apply backpressure, so a client that stops reading would make
 * the server buffer everything sent to it. Every connection is looked at once a second, and one with
 * more than `maxBufferedBytes` waiting is closed; the client's reconnect-and-sync fetches what it
 * missed. The connections are looked at a tenth at a time, every tenth of a second: going through
 * 5,000 at once held the event loop for several milliseconds each second (docs/benchmarks.md).
 * @example const stop = guardSlowConsumers(io, log)
 */
export function guardSlowConsumers(io: Server, log: Logger, maxBufferedBytes = MAX_BUFFERED_BYTES, everyMs = 1000): () => void {
  const slices = 10;
  const clients = (io.engine as unknown as { clients: Record<string, EngineConn> }).clients;
  let ids: string[] = [];
  let at = 0;
  const timer = setInterval(() => {
    if (at >= ids.length) {
      ids = Object.keys(clients);
      at = 0;
    }
    const end = Math.min(ids.length, at + Math.ceil(ids.length / slices));
    for (; at < end; at++) {
      const conn = clients[ids[at]!];
      if (!conn) continue; // gone since the pass began
      const ws = conn.transport?.socket;
      // Packets wait in engine.io's writeBuffer while the transport is not writable (a previous send
      // not yet flushed): count their real size, not a guess per packet (a 1 MB sync answer is 1 MB).
      let buffered = (ws?.bufferedAmount ?? 0) + (ws?._socket?.writableLength ?? 0);
      for (const p of conn.writeBuffer) buffered += packetBytes(p);
      if (buffered > maxBufferedBytes) {
        log.warn('closing a slow consumer', { buffered });
        ws?._socket?.destroy();
        conn.close();
      }
    }
  }, everyMs / slices);
  timer.unref();
  return () => clearInterval(timer);
}

function packetBytes(p: { data?: unknown }): number {
  const d = p.data;
  if (typeof d === 'string') return d.length;
  if (d && typeof d === 'object' && 'byteLength' in d) return Number((d as { byteLength: number }).byteLength);
  return 64;
}

type EngineConn = {
  writeBuffer: { data?: unknown }[];
  close(): void;
  transport?: { socket?: { bufferedAmount?: number; _socket?: { writableLength: number; destroy(): void } } };
};
