import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { boot, type TKefuApi } from './boot';

const SERVER = 'https://kefu.example.com';

function embed(attrs: Record<string, string> = {}) {
  const script = document.createElement('script');
  script.setAttribute('src', `${SERVER}/widget.js`);
  script.dataset.site = 'SITE_KEY';
  for (const [k, v] of Object.entries(attrs)) script.setAttribute(k, v);
  document.head.appendChild(script);
}

const shadow = () => (document.querySelector('kefu-widget') as HTMLElement).shadowRoot as ShadowRoot;
const launcher = () => shadow().querySelector('button') as HTMLButtonElement;
const iframe = () => shadow().querySelector('iframe');

// jsdom gives no browsing context to an iframe inside a shadow root: lend it one of a light-DOM iframe.
function click() {
  launcher().click();
  const frame = iframe() as HTMLIFrameElement;
  if (frame.contentWindow) return;
  const stand = document.createElement('iframe');
  document.body.appendChild(stand);
  const win = stand.contentWindow;
  Object.defineProperty(frame, 'contentWindow', { get: () => win });
}
const badge = () => shadow().querySelector('span') as HTMLSpanElement;

function fromFrame(data: unknown, origin = SERVER) {
  window.dispatchEvent(new MessageEvent('message', { data, origin, source: iframe()?.contentWindow ?? null }));
}

describe('the loader', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    document.head.innerHTML = '';
    document.body.innerHTML = '';
    delete (window as { Kefu?: unknown }).Kefu;
    localStorage.clear();
  });

  it('draws a launcher named "Open chat" in the page language', () => {
    embed();
    boot(window, document);
    expect(launcher().getAttribute('aria-label')).toBe('Open chat');
    expect(iframe()).toBeNull();
  });

  it('names the launcher in Chinese with data-locale="zh-CN"', () => {
    embed({ 'data-locale': 'zh-CN' });
    boot(window, document);
    expect(launcher().getAttribute('aria-label')).toBe('打开客服');
  });

  it('creates the iframe with the server origin, site key and locale when the launcher is clicked', () => {
    embed({ 'data-locale': 'zh-CN' });
    boot(window, document);
    click();
    const frame = iframe() as HTMLIFrameElement;
    expect(frame.src).toBe(`${SERVER}/widget/frame.html?site=SITE_KEY&locale=zh-CN`);
    expect(frame.title).toBe('Kefu chat');
    expect(launcher().getAttribute('aria-expanded')).toBe('true');
  });

  it('replays calls queued before the script loaded', () => {
    const opened = vi.fn();
    (window as { Kefu?: unknown }).Kefu = { q: [['on', 'open', opened], ['open']] };
    embed();
    const api = boot(window, document) as TKefuApi;
    expect((window as { Kefu?: unknown }).Kefu).toBe(api);
    expect(iframe()).not.toBeNull();
    expect(opened).toHaveBeenCalledTimes(1);
  });

  it('shows the unread count the iframe reports from the server origin', () => {
    embed();
    boot(window, document);
    click();
    fromFrame({ kefu: 'unread', count: 3 });
    expect(badge().hidden).toBe(false);
    expect(badge().textContent).toBe('3');
  });

  it('ignores messages from any other origin', () => {
    embed();
    const api = boot(window, document) as TKefuApi;
    const closed = vi.fn();
    api.on('close', closed);
    click();
    fromFrame({ kefu: 'unread', count: 5 }, 'https://evil.example');
    window.dispatchEvent(new MessageEvent('message', { data: { kefu: 'unread', count: 6 }, origin: SERVER, source: window }));
    fromFrame({ kefu: 'close' }, 'https://evil.example');
    expect(badge().hidden).toBe(true);
    expect(closed).not.toHaveBeenCalled();
    expect(launcher().getAttribute('aria-expanded')).toBe('true');
  });

  it('ignores malformed messages from the right origin', () => {
    embed();
    boot(window, document);
    click();
    fromFrame({ kefu: 'unread', count: 'lots' });
    fromFrame('close');
    expect(badge().hidden).toBe(true);
  });

  it('closes on Escape and on the iframe asking, and gives focus back to the launcher', () => {
    embed();
    const api = boot(window, document) as TKefuApi;
    const closed = vi.fn();
    api.on('close', closed);
    click();
    launcher().focus();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(launcher().getAttribute('aria-expanded')).toBe('false');
    expect(shadow().activeElement).toBe(launcher());
    api.open();
    fromFrame({ kefu: 'close' });
    expect(closed).toHaveBeenCalledTimes(2);
  });

  it('posts to the iframe only at the server origin, after it is ready', () => {
    embed();
    const api = boot(window, document) as TKefuApi;
    api.identify({ email: 'amy@example.com' });
    click();
    const post = vi.spyOn(iframe()?.contentWindow as Window, 'postMessage');
    expect(post).not.toHaveBeenCalled();
    fromFrame({ kefu: 'ready' });
    expect(post).toHaveBeenCalledWith({ kefu: 'identify', data: { email: 'amy@example.com' } }, SERVER);
    expect(post).toHaveBeenCalledWith({ kefu: 'open' }, SERVER);
  });

  it('forwards a signed identify queued before the loader ran, hash included, to the iframe once ready', () => {
    embed();
    const identity = { id: 'user-42', name: 'Wang', hash: 'ab'.repeat(32) };
    (window as unknown as { Kefu: unknown }).Kefu = { q: [['identify', identity]] };
    boot(window, document);
    click();
    const post = vi.spyOn(iframe()?.contentWindow as Window, 'postMessage');
    fromFrame({ kefu: 'ready' });
    expect(post).toHaveBeenCalledWith({ kefu: 'identify', data: identity }, SERVER);
  });

  it('loads the iframe in the background once the page is idle', () => {
    embed();
    boot(window, document);
    vi.runAllTimers();
    expect(iframe()).not.toBeNull();
    expect(launcher().getAttribute('aria-expanded')).toBe('false');
  });

  it('Kefu.reset before the frame exists: the frame is made to reset at load, and the request is kept until it says it did', () => {
    embed();
    const api = boot(window, document) as TKefuApi;
    const done = vi.fn();
    api.on('reset', done);
    api.identify({ id: 'user-42', hash: 'ab'.repeat(32) });
    api.reset();
    expect(localStorage.getItem('kefu:reset:SITE_KEY')).toBe('1');
    click();
    expect((iframe() as HTMLIFrameElement).src).toBe(`${SERVER}/widget/frame.html?site=SITE_KEY&reset=1`);
    const post = vi.spyOn(iframe()?.contentWindow as Window, 'postMessage');
    fromFrame({ kefu: 'reset' });
    fromFrame({ kefu: 'ready' });
    // Done at load: not asked again, and the signed-out user's identity is not sent.
    expect(post).not.toHaveBeenCalledWith({ kefu: 'reset' }, SERVER);
    expect(post).not.toHaveBeenCalledWith(expect.objectContaining({ kefu: 'identify' }), SERVER);
    expect(localStorage.getItem('kefu:reset:SITE_KEY')).toBeNull();
    expect(done).toHaveBeenCalledTimes(1);
  });

  it('Kefu.reset with the frame loaded tells it at once; a reset the frame never confirmed (the page navigated) is done by the next page', () => {
    embed();
    const api = boot(window, document) as TKefuApi;
    click();
    const post = vi.spyOn(iframe()?.contentWindow as Window, 'postMessage');
    fromFrame({ kefu: 'ready' });
    api.reset();
    expect(post).toHaveBeenCalledWith({ kefu: 'reset' }, SERVER);
    expect(localStorage.getItem('kefu:reset:SITE_KEY')).toBe('1');

    // The next page load, before the frame confirmed.
    document.head.innerHTML = '';
    document.body.innerHTML = '';
    delete (window as { Kefu?: unknown }).Kefu;
    embed();
    boot(window, document);
    click();
    expect((iframe() as HTMLIFrameElement).src).toContain('reset=1');
    fromFrame({ kefu: 'reset' });
    expect(localStorage.getItem('kefu:reset:SITE_KEY')).toBeNull();
  });

  it('Kefu.reset while the frame is loading: it is told on ready', () => {
    embed();
    const api = boot(window, document) as TKefuApi;
    click();
    const post = vi.spyOn(iframe()?.contentWindow as Window, 'postMessage');
    api.reset();
    expect(post).not.toHaveBeenCalled();
    fromFrame({ kefu: 'ready' });
    expect(post).toHaveBeenCalledWith({ kefu: 'reset' }, SERVER);
  });
});
