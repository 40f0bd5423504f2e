import type { TLocale } from '../common';

export type TCatalog = Record<string, string>;

/**
 * Fills `{name}` placeholders of a catalog string.
 * @example format('Position {n} in queue', { n: 3 }) // 'Position 3 in queue'
 */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

/** Picks zh-CN or en from a list of browser languages (navigator.languages); en when nothing matches. */
export function pickLocale(languages: readonly string[], fallback: TLocale = 'en'): TLocale {
  for (const lang of languages) {
    const l = lang.toLowerCase();
    if (l.startsWith('zh')) return 'zh-CN';
    if (l.startsWith('en')) return 'en';
  }
  return fallback;
}
