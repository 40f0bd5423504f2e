import type { TLocale } from '@kefu/shared';
import { format } from '@kefu/shared/i18n';
import { portalComplaintsEn, type TPortalComplaintsKey } from '@kefu/shared/i18n/portal.complaints.en';
import { portalComplaintsZhCN } from '@kefu/shared/i18n/portal.complaints.zh-CN';
import { useI18n } from '../i18n/i18n-context';

const CATALOGS: Record<TLocale, { readonly [K in TPortalComplaintsKey]: string }> = { en: portalComplaintsEn, 'zh-CN': portalComplaintsZhCN };

export type TComplaintsText = (key: TPortalComplaintsKey, params?: Record<string, string | number>) => string;

/** The complaints catalog in the portal's active locale. */
export function useComplaintsText(): { c: TComplaintsText; locale: TLocale } {
  const { locale } = useI18n();
  return { locale, c: (key, params) => format(CATALOGS[locale][key], params) };
}
