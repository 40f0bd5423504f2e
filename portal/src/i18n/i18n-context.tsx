import { createContext, type ComponentChildren } from 'preact';
import { useContext, useMemo } from 'preact/hooks';
import type { TLocale } from '@kefu/shared';
import { format } from '@kefu/shared/i18n';
import { portalEn, type TPortalKey } from '@kefu/shared/i18n/portal.en';
import { portalZhCN } from '@kefu/shared/i18n/portal.zh-CN';
import { ApiError } from '../api/api-client';

const CATALOGS: Record<TLocale, { readonly [K in TPortalKey]: string }> = { en: portalEn, 'zh-CN': portalZhCN };

export type TTranslate = (key: TPortalKey, params?: Record<string, string | number>) => string;
type TI18n = { locale: TLocale; t: TTranslate };

function makeI18n(locale: TLocale): TI18n {
  const catalog = CATALOGS[locale];
  return { locale, t: (key, params) => format(catalog[key], params) };
}

const I18nContext = createContext<TI18n>(makeI18n('en'));

export function I18nProvider(props: { locale: TLocale; children: ComponentChildren }) {
  const value = useMemo(() => makeI18n(props.locale), [props.locale]);
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

export function useI18n(): TI18n {
  return useContext(I18nContext);
}

/** A user-facing sentence for any thrown error, localised by its code. */
export function errorText(t: TTranslate, err: unknown): string {
  if (!(err instanceof ApiError)) return t('error.generic', { message: err instanceof Error ? err.message : String(err) });
  switch (err.code) {
    case 'network':
    case 'unauthenticated':
    case 'forbidden':
    case 'not_found':
    case 'rate_limited':
    case 'too_large':
    case 'unavailable':
      return t(`error.${err.code}`);
    case 'conflict':
    case 'invalid_transition':
      return t(`error.${err.code}`, { message: err.message });
    default:
      return t('error.generic', { message: err.message });
  }
}
