import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A component whose code is fetched the first time it renders (nothing is shown until then): keeps
 * rarely used parts (chat files, the survey card) out of the widget's first-open chunk.
 * @example const Card = lazyComponent(() => import('./Card').then((m) => m.Card));
 */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<unknown> | undefined;
  return function Lazy(props: P) {
    const [, setReady] = useState(!!loaded);
    useEffect(() => {
      if (!loaded) void (loading ??= load().then((c) => (loaded = c))).then(() => setReady(true));
    }, []);
    const C = loaded;
    return C ? <C {...props} /> : null;
  };
}
