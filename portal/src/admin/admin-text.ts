import type { TLocale, TPermission } from '@kefu/shared';
import { format } from '@kefu/shared/i18n';
import { portalAdminEn, type TPortalAdminKey } from '@kefu/shared/i18n/portal.admin.en';
import { portalAdminZhCN } from '@kefu/shared/i18n/portal.admin.zh-CN';
import { useI18n } from '../i18n/i18n-context';

const CATALOGS: Record<TLocale, { readonly [K in TPortalAdminKey]: string }> = { en: portalAdminEn, 'zh-CN': portalAdminZhCN };

export type TAdminText = (key: TPortalAdminKey, params?: Record<string, string | number>) => string;

/** The administration catalog in the portal's active locale. */
export function useAdminText(): { a: TAdminText; locale: TLocale } {
  const { locale } = useI18n();
  return { locale, a: (key, params) => format(CATALOGS[locale][key], params) };
}

export const permissionKey = (p: TPermission) => `perm.${p}` as TPortalAdminKey;
