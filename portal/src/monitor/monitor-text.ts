import type { TLocale } from '@kefu/shared';
import { format } from '@kefu/shared/i18n';
import { portalMonitorEn, type TPortalMonitorKey } from '@kefu/shared/i18n/portal.monitor.en';
import { portalMonitorZhCN } from '@kefu/shared/i18n/portal.monitor.zh-CN';
import { useI18n } from '../i18n/i18n-context';

const CATALOGS: Record<TLocale, { readonly [K in TPortalMonitorKey]: string }> = { en: portalMonitorEn, 'zh-CN': portalMonitorZhCN };

export type TMonitorText = (key: TPortalMonitorKey, params?: Record<string, string | number>) => string;

/** The live monitor catalog in the portal's active locale. */
export function useMonitorText(): { m: TMonitorText; locale: TLocale } {
  const { locale } = useI18n();
  return { locale, m: (key, params) => format(CATALOGS[locale][key], params) };
}
