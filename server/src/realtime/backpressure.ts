import type { Server } from 'socket.io';
import type { Logger } from '../platform/logger';

/** Bytes a connection may leave unread before the server drops it (it reconnects and resyncs from its seq). */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/**
 * Slow consumers: socket.io does not apply backpressure, so a client that stops reading would make
 * the server buffer everything sent to it. Every second, connections with more than
 * `maxBufferedBytes` waiting are closed; the client's reconnect-and-sync fetches what it missed.
 * @example const stop = guardSlowConsumers(io, log)
 */
export function guardSlowConsumers(io: Server, log: Logger, maxBufferedBytes = MAX_BUFFERED_BYTES, everyMs = 1000): () => void {
  const timer = setInterval(() => {
    for (const conn of Object.values((io.engine as unknown as { clients: Record<string, EngineConn> }).clients)) {
      const ws = conn.transport?.socket;
      // Packets wait in engine.io's writeBuffer while the transport is not writable (a previous send
      // not yet flushed): count their real size, not a guess per packet (a 1 MB sync answer is 1 MB).
      const buffered = (ws?.bufferedAmount ?? 0) + (ws?._socket?.writableLength ?? 0) + conn.writeBuffer.reduce((n, p) => n + packetBytes(p), 0);
      if (buffered > maxBufferedBytes) {
        log.warn('closing a slow consumer', { buffered });
        ws?._socket?.destroy();
        conn.close();
      }
    }
  }, everyMs);
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
