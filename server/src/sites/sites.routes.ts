import { Hono } from 'hono';
import { ZId, ZSiteBody, ZWidgetSessionBody } from '@kefu/shared';
import { z } from 'zod';
import { AppError } from '../platform/errors';
import { jsonBody, requireRole, type AppEnv } from '../platform/http';
import { requestIp } from '../platform/limits';
import { parseInput } from '../platform/validate';
import * as sites from './sites.service';

/** Site administration (admin; managers may read). */
export const sitesRoutes = new Hono<AppEnv>()
  .get('/', requireRole('manager'), async (c) => c.json({ ok: true as const, sites: await sites.listSites(c.var.ctx.db) }))
  .post('/', requireRole('admin'), async (c) => {
    const body = parseInput(ZSiteBody, await jsonBody(c));
    return c.json({ ok: true as const, site: await sites.createSite(c.var.ctx, body) }, 201);
  })
  .patch('/:id', requireRole('admin'), async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    const body = parseInput(ZSiteBody.partial(), await jsonBody(c));
    return c.json({ ok: true as const, site: await sites.updateSite(c.var.ctx, id, body) });
  });

/** Public endpoints of the widget, per site key. */
export const widgetRoutes = new Hono<AppEnv>()
  .get('/config', async (c) => {
    const { siteKey } = parseInput(z.object({ siteKey: z.string().min(1).max(64) }), c.req.query());
    const site = await sites.findSiteByKey(c.var.ctx.db, siteKey);
    if (!site) throw new AppError('not_found', 'unknown site key');
    return c.json({ ok: true as const, config: await sites.widgetConfig(c.var.ctx, site) });
  })
  .post('/session', async (c) => {
    const body = parseInput(ZWidgetSessionBody, await jsonBody(c));
    const site = await sites.findSiteByKey(c.var.ctx.db, body.siteKey);
    if (!site) throw new AppError('not_found', 'unknown site key');
    const host = c.req.header('host');
    // The widget iframe is ours: its requests come from our own origin; the host page is checked by its origin.
    const origin = c.req.header('origin');
    if (origin && !sites.isOriginAllowed({ ...site, allowed_origins: [] }, origin, host)) {
      throw new AppError('origin_not_allowed', 'requests must come from the Kefu widget');
    }
    if (!sites.isOriginAllowed(site, body.hostOrigin, host)) {
      throw new AppError('origin_not_allowed', `this site does not allow the widget on ${body.hostOrigin}`);
    }
    // A new anonymous visitor counts toward the per-address limit (resuming one does not).
    const known = body.visitorToken ? await sites.findVisitor(c.var.ctx.db, site.id, body.visitorToken) : undefined;
    if (!known) await c.var.ctx.limits.consume('visitor_ip', requestIp(c, c.var.ctx.config.trustProxy));
    return c.json({ ok: true as const, ...(await sites.openVisitorSession(c.var.ctx, site, body.visitorToken)) });
  });
