import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { TLocale } from '@kefu/shared';
import type { TWidgetCatalog } from '@kefu/shared/i18n/widget.en';

export type { TWidgetCatalog };

// Each catalog is its own chunk: only the active locale is downloaded.
const loaders: Record<TLocale, () => Promise<TWidgetCatalog>> = {
  en: () => import('@kefu/shared/i18n/widget.en').then((m) => m.widgetEn),
  'zh-CN': () => import('@kefu/shared/i18n/widget.zh-CN').then((m) => m.widgetZhCN),
};
const loaded: Partial<Record<TLocale, TWidgetCatalog>> = {};

/** Loads the catalog of `locale`; keeps showing the previous one while the next loads. */
export function useCatalog(locale: TLocale): TWidgetCatalog | null {
  const [catalog, setCatalog] = useState<TWidgetCatalog | null>(loaded[locale] ?? null);
  useEffect(() => {
    let current = true;
    const cached = loaded[locale];
    if (cached) setCatalog(cached);
    else
      void loaders[locale]().then((c) => {
        loaded[locale] = c;
        if (current) setCatalog(c);
      });
    return () => {
      current = false;
    };
  }, [locale]);
  return catalog;
}

export const TextContext = createContext<{ t: TWidgetCatalog; locale: TLocale } | null>(null);

/** The active catalog and locale, for components below the app root. */
export function useText(): { t: TWidgetCatalog; locale: TLocale } {
  const value = useContext(TextContext);
  if (!value) throw new Error('useText outside TextContext');
  return value;
}
