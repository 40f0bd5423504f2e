import { render } from 'preact';
import { App } from './App';
import { createChatController } from './state/chat-controller';
import { createHostBridge, detectHostOrigin } from './host/host-bridge';
import { endSession, startSession } from './transport/session-api';
import { connectSocket } from './transport/socket-connection';
import './styles.css';

const params = new URLSearchParams(location.search);
const siteKey = params.get('site') ?? '';
const localeParam = params.get('locale');
const hostOrigin = detectHostOrigin();
const bridge = createHostBridge(window, hostOrigin);
const framed = window.parent !== window;

const controller = createChatController({
  siteKey,
  hostOrigin,
  hostLocale: localeParam === 'en' || localeParam === 'zh-CN' ? localeParam : null,
  storage: localStorage,
  startSession,
  endSession,
  connect: connectSocket,
  postToHost: bridge.post,
  languages: navigator.languages,
});

const focusComposer = () =>
  requestAnimationFrame(() =>
    document.querySelector<HTMLElement>('#kf-composer-input, #kf-offline-text, .kf-window button')?.focus(),
  );

bridge.listen((message) => {
  switch (message.kefu) {
    case 'open':
      controller.setOpen(true);
      return focusComposer();
    case 'close':
      return controller.setOpen(false);
    case 'locale':
      return controller.setHostLocale(message.locale);
    case 'identify':
      return controller.identify(message.data);
    case 'reset':
      return controller.reset();
  }
});

const close = () => bridge.post({ kefu: 'close' });
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && framed) close();
});

render(<App controller={controller} {...(framed ? { onClose: close } : {})} />, document.getElementById('app') as HTMLElement);

// Kefu.reset before this frame existed (or before a sign-out navigated away): forget the visitor first.
if (params.get('reset') === '1') controller.reset();
if (!framed) controller.setOpen(true);
else if (controller.isReturningVisitor()) void controller.start();
bridge.post({ kefu: 'ready' });
