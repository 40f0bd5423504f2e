/** The launcher button and the (lazy) iframe panel, drawn inside a shadow root so host CSS cannot reach them. */
export type TLauncherView = {
  host: HTMLElement;
  button: HTMLButtonElement;
  panel: HTMLDivElement;
  setLabel(label: string): void;
  setBadge(count: number): void;
  setOpen(open: boolean): void;
  /** The site's colour and launcher side (Settings → Sites); anything but a #rrggbb colour is ignored. */
  setAppearance(color: unknown, position: unknown): void;
};

const CSS = `:host{all:initial}
button{position:fixed;right:20px;bottom:20px;z-index:2147483000;width:56px;height:56px;border:0;border-radius:50%;background:#1f6feb;color:#fff;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);display:flex;align-items:center;justify-content:center;padding:0}
button:focus-visible{outline:3px solid #fff;box-shadow:0 0 0 6px #1f6feb}
span{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 5px;box-sizing:border-box;border-radius:10px;background:#d1242f;color:#fff;font:600 12px/20px system-ui,sans-serif}
div{position:fixed;right:20px;bottom:88px;z-index:2147483001;width:380px;height:600px;max-height:calc(100vh - 108px);border-radius:12px;overflow:hidden;box-shadow:0 8px 30px rgba(0,0,0,.3);background:#fff}
iframe{border:0;width:100%;height:100%;display:block}
[hidden]{display:none!important}
@media (max-width:479px){div{inset:0;width:100%;height:100%;max-height:none;border-radius:0}}`;

const ICON =
  '<svg width="28" height="28" viewBox="0 0 24 24" aria-hidden="true" fill="currentColor"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg>';

/** Draws the launcher into `doc.body` and returns handles to its parts. */
export function drawLauncher(doc: Document, label: string): TLauncherView {
  const host = doc.createElement('kefu-widget');
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = `<style>${CSS}</style><button type="button" aria-expanded="false">${ICON}<span hidden></span></button><div hidden></div>`;
  const button = root.querySelector('button') as HTMLButtonElement;
  const badge = root.querySelector('span') as HTMLSpanElement;
  const panel = root.querySelector('div') as HTMLDivElement;
  const theme = doc.createElement('style');
  root.appendChild(theme);
  doc.body.appendChild(host);
  const view: TLauncherView = {
    host,
    button,
    panel,
    setLabel: (l) => button.setAttribute('aria-label', l),
    setBadge(count) {
      badge.textContent = count > 99 ? '99+' : String(count);
      badge.hidden = count === 0;
    },
    setOpen(open) {
      panel.hidden = !open;
      button.setAttribute('aria-expanded', String(open));
    },
    setAppearance(color, position) {
      const c = typeof color === 'string' && /^#[0-9a-fA-F]{6}$/.test(color) ? color : null;
      theme.textContent =
        (c ? `button{background:${c}}button:focus-visible{box-shadow:0 0 0 6px ${c}}` : '') +
        (position === 'left' ? 'button{right:auto;left:20px}@media (min-width:480px){div{right:auto;left:20px}}' : '');
    },
  };
  view.setLabel(label);
  return view;
}
