import type { Generated, Selectable } from 'kysely';
import type { TLocale } from '@kefu/shared';

/** A help article (知识库). `site_id` null: shown on every site (docs/knowledge.md). */
export interface ArticlesTable {
  id: Generated<string>;
  site_id: string | null;
  title: string;
  /** Markdown source; rendered with HTML disabled when read. */
  body: string;
  category: string;
  locale: TLocale;
  published: boolean;
  author_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export type ArticleRow = Selectable<ArticlesTable>;
