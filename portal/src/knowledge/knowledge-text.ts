import type { TLocale } from '@kefu/shared';
import { format } from '@kefu/shared/i18n';
import { portalKnowledgeEn, type TPortalKnowledgeKey } from '@kefu/shared/i18n/portal.knowledge.en';
import { portalKnowledgeZhCN } from '@kefu/shared/i18n/portal.knowledge.zh-CN';
import { useI18n } from '../i18n/i18n-context';

const CATALOGS: Record<TLocale, { readonly [K in TPortalKnowledgeKey]: string }> = { en: portalKnowledgeEn, 'zh-CN': portalKnowledgeZhCN };

export type TKnowledgeText = (key: TPortalKnowledgeKey, params?: Record<string, string | number>) => string;

/** The help-articles catalog in the portal's active locale. */
export function useKnowledgeText(): { k: TKnowledgeText; locale: TLocale } {
  const { locale } = useI18n();
  return { locale, k: (key, params) => format(CATALOGS[locale][key], params) };
}
