import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { ZId, ZTrackingFeedbackBody, ZTrackingInfoBody, ZWidgetComplaintBody } from '@kefu/shared';
import { AppError } from '../platform/errors';
import { jsonBody, type AppEnv } from '../platform/http';
import { requestIp } from '../platform/limits';
import { parseInput } from '../platform/validate';
import { findWidgetSite, isOriginAllowed } from '../sites/sites.service';
import { fileFromWidget, trackingUrl } from './complaints.filing';
import * as tracking from './complaints.tracking';
import { addAttachment, readAttachment } from './complaints.attachments';
import { uploadedFile, uploadLimit } from '../attachments/attachments.upload';


/** Tracking tokens are 256-bit base64url strings; anything else is refused before touching the database. */
const ZToken = z.string().regex(/^[A-Za-z0-9_-]{40,64}$/);

const tokenOf = (c: Context<AppEnv>): string => {
  const parsed = ZToken.safeParse(c.req.param('token'));
  if (!parsed.success) throw new AppError('not_found', 'no such complaint');
  return parsed.data;
};

/** The tracking page's API, authorised by the token in the link alone (docs/complaints.md). */
export const trackingRoutes = new Hono<AppEnv>()
  .use(async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
  })
  .get('/:token', async (c) => c.json({ ok: true as const, complaint: await tracking.publicView(c.var.ctx, tokenOf(c)) }))
  .post('/:token/info', async (c) => {
    const token = tokenOf(c);
    const body = parseInput(ZTrackingInfoBody, await jsonBody(c));
    return c.json({ ok: true as const, complaint: await tracking.addInfo(c.var.ctx, token, body.text) });
  })
  .post('/:token/attachments', uploadLimit, async (c) => {
    const token = tokenOf(c);
    const id = await tracking.complaintIdOf(c.var.ctx, token);
    const file = await uploadedFile(c);
    return c.json({ ok: true as const, attachment: await addAttachment(c.var.ctx, id, { kind: 'customer' }, file) }, 201);
  })
  .get('/:token/attachments/:attachmentId', async (c) => {
    const id = await tracking.complaintIdOf(c.var.ctx, tokenOf(c));
    const { bytes, headers } = await readAttachment(c.var.ctx, id, parseInput(ZId, c.req.param('attachmentId')));
    return c.body(new Uint8Array(bytes), 200, headers);
  })
  .post('/:token/feedback', async (c) => {
    const token = tokenOf(c);
    const body = parseInput(ZTrackingFeedbackBody, await jsonBody(c));
    return c.json({ ok: true as const, complaint: await tracking.answerFeedback(c.var.ctx, token, body) });
  });

/** The visitor of a widget request: site key, visitor token, our own Origin and an allowed host page. */
export async function widgetVisitor(c: Context<AppEnv>, a: { siteKey: string; visitorToken: string; hostOrigin: string }) {
  const ctx = c.var.ctx;
  const found = await findWidgetSite(ctx.db, a.siteKey, { visitorToken: a.visitorToken });
  if (!found) throw new AppError('not_found', 'unknown site key');
  const { site, visitor } = found;
  const host = c.req.header('host');
  const origin = c.req.header('origin');
  if (origin && !isOriginAllowed({ ...site, allowed_origins: [] }, origin, host)) {
    throw new AppError('origin_not_allowed', 'requests must come from the Kefu widget');
  }
  if (!isOriginAllowed(site, a.hostOrigin, host)) throw new AppError('origin_not_allowed', `this site does not allow the widget on ${a.hostOrigin}`);
  if (!visitor) throw new AppError('unauthenticated', 'unknown visitor: open a widget session first');
  return { site, visitor };
}

export const ZVisitorQuery = z.object({ siteKey: z.string().min(1).max(64), hostOrigin: z.string().max(300) });
export const bearer = (c: Context) => {
  const h = c.req.header('authorization');
  if (!h?.startsWith('Bearer ')) throw new AppError('unauthenticated', 'send the visitor token as Authorization: Bearer');
  return h.slice(7).trim();
};

/** The widget's complaint endpoints: file one, list "My complaints", get a tracking link. */
export const widgetComplaintRoutes = new Hono<AppEnv>()
  .post('/', async (c) => {
    const body = parseInput(ZWidgetComplaintBody, await jsonBody(c));
    const { site, visitor } = await widgetVisitor(c, body);
    const ctx = c.var.ctx;
    await ctx.limits.consume('complaint_visitor', visitor.id);
    await ctx.limits.consume('complaint_ip', requestIp(c, ctx.config.trustProxy));
    const { complaint, trackingToken } = await fileFromWidget(ctx, site, visitor, body);
    return c.json({ ok: true as const, number: complaint.number, trackingUrl: trackingUrl(ctx, trackingToken) }, 201);
  })
  .get('/', async (c) => {
    const q = parseInput(ZVisitorQuery, c.req.query());
    const { visitor } = await widgetVisitor(c, { ...q, visitorToken: bearer(c) });
    return c.json({ ok: true as const, complaints: await tracking.listForVisitor(c.var.ctx, visitor) });
  })
  .post('/:id/link', async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    const q = parseInput(ZVisitorQuery, c.req.query());
    const { visitor } = await widgetVisitor(c, { ...q, visitorToken: bearer(c) });
    return c.json({ ok: true as const, trackingUrl: await tracking.linkForVisitor(c.var.ctx, visitor, id) });
  });

const TRACKING_HTML = resolve(fileURLToPath(import.meta.url), '../../../../widget/dist/tracking.html');

/**
 * The tracking page itself (`/c/<token>`): the widget build's tracking.html; the token never leaves in a
 * Referer. A wrong, expired or guessed token gets a 404 with the same body (the page, which then says the
 * link is not valid) after the same work as a valid one (hash, one indexed lookup).
 */
export const trackingPageRoutes = new Hono<AppEnv>().get('/:token', async (c) => {
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Robots-Tag', 'noindex');
  c.header('X-Frame-Options', 'DENY');
  c.header('X-Content-Type-Options', 'nosniff');
  const found = await Promise.resolve().then(() => tracking.complaintIdOf(c.var.ctx, tokenOf(c))).then(() => true, (err: unknown) => {
    if (err instanceof AppError && err.code === 'not_found') return false;
    throw err;
  });
  if (!existsSync(TRACKING_HTML)) return c.text(found ? 'The tracking page is not built: run "pnpm run build".' : 'Not found', found ? 503 : 404);
  return c.html(await readFile(TRACKING_HTML, 'utf8'), found ? 200 : 404);
});
