import { render } from 'preact';
import { complaintsEn } from '@kefu/shared/i18n/widget.complaints.en';
import { complaintsZhCN } from '@kefu/shared/i18n/widget.complaints.zh-CN';
import type { TLocale } from '@kefu/shared';
import { TrackingPage } from './TrackingPage';
import { trackingApi } from './tracking-api';
import './tracking.css';

const token = location.pathname.split('/').filter(Boolean).at(-1) ?? '';
const LOCALE_KEY = 'kefu:tracking-locale';
const asLocale = (v: string | null): TLocale | null => (v === 'en' || v === 'zh-CN' ? v : null);
const saved = (() => {
  try {
    return asLocale(localStorage.getItem(LOCALE_KEY));
  } catch {
    return null;
  }
})();
// The reader's explicit choice wins; otherwise the complaint's locale, with the browser's as a hint only when nothing is known.
const initial = asLocale(new URLSearchParams(location.search).get('lang')) ?? saved;

render(
  <TrackingPage
    token={token}
    api={trackingApi}
    catalogs={{ en: complaintsEn, 'zh-CN': complaintsZhCN }}
    initialLocale={initial}
    onLocale={(l) => {
      try {
        localStorage.setItem(LOCALE_KEY, l);
      } catch {
        /* private mode: the choice lasts for this page only */
      }
    }}
  />,
  document.getElementById('app') as HTMLElement,
);
