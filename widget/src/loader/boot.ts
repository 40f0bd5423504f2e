import { readFrameMessage, type THostMessage } from './frame-messages';
import { drawLauncher, type TLauncherView } from './launcher-view';

type TListener = (data?: unknown) => void;
type TQueuedCall = ArrayLike<unknown>;

/** The public `window.Kefu` API. */
export type TKefuApi = {
  open(): void;
  close(): void;
  identify(data: Record<string, unknown>): void;
  /** Forgets this browser's visitor (call it when your user signs out): the next chat starts afresh. */
  reset(): void;
  setLocale(locale: string): void;
  on(event: string, fn: TListener): () => void;
  loaded: true;
};

type TKefuStub = { q?: TQueuedCall[]; loaded?: boolean };
type TKefuWindow = Window & { Kefu?: TKefuApi | TKefuStub };

// The launcher's accessible name is the one string kept outside the catalogs, to keep this script tiny.
const LABELS: Record<string, string> = { en: 'Open chat', 'zh-CN': '打开客服' };
const LOCALES = ['en', 'zh-CN'];

function findScript(doc: Document): HTMLScriptElement | null {
  const current = doc.currentScript as HTMLScriptElement | null;
  if (current?.src) return current;
  return doc.querySelector<HTMLScriptElement>('script[src$="/widget.js"][data-site]') ??
    doc.querySelector<HTMLScriptElement>('script[src$="/widget.js"]');
}

/**
 * Starts the widget on a host page: launcher, call queue replay, lazy iframe.
 * @example boot(window, document) // run once by the loader script
 */
export function boot(win: Window, doc: Document): TKefuApi | null {
  const w = win as TKefuWindow;
  const existing = w.Kefu;
  if (existing?.loaded) return existing as TKefuApi;
  const script = findScript(doc);
  const site = script?.dataset.site;
  if (!script || !site) return null;

  const serverOrigin = new URL(script.src, doc.baseURI).origin;
  let locale = LOCALES.includes(script.dataset.locale ?? '') ? script.dataset.locale : undefined;
  const nav = win.navigator.language || '';
  const labelFor = () => LABELS[locale ?? (/^zh/i.test(nav) ? 'zh-CN' : 'en')] as string;

  const listeners: Record<string, TListener[]> = {};
  const emit = (name: string, data?: unknown) => (listeners[name] ?? []).forEach((fn) => fn(data));
  let view: TLauncherView | null = null;
  let frame: HTMLIFrameElement | null = null;
  let ready = false;
  let isOpen = false;
  let identity: THostMessage | null = null;
  // Kefu.reset until the frame confirms it, kept in the host's storage too: a sign-out that navigates
  // at once may unload the page before the frame has heard, and the next page's frame must then do it.
  const resetKey = `kefu:reset:${site}`;
  const keepReset = (on: boolean) => {
    try {
      if (on) win.localStorage.setItem(resetKey, '1');
      else win.localStorage.removeItem(resetKey);
    } catch {
      /* blocked storage: this page's frame is still told */
    }
  };
  let resetPending = false;
  try {
    resetPending = win.localStorage.getItem(resetKey) === '1';
  } catch {
    /* blocked storage */
  }

  // Before the app says 'ready' nothing is posted: 'ready' replays the current state instead.
  const post = (msg: THostMessage) => {
    if (ready && frame?.contentWindow) frame.contentWindow.postMessage(msg, serverOrigin);
  };

  const ensureView = () => (view ??= drawLauncher(doc, labelFor()));

  const ensureFrame = () => {
    if (frame) return frame;
    const v = ensureView();
    frame = doc.createElement('iframe');
    frame.title = 'Kefu chat';
    frame.setAttribute('allow', 'clipboard-write');
    const params = new URLSearchParams({ site });
    if (locale) params.set('locale', locale);
    if (resetPending) params.set('reset', '1');
    frame.src = `${serverOrigin}/widget/frame.html?${params}`;
    v.panel.appendChild(frame);
    return frame;
  };

  const open = () => {
    const f = ensureFrame();
    if (isOpen) return;
    isOpen = true;
    ensureView().setOpen(true);
    f.focus();
    post({ kefu: 'open' });
    emit('open');
  };

  const close = () => {
    if (!isOpen || !view) return;
    isOpen = false;
    // Give focus back to the launcher only when it was inside the widget (not after an API call from elsewhere).
    const hadFocus = doc.activeElement === view.host;
    view.setOpen(false);
    if (hadFocus) view.button.focus();
    post({ kefu: 'close' });
    emit('close');
  };

  win.addEventListener('message', (event) => {
    if (event.origin !== serverOrigin || !frame?.contentWindow || event.source !== frame.contentWindow) return;
    const msg = readFrameMessage(event.data);
    if (!msg) return;
    switch (msg.kefu) {
      case 'ready':
        ready = true;
        // A reset asked for after this frame was made (one made after it has done it already).
        if (resetPending) post({ kefu: 'reset' });
        if (locale) post({ kefu: 'locale', locale });
        if (identity) post(identity);
        if (isOpen) post({ kefu: 'open' });
        return;
      case 'close':
        return close();
      case 'reset':
        resetPending = false;
        keepReset(false);
        return emit('reset');
      case 'unread':
        ensureView().setBadge(msg.count);
        return emit('unread', msg.count);
      case 'event':
        return emit(msg.name, msg.data);
    }
  });

  doc.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && isOpen) close();
  });

  const api: TKefuApi = {
    loaded: true,
    open,
    close,
    identify(data) {
      identity = { kefu: 'identify', data: { ...data } };
      post(identity);
    },
    reset() {
      identity = null;
      resetPending = true;
      keepReset(true);
      post({ kefu: 'reset' });
    },
    setLocale(next) {
      if (!LOCALES.includes(next)) return;
      locale = next;
      view?.setLabel(labelFor());
      post({ kefu: 'locale', locale: next });
    },
    on(event, fn) {
      (listeners[event] ??= []).push(fn);
      return () => {
        listeners[event] = (listeners[event] ?? []).filter((f) => f !== fn);
      };
    },
  };

  const start = () => {
    ensureView().button.addEventListener('click', () => (isOpen ? close() : open()));
    const queue = (existing as TKefuStub | undefined)?.q ?? [];
    w.Kefu = api;
    for (const call of queue) {
      const [name, ...args] = Array.from(call);
      const fn = api[name as keyof TKefuApi];
      if (typeof fn === 'function') (fn as (...a: unknown[]) => void)(...args);
    }
    // The site's colour and launcher side, read fresh on each page load (so admin changes show on reload).
    try {
      win
        .fetch(`${serverOrigin}/api/widget/config?siteKey=${encodeURIComponent(site)}`, { credentials: 'omit' })
        .then((r) => (r.ok ? r.json() : null))
        .then((b: { config?: { color?: unknown; launcherPosition?: unknown } } | null) => b?.config && ensureView().setAppearance(b.config.color, b.config.launcherPosition))
        .catch(() => undefined);
    } catch {
      /* no fetch: keep the default look */
    }
    // Load the app while the page is idle so the first open is instant and unread badges work.
    if ('requestIdleCallback' in win) win.requestIdleCallback(() => ensureFrame(), { timeout: 5000 });
    else (win as Window).setTimeout(ensureFrame, 2000);
  };
  if (doc.body) start();
  else doc.addEventListener('DOMContentLoaded', start);
  return api;
}
