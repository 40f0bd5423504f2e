import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { ARTICLE_QUERY_MAX, ZId, ZLocale } from '@kefu/shared';
import { AppError } from '../platform/errors';
import type { AppEnv } from '../platform/http';
import { findSiteByKey, findWidgetSite, isOriginAllowed } from '../sites/sites.service';
import { helpPage, notFoundPage } from './knowledge.page';
import * as knowledge from './knowledge.service';
import { parseInput } from '../platform/validate';

const ZSiteQuery = z.object({ siteKey: z.string().min(1).max(64), hostOrigin: z.string().max(300) });
const ZWidgetSearch = ZSiteQuery.extend({ locale: ZLocale, q: z.string().trim().max(ARTICLE_QUERY_MAX).default('') });

/** The site of a widget request: our own Origin, an allowed host page and a visitor session of the site. */
async function widgetSite(c: Context<AppEnv>, q: z.infer<typeof ZSiteQuery>) {
  const ctx = c.var.ctx;
  const auth = c.req.header('authorization');
  const token = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : '';
  const found = await findWidgetSite(ctx.db, q.siteKey, { visitorToken: token });
  if (!found) throw new AppError('not_found', 'unknown site key');
  const { site } = found;
  const host = c.req.header('host');
  const origin = c.req.header('origin');
  if (origin && !isOriginAllowed({ ...site, allowed_origins: [] }, origin, host)) throw new AppError('origin_not_allowed', 'requests must come from the Kefu widget');
  if (!isOriginAllowed(site, q.hostOrigin, host)) throw new AppError('origin_not_allowed', `this site does not allow the widget on ${q.hostOrigin}`);
  if (!token || !found.visitor) throw new AppError('unauthenticated', 'unknown visitor: open a widget session first');
  return site;
}

/** The widget's help tab (docs/api.md, "Help articles"): published articles of the site in a locale. */
export const widgetArticlesRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const q = parseInput(ZWidgetSearch, c.req.query());
    const site = await widgetSite(c, q);
    return c.json({ ok: true as const, articles: await knowledge.searchPublished(c.var.ctx, site, q.q, q.locale) });
  })
  .get('/:id', async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    const site = await widgetSite(c, parseInput(ZSiteQuery, c.req.query()));
    return c.json({ ok: true as const, article: await knowledge.readPublished(c.var.ctx, site, id) });
  });

/** The public page of a published article (`/help/<siteKey>/<id>`): the link agents paste into replies. */
export const helpPageRoutes = new Hono<AppEnv>().get('/:siteKey/:id', async (c) => {
  const id = ZId.safeParse(c.req.param('id'));
  const site = id.success ? await findSiteByKey(c.var.ctx.db, c.req.param('siteKey')) : undefined;
  if (!site || !id.success) return c.html(notFoundPage(c), 404);
  try {
    return c.html(helpPage(c, await knowledge.readPublished(c.var.ctx, site, id.data), site.name, site.color));
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') return c.html(notFoundPage(c), 404);
    throw err;
  }
});
