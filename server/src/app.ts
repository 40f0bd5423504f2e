import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { agentsRoutes } from './agents/agents.routes';
import { adminRoutes, inviteRoutes } from './admin/admin.routes';
import { cannedRoutes } from './canned/canned.routes';
import { conversationsPortalRoutes } from './conversations/conversations.portal.routes';
import { portalAttachmentRoutes, widgetAttachmentRoutes } from './attachments/message-attachments.routes';
import { demoRoutes } from './demo/demo.routes';
import type { Ctx } from './platform/context';
import { pingDatabase } from './platform/database';
import { AppError, toErrorBody } from './platform/errors';
import { ERROR_HTTP_STATUS } from '@kefu/shared/errors';
import type { AppEnv } from './platform/http';
import { sitesRoutes, widgetRoutes } from './sites/sites.routes';
import { staticRoutes } from './web/static.routes';
import { complaintsPortalRoutes } from './complaints/complaints.portal.routes';
import { trackingPageRoutes, trackingRoutes, widgetComplaintRoutes } from './complaints/complaints.public.routes';
import { mailRoutes } from './mail/mail.routes';
import { followUpsRoutes } from './followups/followups.routes';
import { qualityRoutes } from './quality/quality.routes';
import { reportsRoutes } from './reports/reports.routes';
import { scheduledReportsRoutes } from './scheduled-reports/scheduled-reports.routes';
import { surveyPageRoutes } from './surveys/survey-page.routes';
import { surveyLinkRoutes, surveysRoutes } from './surveys/surveys.routes';
import { customersRoutes, identitySecretRoutes } from './customers/customers.routes';
import { articlesRoutes } from './knowledge/knowledge.portal.routes';
import { helpPageRoutes, widgetArticlesRoutes } from './knowledge/knowledge.widget.routes';

/** The HTTP application: feature sub-apps joined with app.route(), one onError. */
export function createApp(ctx: Ctx) {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set('ctx', ctx);
    await next();
  });
  // The widget frame must be embeddable anywhere (origins are checked by the API); the portal nowhere.
  app.use(
    '/portal/*',
    secureHeaders({
      xFrameOptions: 'DENY',
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
      },
    }),
  );
  app.use('/api/*', secureHeaders());

  app.get('/healthz', async (c) => {
    const up = await pingDatabase(ctx.db);
    return c.json({ ok: up, db: ctx.dbKind }, up ? 200 : 503);
  });
  app.route('/api', agentsRoutes);
  app.route('/api', adminRoutes);
  app.route('/api/invites', inviteRoutes);
  app.route('/api/conversations', conversationsPortalRoutes);
  app.route('/api/conversations', portalAttachmentRoutes);
  app.route('/api/canned-replies', cannedRoutes);
  app.route('/api/sites', sitesRoutes);
  app.route('/api/sites', identitySecretRoutes);
  app.route('/api/customers', customersRoutes);
  app.route('/api/widget', widgetRoutes);
  app.route('/api/widget/attachments', widgetAttachmentRoutes);
  app.route('/api/complaints', complaintsPortalRoutes);
  app.route('/api/widget/complaints', widgetComplaintRoutes);
  app.route('/api/track', trackingRoutes);
  app.route('/api/mail', mailRoutes);
  app.route('/c', trackingPageRoutes);
  app.route('/api/surveys', surveysRoutes);
  app.route('/api/survey-links', surveyLinkRoutes);
  app.route('/api/follow-ups', followUpsRoutes);
  app.route('/api/quality', qualityRoutes);
  app.route('/api/reports', reportsRoutes);
  app.route('/api/scheduled-reports', scheduledReportsRoutes);
  app.route('/s', surveyPageRoutes);
  app.route('/api/articles', articlesRoutes);
  app.route('/api/widget/articles', widgetArticlesRoutes);
  app.route('/help', helpPageRoutes);
  if (ctx.config.demo) app.route('/demo', demoRoutes);
  app.route('/', staticRoutes);
  app.get('/', (c) => c.redirect(ctx.config.demo ? '/demo' : '/portal/'));

  app.notFound((c) => c.json(toErrorBody(new AppError('not_found', `no route for ${c.req.method} ${c.req.path}`)), 404));
  app.onError((err, c) => {
    const body = toErrorBody(err);
    if (body.code === 'internal') ctx.log.error('request failed', { path: c.req.path, err: String(err), stack: (err as Error).stack });
    // The status follows the code (a NUL byte PostgreSQL refuses is a 400, not a 500).
    const status = err instanceof AppError ? err.status : ERROR_HTTP_STATUS[body.code];
    return c.json(body, status as 500);
  });
  return app;
}

export type KefuApp = ReturnType<typeof createApp>;
