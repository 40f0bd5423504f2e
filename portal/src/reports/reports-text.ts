import type { TLocale } from '@kefu/shared';
import { format } from '@kefu/shared/i18n';
import { portalReportsEn, type TPortalReportsKey } from '@kefu/shared/i18n/portal.reports.en';
import { portalReportsZhCN } from '@kefu/shared/i18n/portal.reports.zh-CN';
import { useI18n } from '../i18n/i18n-context';

const CATALOGS: Record<TLocale, { readonly [K in TPortalReportsKey]: string }> = { en: portalReportsEn, 'zh-CN': portalReportsZhCN };

export type TReportsText = (key: TPortalReportsKey, params?: Record<string, string | number>) => string;

/** The reports catalog in the portal's active locale. */
export function useReportsText(): { r: TReportsText; locale: TLocale } {
  const { locale } = useI18n();
  return { locale, r: (key, params) => format(CATALOGS[locale][key], params) };
}
