import { useEffect, useState } from 'preact/hooks';
import type { ComponentType } from 'preact';
import { useReportsText } from './reports-text';

type TScreen = ComponentType<{ route: string[] }>;
let loaded: TScreen | null = null;

/** The reports screen in its own chunk (uPlot and the tables stay out of the portal's first load). */
export function LazyReportsScreen(props: { route: string[] }) {
  const { r } = useReportsText();
  const [Screen, setScreen] = useState<TScreen | null>(() => loaded);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (Screen) return;
    import('./reports-screen').then(
      (m) => setScreen(() => (loaded = m.ReportsScreen)),
      () => setFailed(true),
    );
  }, []);
  if (failed) return <p class="form-error" role="alert">{r('r.loadFailed')}</p>;
  return Screen ? <Screen route={props.route} /> : <p class="app-loading" role="status">{r('r.loading')}</p>;
}
