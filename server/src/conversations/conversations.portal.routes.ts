import { Hono } from 'hono';
import { z } from 'zod';
import { ZConversationPatch, ZConversationStatus, ZId, ZInboxView, ZTransferBody } from '@kefu/shared';
import { jsonBody, requireRole, type AppEnv } from '../platform/http';
import { parseInput } from '../platform/validate';
import * as conversations from './conversations.service';

const ZInboxQuery = z.object({ view: ZInboxView.default('mine'), status: ZConversationStatus.optional() });

/** The agents' conversation API; messages go over the socket (docs/protocol.md). */
export const conversationsPortalRoutes = new Hono<AppEnv>()
  .use(requireRole())
  .get('/', async (c) => {
    const q = parseInput(ZInboxQuery, c.req.query());
    return c.json({ ok: true as const, conversations: await conversations.inbox(c.var.ctx, c.var.agent, q.view, q.status) });
  })
  .get('/:id', async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    return c.json({ ok: true as const, ...(await conversations.detailForAgent(c.var.ctx, c.var.agent, id)) });
  })
  .patch('/:id', async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    const body = parseInput(ZConversationPatch, await jsonBody(c));
    return c.json({ ok: true as const, conversation: await conversations.setPriority(c.var.ctx, c.var.agent, id, body.priority) });
  })
  .post('/:id/claim', async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    return c.json({ ok: true as const, conversation: await conversations.claim(c.var.ctx, c.var.agent, id) });
  })
  .post('/:id/transfer', async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    const body = parseInput(ZTransferBody, await jsonBody(c));
    return c.json({ ok: true as const, conversation: await conversations.transfer(c.var.ctx, c.var.agent, id, body) });
  })
  .post('/:id/resolve', async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    return c.json({ ok: true as const, conversation: await conversations.resolve(c.var.ctx, c.var.agent, id) });
  });
