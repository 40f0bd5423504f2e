import { lazy, Suspense } from 'preact/compat';
import { complaintTabsEn } from '@kefu/shared/i18n/widget.complaints-tabs.en';
import { complaintTabsZhCN } from '@kefu/shared/i18n/widget.complaints-tabs.zh-CN';
import type { TLocale } from '@kefu/shared';
import './tabs.css';

export type TWidgetTab = 'chat' | 'complaint' | 'mine' | 'help';
const TABS: TWidgetTab[] = ['chat', 'complaint', 'mine', 'help'];

const ComplaintsPanel = lazy(() => import('./ComplaintsPanel'));

/** Chat · Complaint · My complaints · Help: the tab switch at the top of the widget window. */
export function WidgetTabs({ tab, locale, onTab }: { tab: TWidgetTab; locale: TLocale; onTab(tab: TWidgetTab): void }) {
  const t = locale === 'en' ? complaintTabsEn : complaintTabsZhCN;
  return (
    <nav class="kf-tabs" aria-label={t.tabsLabel}>
      {TABS.map((id) => (
        <button key={id} type="button" class="kf-tab" aria-current={tab === id ? 'page' : undefined} onClick={() => onTab(id)}>
          {t[id]}
        </button>
      ))}
    </nav>
  );
}

/** The complaint tabs' content, loaded on first use. */
export function ComplaintsTab({ tab, locale, initialEmail }: { tab: 'complaint' | 'mine'; locale: TLocale; initialEmail: string }) {
  return (
    <Suspense fallback={<p class="kf-notice kf-center">…</p>}>
      <ComplaintsPanel key={tab} view={tab} locale={locale} initialEmail={initialEmail} />
    </Suspense>
  );
}
