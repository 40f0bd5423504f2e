import { z } from 'zod';
import { ZId, ZLocale, ZTimestamp } from './common';

/** Longest article body (markdown) a manager may save. */
export const ARTICLE_BODY_MAX = 50_000;
/** Longest search query; longer input is refused, not cut. */
export const ARTICLE_QUERY_MAX = 200;

/** A help article (知识库) as managers edit it. `siteId` null: shown on every site. */
export const ZArticle = z.object({
  id: ZId,
  siteId: ZId.nullable(),
  title: z.string(),
  /** Markdown; rendered by the server with HTML disabled (docs/knowledge.md). */
  body: z.string(),
  category: z.string(),
  locale: ZLocale,
  published: z.boolean(),
  authorId: ZId.nullable(),
  authorName: z.string().nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});
export type TArticle = z.infer<typeof ZArticle>;

const ZArticleFields = z.object({
  siteId: ZId.nullable(),
  title: z.string().trim().min(1).max(200),
  body: z.string().max(ARTICLE_BODY_MAX),
  category: z.string().trim().max(60),
  locale: ZLocale,
  published: z.boolean(),
});

/** A new article: global, uncategorised and a draft unless said otherwise. */
export const ZArticleBody = ZArticleFields.extend({
  siteId: ZId.nullable().default(null),
  category: z.string().trim().max(60).default(''),
  published: z.boolean().default(false),
});
export type TArticleBody = z.input<typeof ZArticleBody>;

/** A change to an article: only the fields sent (no defaults, so a PATCH never resets others). */
export const ZArticlePatch = ZArticleFields.partial();
export type TArticlePatch = z.input<typeof ZArticlePatch>;

const ZQueryText = z.string().trim().max(ARTICLE_QUERY_MAX);

/** Managers' list (drafts included): optional search text and filters. */
export const ZArticleListQuery = z.object({
  q: ZQueryText.optional(),
  locale: ZLocale.optional(),
  siteId: ZId.optional(),
});

/** Agents' search from the composer: published articles shown on the conversation's site. */
export const ZArticleSearchQuery = z.object({
  q: ZQueryText,
  siteId: ZId,
  locale: ZLocale.optional(),
});

/** One search result: a plain-text excerpt, and the public link when the article has one for the site. */
export const ZArticleHit = z.object({
  id: ZId,
  title: z.string(),
  category: z.string(),
  locale: ZLocale,
  published: z.boolean(),
  excerpt: z.string(),
  updatedAt: ZTimestamp,
  url: z.string().nullable(),
});
export type TArticleHit = z.infer<typeof ZArticleHit>;

/** A published article as customers read it: rendered, sanitised HTML. */
export const ZPublicArticle = z.object({
  id: ZId,
  title: z.string(),
  category: z.string(),
  locale: ZLocale,
  html: z.string(),
  updatedAt: ZTimestamp,
  url: z.string(),
});
export type TPublicArticle = z.infer<typeof ZPublicArticle>;

export const ZArticlePreviewBody = z.object({ body: z.string().max(ARTICLE_BODY_MAX) });
