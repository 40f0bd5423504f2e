import { Hono } from 'hono';
import { z } from 'zod';
import { ZId } from '@kefu/shared';
import { bearer, widgetVisitor, ZVisitorQuery } from '../complaints/complaints.public.routes';
import { requireRole, type AppEnv } from '../platform/http';
import { parseInput } from '../platform/validate';
import { multipartFile, uploadLimit } from './attachments.upload';
import { readMessageAttachment, uploadMessageAttachment } from './message-attachments.service';

const ZUploadQuery = ZVisitorQuery.extend({ conversationId: ZId.optional() });

/** The widget's chat files: upload one for the next message, fetch those of the visitor's conversation. */
export const widgetAttachmentRoutes = new Hono<AppEnv>()
  .post('/', uploadLimit, async (c) => {
    const q = parseInput(ZUploadQuery, c.req.query());
    const { visitor } = await widgetVisitor(c, { ...q, visitorToken: bearer(c) });
    await c.var.ctx.limits.consume('message_visitor', visitor.id);
    const file = await multipartFile(c);
    const attachment = await uploadMessageAttachment(c.var.ctx, { kind: 'customer', visitorId: visitor.id }, q.conversationId ?? null, file);
    return c.json({ ok: true as const, attachment }, 201);
  })
  .get('/:id', async (c) => {
    const q = parseInput(ZVisitorQuery, c.req.query());
    const { visitor } = await widgetVisitor(c, { ...q, visitorToken: bearer(c) });
    const { bytes, headers } = await readMessageAttachment(c.var.ctx, { kind: 'customer', visitorId: visitor.id }, parseInput(ZId, c.req.param('id')));
    return c.body(new Uint8Array(bytes), 200, headers);
  });

const ZIds = z.object({ id: ZId, attachmentId: ZId });

/** The portal's chat files, under /api/conversations/:id/attachments. */
export const portalAttachmentRoutes = new Hono<AppEnv>()
  .use(requireRole())
  .post('/:id/attachments', uploadLimit, async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    const file = await multipartFile(c);
    const attachment = await uploadMessageAttachment(c.var.ctx, { kind: 'agent', agent: c.var.agent }, id, file);
    return c.json({ ok: true as const, attachment }, 201);
  })
  .get('/:id/attachments/:attachmentId', async (c) => {
    const p = parseInput(ZIds, c.req.param());
    const { bytes, headers } = await readMessageAttachment(c.var.ctx, { kind: 'agent', agent: c.var.agent }, p.attachmentId, p.id);
    return c.body(new Uint8Array(bytes), 200, headers);
  });
