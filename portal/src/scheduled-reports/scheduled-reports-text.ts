import type { TLocale } from '@kefu/shared';
import { format } from '@kefu/shared/i18n';
import { portalScheduledReportsEn, type TPortalScheduledReportsKey } from '@kefu/shared/i18n/portal.scheduled-reports.en';
import { portalScheduledReportsZhCN } from '@kefu/shared/i18n/portal.scheduled-reports.zh-CN';
import { useI18n } from '../i18n/i18n-context';

const CATALOGS: Record<TLocale, { readonly [K in TPortalScheduledReportsKey]: string }> = { en: portalScheduledReportsEn, 'zh-CN': portalScheduledReportsZhCN };

/** The scheduled reports catalog in the portal's active locale. */
export function useScheduledReportsText(): { s: (key: TPortalScheduledReportsKey, params?: Record<string, string | number>) => string; locale: TLocale } {
  const { locale } = useI18n();
  return { locale, s: (key, params) => format(CATALOGS[locale][key], params) };
}
