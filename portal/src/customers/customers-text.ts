import type { TLocale } from '@kefu/shared';
import { format } from '@kefu/shared/i18n';
import { portalCustomersEn, type TPortalCustomersKey } from '@kefu/shared/i18n/portal.customers.en';
import { portalCustomersZhCN } from '@kefu/shared/i18n/portal.customers.zh-CN';
import { useI18n } from '../i18n/i18n-context';

const CATALOGS: Record<TLocale, { readonly [K in TPortalCustomersKey]: string }> = { en: portalCustomersEn, 'zh-CN': portalCustomersZhCN };

export type TCustomersText = (key: TPortalCustomersKey, params?: Record<string, string | number>) => string;

/** The customer profile catalog in the portal's active locale. */
export function useCustomersText(): { u: TCustomersText; locale: TLocale } {
  const { locale } = useI18n();
  return { locale, u: (key, params) => format(CATALOGS[locale][key], params) };
}
