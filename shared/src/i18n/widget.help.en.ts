/** The widget's help tab (知识库), loaded with the tab. */
export const helpEn = {
  searchLabel: 'Search help articles',
  searchPlaceholder: 'Search, e.g. refund',
  loading: 'Loading…',
  empty: 'No articles yet.',
  noResults: 'No article matches “{q}”. Try other words, or ask us in the chat.',
  error: 'Help articles could not be loaded ({reason}).',
  retry: 'Try again',
  back: 'Back to articles',
  openPage: 'Open in a new tab',
  updated: 'Updated {date}',
  results: 'Articles',
} as const;

export type THelpCatalog = Record<keyof typeof helpEn, string>;
