import type { Namespace } from 'socket.io';
import { z } from 'zod';
import {
  type CustomerClientToServer,
  type CustomerServerToClient,
  type TCustomerHandshake,
  ZCustomerSendMessage,
  ZCustomerSync,
  ZTyping,
} from '@kefu/shared';
import type { AgentNamespace } from './agent.namespace';
import { sendCustomerMessage, syncCustomer } from '../conversations/conversations.service';
import type { Ctx } from '../platform/context';
import { AppError, toErrorBody } from '../platform/errors';
import { socketIp } from '../platform/limits';
import { findWidgetSite, isOriginAllowed } from '../sites/sites.service';
import type { SiteRow, VisitorRow } from '../sites/sites.table';
import { handler } from './handler';
import { ZCustomerSurveyAnswer, ZSurveyPendingQuery } from '@kefu/shared';
import { answerAsVisitor, pendingForVisitor } from '../surveys/surveys.service';

type CustomerData = { site: SiteRow; visitor: VisitorRow };
export type CustomerNamespace = Namespace<CustomerClientToServer, CustomerServerToClient, Record<string, never>, CustomerData>;

const ZHandshake = z.object({
  siteKey: z.string().min(1).max(64),
  visitorToken: z.string().min(1).max(128),
  hostOrigin: z.string().max(200),
}) satisfies z.ZodType<TCustomerHandshake>;

export const visitorRoom = (visitorId: string) => `visitor:${visitorId}`;

/**
 * The customer namespace: the handshake checks the site key, the visitor token and the host page's
 * origin; each socket joins its visitor room before anything is fetched, so nothing sent in between
 * is missed (join first, then fetch from the cursor).
 */
export function setupCustomerNamespace(ctx: Ctx, ns: CustomerNamespace, agents: AgentNamespace): void {
  ns.use((socket, next) => {
    const fail = (e: AppError) => {
      const err = new Error(e.message) as Error & { data: unknown };
      err.data = toErrorBody(e);
      next(err);
    };
    const auth = ZHandshake.safeParse(socket.handshake.auth);
    if (!auth.success) return fail(new AppError('unauthenticated', 'siteKey, visitorToken and hostOrigin are required'));
    void (async () => {
      // The site and the visitor behind the token in one statement; the origin is checked before the visitor is looked at.
      const found = await findWidgetSite(ctx.db, auth.data.siteKey, { visitorToken: auth.data.visitorToken });
      if (!found) return fail(new AppError('not_found', 'unknown site key'));
      const { site, visitor } = found;
      const host = socket.handshake.headers.host;
      const origin = socket.handshake.headers.origin;
      if (origin && !isOriginAllowed({ ...site, allowed_origins: [] }, origin, host)) {
        return fail(new AppError('origin_not_allowed', 'connections must come from the Kefu widget'));
      }
      if (!isOriginAllowed(site, auth.data.hostOrigin, host)) {
        return fail(new AppError('origin_not_allowed', `this site does not allow the widget on ${auth.data.hostOrigin}`));
      }
      if (!visitor) return fail(new AppError('unauthenticated', 'unknown visitor: open a new widget session'));
      socket.data = { site, visitor };
      next();
    })().catch((err: unknown) => {
      const body = toErrorBody(err);
      fail(new AppError(body.code, body.message, undefined, body.retryable));
    });
  });

  ns.on('connection', (socket) => {
    const { site, visitor } = socket.data;
    const ip = socketIp(socket, ctx.config.trustProxy);
    void socket.join(visitorRoom(visitor.id));

    socket.on('conversation:sync', handler(ctx.log, ZCustomerSync, (p) => syncCustomer(ctx, visitor, p)));
    socket.on(
      'message:send',
      handler(ctx.log, ZCustomerSendMessage, async (p) => {
        // Rate limits per visitor and per client address (across processes), before anything is
        // written: counted at the same time, so they cost one round trip to their store, not four.
        await Promise.all([
          ...(p.conversationId === null ? [ctx.limits.consume('conversation_visitor', visitor.id), ctx.limits.consume('conversation_ip', ip)] : []),
          ctx.limits.consume('message_visitor', visitor.id),
          ctx.limits.consume('message_ip', ip),
        ]);
        const { message, conversation } = await sendCustomerMessage(ctx, site, visitor, p, { socketId: socket.id });
        return { message, conversation };
      }),
    );
    socket.on('survey:pending', handler(ctx.log, ZSurveyPendingQuery, async (p) => ({ survey: await pendingForVisitor(ctx, visitor, p.conversationId) })));
    socket.on('survey:answer', handler(ctx.log, ZCustomerSurveyAnswer, async ({ surveyId, ...body }) => ({ survey: await answerAsVisitor(ctx, visitor, surveyId, body) })));
    socket.on('typing', (payload: unknown) => {
      const p = ZTyping.safeParse(payload);
      if (!p.success) return;
      void ctx.db
        .selectFrom('conversations')
        .select('id')
        .where('id', '=', p.data.conversationId)
        .where('visitor_id', '=', visitor.id)
        .executeTakeFirst()
        .then((own) => {
          if (own) agents.to(`conv:${own.id}`).emit('typing', p.data);
        })
        .catch(() => {});
    });
  });
}
