import { lazy, Suspense } from 'preact/compat';
import type { TLocale } from '@kefu/shared';

// The help tab and everything it needs load only when a visitor opens it (first-open budget, bench/size.mjs).
const HelpPanel = lazy(() => import('./HelpPanel'));

/** The help tab's content, loaded on first use. */
export function HelpTab({ locale }: { locale: TLocale }) {
  return (
    <Suspense fallback={<p class="kf-notice kf-center">…</p>}>
      <HelpPanel locale={locale} />
    </Suspense>
  );
}
