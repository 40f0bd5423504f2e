import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { AppEnv } from '../platform/http';
import { findSiteByKey } from '../sites/sites.service';

const REPO = resolve(fileURLToPath(import.meta.url), '../../../..');
const WIDGET_DIST = resolve(REPO, 'widget/dist');
const PORTAL_DIST = resolve(REPO, 'portal/dist');

const root = (abs: string) => relative(process.cwd(), abs) || '.';
const missingBuild = (what: string) =>
  `${what} is not built: run "pnpm run build" (the README's start command does it for you).`;

/** The widget loader, the widget iframe app and the portal, built by Vite. */
export const staticRoutes = new Hono<AppEnv>()
  .get('/widget.js', async (c, next) => {
    if (!existsSync(resolve(WIDGET_DIST, 'widget.js'))) return c.text(missingBuild('The widget'), 503);
    // Short cache: sites keep the same URL and must pick up new versions.
    c.header('Cache-Control', 'public, max-age=300');
    c.header('Access-Control-Allow-Origin', '*');
    const res = await serveStatic({ root: root(WIDGET_DIST), path: 'widget.js', precompressed: true })(c, next);
    return res ?? c.notFound();
  })
  .use('/widget/assets/*', async (c, next) => {
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    await next();
  })
  // The chat frame may be embedded only by the site's allowed origins (and Kefu's own demo page).
  .get('/widget/frame.html', async (c, next) => {
    const key = c.req.query('site');
    const site = key ? await findSiteByKey(c.var.ctx.db, key) : undefined;
    const origins = site?.allowed_origins ?? [];
    const ancestors = origins.includes('*') ? '*' : ["'self'", ...origins].join(' ');
    c.header(
      'Content-Security-Policy',
      `default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; frame-ancestors ${ancestors}`,
    );
    c.header('X-Content-Type-Options', 'nosniff');
    await next();
  })
  .get('/widget/*', serveStatic({ root: root(WIDGET_DIST), precompressed: true, rewriteRequestPath: (p) => p.replace(/^\/widget/, '') }))
  .get('/portal', (c) => c.redirect('/portal/'))
  .use('/portal/assets/*', async (c, next) => {
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    await next();
  })
  .get('/portal/*', serveStatic({ root: root(PORTAL_DIST), precompressed: true, rewriteRequestPath: (p) => p.replace(/^\/portal/, '') }))
  // SPA fallback: any other portal path is the app's own route.
  .get('/portal/*', async (c, next) => {
    if (!existsSync(resolve(PORTAL_DIST, 'index.html'))) return c.text(missingBuild('The portal'), 503);
    c.header('Cache-Control', 'no-cache');
    const res = await serveStatic({ root: root(PORTAL_DIST), path: 'index.html', precompressed: true })(c, next);
    return res ?? c.notFound();
  });
