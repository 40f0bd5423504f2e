import { ZHostMessage, type TFrameMessage, type TParsedHostMessage } from './host-messages';

/**
 * The host page's origin as this iframe sees it: ancestorOrigins (Chromium, Safari), else the
 * referrer (Firefox), else our own origin when the app is not framed.
 */
export function detectHostOrigin(win: Window = window): string {
  if (win.parent === win) return win.location.origin;
  const ancestor = win.location.ancestorOrigins?.[0];
  if (ancestor) return ancestor;
  try {
    return new URL(win.document.referrer).origin;
  } catch {
    return win.location.origin;
  }
}

export type THostBridge = {
  post(message: TFrameMessage): void;
  /** Calls `fn` for each valid message from the host page; returns the unsubscribe function. */
  listen(fn: (message: TParsedHostMessage) => void): () => void;
};

/** postMessage to and from the parent page, always to and from its exact origin. */
export function createHostBridge(win: Window, hostOrigin: string): THostBridge {
  const framed = win.parent !== win;
  return {
    post(message) {
      if (framed) win.parent.postMessage(message, hostOrigin);
    },
    listen(fn) {
      const onMessage = (event: MessageEvent) => {
        if (event.source !== win.parent || event.origin !== hostOrigin) return;
        const parsed = ZHostMessage.safeParse(event.data);
        if (parsed.success) fn(parsed.data);
      };
      win.addEventListener('message', onMessage);
      return () => win.removeEventListener('message', onMessage);
    },
  };
}
