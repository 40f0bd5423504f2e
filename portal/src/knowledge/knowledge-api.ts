import type { TArticle, TArticleBody, TArticleHit, TArticlePatch, TLocale } from '@kefu/shared';
import { request } from '../api/api-client';

const q = (params: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString();

/** REST calls of docs/api.md "Help articles". */
export const knowledgeApi = {
  list: (filter: { q?: string; locale?: TLocale; siteId?: string } = {}) =>
    request<{ articles: TArticle[] }>('GET', `/api/articles?${q(filter)}`).then((r) => r.articles),
  create: (body: TArticleBody) => request<{ article: TArticle }>('POST', '/api/articles', body).then((r) => r.article),
  update: (id: string, body: TArticlePatch) => request<{ article: TArticle }>('PATCH', `/api/articles/${encodeURIComponent(id)}`, body).then((r) => r.article),
  remove: (id: string) => request<object>('DELETE', `/api/articles/${encodeURIComponent(id)}`),
  preview: (body: string) => request<{ html: string }>('POST', '/api/articles/preview', { body }).then((r) => r.html),
  /** Published articles of a conversation's site, for the composer. */
  search: (text: string, siteId: string) => request<{ articles: TArticleHit[] }>('GET', `/api/articles/search?${q({ q: text, siteId })}`).then((r) => r.articles),
};
export type TKnowledgeApi = typeof knowledgeApi;
