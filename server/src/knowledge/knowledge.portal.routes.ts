import { Hono, type Context } from 'hono';
import { ZArticleBody, ZArticleListQuery, ZArticlePatch, ZArticlePreviewBody, ZArticleSearchQuery, ZId } from '@kefu/shared';
import { jsonBody, requirePermission, requireRole, type AppEnv } from '../platform/http';
import { requestIp } from '../platform/limits';
import { parseInput } from '../platform/validate';
import { renderArticleHtml } from './knowledge.markdown';
import * as knowledge from './knowledge.service';

const actor = (c: Context<AppEnv>): knowledge.TActor => ({ agent: c.var.agent, ip: requestIp(c, c.var.ctx.config.trustProxy) });
const manage = requirePermission('settings.manage');

/** Help articles for the portal (docs/api.md, "Help articles"): managers edit, every agent searches. */
export const articlesRoutes = new Hono<AppEnv>()
  // Any signed-in agent: published articles of the conversation's site, for the composer.
  .get('/search', requireRole('agent'), async (c) => {
    const q = parseInput(ZArticleSearchQuery, c.req.query());
    const site = await knowledge.findSiteById(c.var.ctx, q.siteId);
    return c.json({ ok: true as const, articles: await knowledge.searchPublished(c.var.ctx, site, q.q, q.locale) });
  })
  .post('/preview', manage, async (c) => {
    const { body } = parseInput(ZArticlePreviewBody, await jsonBody(c));
    return c.json({ ok: true as const, html: renderArticleHtml(body) });
  })
  .get('/', manage, async (c) => {
    const q = parseInput(ZArticleListQuery, c.req.query());
    return c.json({ ok: true as const, articles: await knowledge.listArticles(c.var.ctx, q) });
  })
  .post('/', manage, async (c) => {
    const body = parseInput(ZArticleBody, await jsonBody(c));
    return c.json({ ok: true as const, article: await knowledge.createArticle(c.var.ctx, actor(c), body) }, 201);
  })
  .get('/:id', manage, async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    return c.json({ ok: true as const, article: await knowledge.getArticle(c.var.ctx, id) });
  })
  .patch('/:id', manage, async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    const body = parseInput(ZArticlePatch, await jsonBody(c));
    return c.json({ ok: true as const, article: await knowledge.updateArticle(c.var.ctx, actor(c), id, body) });
  })
  .delete('/:id', manage, async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    await knowledge.deleteArticle(c.var.ctx, actor(c), id);
    return c.json({ ok: true as const });
  });
