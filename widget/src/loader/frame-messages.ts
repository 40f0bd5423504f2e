/** Messages the widget iframe posts to the host page (checked by hand to keep the loader tiny). */
export type TFrameMessage =
  | { kefu: 'ready' }
  | { kefu: 'close' }
  /** Kefu.reset is done: the visitor is forgotten in the frame's storage. */
  | { kefu: 'reset' }
  | { kefu: 'unread'; count: number }
  | { kefu: 'event'; name: string; data?: unknown };

/** Messages the host page posts to the widget iframe. */
export type THostMessage =
  | { kefu: 'open' }
  | { kefu: 'close' }
  | { kefu: 'locale'; locale: string }
  | { kefu: 'identify'; data: Record<string, unknown> }
  | { kefu: 'reset' };

/** Returns the message when `data` has the shape of a frame message, else null. */
export function readFrameMessage(data: unknown): TFrameMessage | null {
  if (!data || typeof data !== 'object') return null;
  const m = data as Record<string, unknown>;
  switch (m.kefu) {
    case 'ready':
    case 'close':
    case 'reset':
      return m as TFrameMessage;
    case 'unread':
      return typeof m.count === 'number' && m.count >= 0 ? (m as TFrameMessage) : null;
    case 'event':
      return typeof m.name === 'string' && m.name.length <= 40 ? (m as TFrameMessage) : null;
    default:
      return null;
  }
}
