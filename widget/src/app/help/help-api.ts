import * as z from 'zod/mini';
import type { TArticleHit, TErrorCode, TLocale, TPublicArticle } from '@kefu/shared';
import { detectHostOrigin } from '../host/host-bridge';
import { visitorTokenKey } from '../transport/session-api';

export type THelpFail = { ok: false; code: TErrorCode | 'network' | 'no_session'; message: string };

// zod/mini mirrors of ZArticleHit and ZPublicArticle (shared/src/knowledge.ts): full zod is too heavy here.
const ZLocale = z.enum(['zh-CN', 'en']);
const ZHits = z.object({
  ok: z.literal(true),
  articles: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      category: z.string(),
      locale: ZLocale,
      published: z.boolean(),
      excerpt: z.string(),
      updatedAt: z.string(),
      url: z.nullable(z.string()),
    }),
  ),
});
const ZOne = z.object({
  ok: z.literal(true),
  article: z.object({ id: z.string(), title: z.string(), category: z.string(), locale: ZLocale, html: z.string(), updatedAt: z.string(), url: z.string() }),
});

function who(): { siteKey: string; hostOrigin: string; token: string | null } {
  const siteKey = new URLSearchParams(location.search).get('site') ?? '';
  let token: string | null = null;
  try {
    token = localStorage.getItem(visitorTokenKey(siteKey));
  } catch {
    /* storage blocked: no session */
  }
  return { siteKey, hostOrigin: detectHostOrigin(), token };
}

async function get<T>(schema: z.ZodMiniType<T>, path: string, params: Record<string, string>): Promise<T | THelpFail> {
  const w = who();
  if (!w.token) return { ok: false, code: 'no_session', message: 'no session' };
  let res: Response;
  try {
    res = await fetch(`${path}?${new URLSearchParams({ siteKey: w.siteKey, hostOrigin: w.hostOrigin, ...params })}`, { headers: { authorization: `Bearer ${w.token}` } });
  } catch {
    return { ok: false, code: 'network', message: 'network' };
  }
  const json: unknown = await res.json().catch(() => null);
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const err = (json ?? {}) as { code?: TErrorCode; message?: string };
  return { ok: false, code: err.code ?? 'internal', message: err.message ?? String(res.status) };
}

/** The help tab's calls (docs/api.md, "Help articles"). */
export const helpApi = {
  search: (q: string, locale: TLocale) =>
    get(ZHits, '/api/widget/articles', { q, locale }) as Promise<{ ok: true; articles: TArticleHit[] } | THelpFail>,
  article: (id: string) => get(ZOne, `/api/widget/articles/${encodeURIComponent(id)}`, {}) as Promise<{ ok: true; article: TPublicArticle } | THelpFail>,
};
export type THelpApi = typeof helpApi;
