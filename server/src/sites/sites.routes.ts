import { Hono } from 'hono';
import { ZId, ZSiteBody, ZWidgetSessionBody, ZWidgetSessionEndBody } from '@kefu/shared';
import { z } from 'zod';
import { AppError } from '../platform/errors';
import { jsonBody, requirePermission, type AppEnv } from '../platform/http';
import { requestIp } from '../platform/limits';
import { parseInput } from '../platform/validate';
import { actorOf } from '../admin/actor';
import * as sites from './sites.service';
import { linkSessionToCustomer } from '../customers/customers.identity';

/** Site administration ('settings.manage'). */
export const sitesRoutes = new Hono<AppEnv>()
  .get('/', requirePermission('settings.manage'), async (c) => c.json({ ok: true as const, sites: await sites.listSites(c.var.ctx.db) }))
  .post('/', requirePermission('settings.manage'), async (c) => {
    const body = parseInput(ZSiteBody, await jsonBody(c));
    return c.json({ ok: true as const, site: await sites.createSite(c.var.ctx, body, undefined, actorOf(c)) }, 201);
  })
  .patch('/:id', requirePermission('settings.manage'), async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    const raw = await jsonBody(c);
    const body = parseInput(ZSiteBody.partial(), raw);
    // Only the fields sent: zod's partial fills the missing ones with their defaults.
    for (const k of Object.keys(body)) if (!(raw && typeof raw === 'object' && k in raw)) delete (body as Record<string, unknown>)[k];
    return c.json({ ok: true as const, site: await sites.updateSite(c.var.ctx, id, body, actorOf(c)) });
  })
  .post('/:id/rotate-key', requirePermission('settings.manage'), async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    return c.json({ ok: true as const, site: await sites.rotateSiteKey(c.var.ctx, id, actorOf(c)) });
  });

/** Public endpoints of the widget, per site key. */
export const widgetRoutes = new Hono<AppEnv>()
  .get('/config', async (c) => {
    const { siteKey } = parseInput(z.object({ siteKey: z.string().min(1).max(64) }), c.req.query());
    const found = await sites.findWidgetSite(c.var.ctx.db, siteKey, { agentsOnline: true });
    if (!found) throw new AppError('not_found', 'unknown site key');
    // Public and without credentials: the loader on any host page reads the launcher's colour and side.
    c.header('access-control-allow-origin', '*');
    return c.json({ ok: true as const, config: sites.widgetConfig(c.var.ctx, found.site, found.agentsOnline) });
  })
  .post('/session', async (c) => {
    const body = parseInput(ZWidgetSessionBody, await jsonBody(c));
    // The site, the visitor behind the token and who is online, in one statement.
    const found = await sites.findWidgetSite(c.var.ctx.db, body.siteKey, { visitorToken: body.visitorToken, agentsOnline: true });
    if (!found) throw new AppError('not_found', 'unknown site key');
    const { site } = found;
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
    const known = found.visitor;
    if (!known) await c.var.ctx.limits.consume('visitor_ip', requestIp(c, c.var.ctx.config.trustProxy));
    const { session, created } = await sites.openVisitorSession(c.var.ctx, site, known && body.visitorToken ? { visitor: known, token: body.visitorToken } : undefined, {
      anonymous: body.identity == null,
      config: sites.widgetConfig(c.var.ctx, site, found.agentsOnline),
    });
    // Kefu.identify with a valid HMAC links the visitor to that customer; anything else stays anonymous
    // (a new anonymous visitor was written with its customer: nothing to link).
    const linked = created ? { ...session, identified: false } : await linkSessionToCustomer(c.var.ctx, site, session, body.identity);
    return c.json({ ok: true as const, ...session, visitorId: linked.visitorId, visitorToken: linked.visitorToken, identified: linked.identified });
  })
  .post('/session/end', async (c) => {
    // Kefu.reset (the host's user signed out). Answers the same whether or not the token was known:
    // the caller forgets it either way, and the answer tells nothing about other people's tokens.
    const body = parseInput(ZWidgetSessionEndBody, await jsonBody(c));
    await sites.endVisitorSession(c.var.ctx, body.siteKey, body.visitorToken);
    return c.json({ ok: true as const });
  });
