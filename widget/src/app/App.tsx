import { useStore } from './state/store';
import { activeLocale } from './state/chat-state';
import type { TChatController } from './state/chat-controller';
import { TextContext, useCatalog } from './i18n/catalog';
import { ChatWindow } from './components/ChatWindow';

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

/** The app root: picks the locale's catalog and the site's accent colour. */
export function App({ controller, onClose }: { controller: TChatController; onClose?: () => void }) {
  const state = useStore(controller.store);
  const locale = activeLocale(state);
  const t = useCatalog(locale);
  if (!t) return null;
  const color = state.config?.color;
  const style = color && HEX_COLOR.test(color) ? { '--kf-accent': color } : undefined;
  return (
    <TextContext.Provider value={{ t, locale }}>
      <div class="kf-root" style={style}>
        <ChatWindow key={state.resets} state={state} controller={controller} {...(onClose ? { onClose } : {})} />
      </div>
    </TextContext.Provider>
  );
}
