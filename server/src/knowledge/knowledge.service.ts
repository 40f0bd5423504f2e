import {
  ZArticleBody,
  ZArticlePatch,
  type TArticlePatch,
  type TArticle,
  type TArticleBody,
  type TArticleHit,
  type TLocale,
  type TPublicArticle,
} from '@kefu/shared';
import { recordAudit } from '../audit/audit.service';
import type { Agent } from '../conversations/conversations.access';
import type { Ctx } from '../platform/context';
import { AppError } from '../platform/errors';
import type { SiteRow } from '../sites/sites.table';
import { articlePlainText, renderArticleHtml } from './knowledge.markdown';
import * as repo from './knowledge.repository';
import { excerptAround, searchTerms } from './knowledge.search';

/** Who changed an article, for the audit log. */
export type TActor = { agent: Agent; ip: string | null };

function toArticle(row: repo.ArticleWithAuthor): TArticle {
  return {
    id: row.id,
    siteId: row.site_id,
    title: row.title,
    body: row.body,
    category: row.category,
    locale: row.locale,
    published: row.published,
    authorId: row.author_id,
    authorName: row.author_name,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The public page of an article on a site: what customers open from a link in a reply. */
export function articleUrl(ctx: Ctx, siteKey: string, id: string): string {
  return `${ctx.config.publicUrl}/help/${encodeURIComponent(siteKey)}/${id}`;
}

async function assertSite(ctx: Ctx, siteId: string | null): Promise<void> {
  if (!siteId) return;
  const site = await ctx.db.selectFrom('sites').select('id').where('id', '=', siteId).executeTakeFirst();
  if (!site) throw new AppError('bad_request', 'siteId: no such site');
}

/** Managers' list: drafts included; with `q`, best matches first. */
export async function listArticles(ctx: Ctx, filter: { q?: string | undefined; locale?: TLocale | undefined; siteId?: string | undefined }): Promise<TArticle[]> {
  const scope = { siteId: filter.siteId, locale: filter.locale };
  const rows = filter.q ? await repo.searchArticleRows(ctx.db, scope, searchTerms(filter.q), 100) : await repo.listArticleRows(ctx.db, scope);
  return rows.map(toArticle);
}

export async function getArticle(ctx: Ctx, id: string): Promise<TArticle> {
  const row = await repo.findArticle(ctx.db, id);
  if (!row) throw new AppError('not_found', 'no such article');
  return toArticle(row);
}

export async function createArticle(ctx: Ctx, actor: TActor, body: TArticleBody): Promise<TArticle> {
  const input = ZArticleBody.parse(body);
  await assertSite(ctx, input.siteId);
  const now = ctx.clock();
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertArticle(trx, {
      site_id: input.siteId,
      title: input.title,
      body: input.body,
      category: input.category,
      locale: input.locale,
      published: input.published,
      author_id: actor.agent.id,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, { actorId: actor.agent.id, action: 'settings.changed', targetType: 'article', targetId: row.id, detail: { change: 'created', title: row.title }, ip: actor.ip }, now);
    return row.id;
  });
  return getArticle(ctx, id);
}

export async function updateArticle(ctx: Ctx, actor: TActor, id: string, body: TArticlePatch): Promise<TArticle> {
  const input = ZArticlePatch.parse(body);
  if (input.siteId !== undefined) await assertSite(ctx, input.siteId);
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.updateArticleRow(trx, id, {
      ...(input.siteId !== undefined && { site_id: input.siteId }),
      ...(input.title !== undefined && { title: input.title }),
      ...(input.body !== undefined && { body: input.body }),
      ...(input.category !== undefined && { category: input.category }),
      ...(input.locale !== undefined && { locale: input.locale }),
      ...(input.published !== undefined && { published: input.published }),
      author_id: actor.agent.id,
      updated_at: now,
    });
    if (!row) throw new AppError('not_found', 'no such article');
    const fields = Object.keys(input);
    await recordAudit(trx, { actorId: actor.agent.id, action: 'settings.changed', targetType: 'article', targetId: id, detail: { change: 'updated', fields }, ip: actor.ip }, now);
  });
  return getArticle(ctx, id);
}

export async function deleteArticle(ctx: Ctx, actor: TActor, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findArticle(trx, id);
    if (!row || !(await repo.deleteArticleRow(trx, id))) throw new AppError('not_found', 'no such article');
    await recordAudit(trx, { actorId: actor.agent.id, action: 'settings.changed', targetType: 'article', targetId: id, detail: { change: 'deleted', title: row.title }, ip: actor.ip }, ctx.clock());
  });
}

/** Search over published articles of a site (and the global ones), with excerpts and public links. */
export async function searchPublished(ctx: Ctx, site: Pick<SiteRow, 'id' | 'key'>, q: string, locale?: TLocale): Promise<TArticleHit[]> {
  const terms = searchTerms(q);
  const scope = { siteId: site.id, locale, publishedOnly: true };
  const rows = q.trim() ? await repo.searchArticleRows(ctx.db, scope, terms) : await repo.listArticleRows(ctx.db, scope, 50);
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    category: row.category,
    locale: row.locale,
    published: row.published,
    excerpt: excerptAround(articlePlainText(row.body), terms.terms),
    updatedAt: row.updated_at.toISOString(),
    url: articleUrl(ctx, site.key, row.id),
  }));
}

/** One published article as the site's customers see it; not_found for drafts and other sites' articles. */
export async function readPublished(ctx: Ctx, site: Pick<SiteRow, 'id' | 'key'>, id: string): Promise<TPublicArticle> {
  const row = await repo.findArticle(ctx.db, id, { siteId: site.id, publishedOnly: true });
  if (!row) throw new AppError('not_found', 'no such article');
  return {
    id: row.id,
    title: row.title,
    category: row.category,
    locale: row.locale,
    html: renderArticleHtml(row.body),
    updatedAt: row.updated_at.toISOString(),
    url: articleUrl(ctx, site.key, row.id),
  };
}

export async function findSiteById(ctx: Ctx, id: string): Promise<SiteRow> {
  const site = await ctx.db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
  if (!site) throw new AppError('not_found', 'no such site');
  return site;
}
