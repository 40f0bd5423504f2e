import type { TLocale } from '@kefu/shared';
import { format } from '@kefu/shared/i18n';
import { portalQualityEn, type TPortalQualityKey } from '@kefu/shared/i18n/portal.quality.en';
import { portalQualityZhCN } from '@kefu/shared/i18n/portal.quality.zh-CN';
import { useI18n } from '../i18n/i18n-context';

const CATALOGS: Record<TLocale, { readonly [K in TPortalQualityKey]: string }> = { en: portalQualityEn, 'zh-CN': portalQualityZhCN };

export type TQualityText = (key: TPortalQualityKey, params?: Record<string, string | number>) => string;

/** The surveys/follow-ups/quality catalog in the portal's active locale. */
export function useQualityText(): { q: TQualityText; locale: TLocale } {
  const { locale } = useI18n();
  return { locale, q: (key, params) => format(CATALOGS[locale][key], params) };
}
