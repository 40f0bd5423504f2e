import { Hono } from 'hono';
import { z } from 'zod';
import { ZFollowUpBatchBody, ZFollowUpFilter, ZFollowUpOutcomeBody, ZFollowUpStatus, ZId } from '@kefu/shared';
import { jsonBody, requireRole, type AppEnv } from '../platform/http';
import { parseInput } from '../platform/validate';
import * as followUps from './followups.service';

const ZMineQuery = z.object({ status: ZFollowUpStatus.optional() });
const ZAllQuery = z.object({ status: ZFollowUpStatus.optional(), assigneeId: ZId.optional(), batchId: ZId.optional() });

/** Follow-ups (回访): agents work their own; managers plan batches; supervisors see all. */
export const followUpsRoutes = new Hono<AppEnv>()
  .use(requireRole())
  .get('/mine', async (c) => {
    const q = parseInput(ZMineQuery, c.req.query());
    return c.json({ ok: true as const, followUps: await followUps.myFollowUps(c.var.ctx, c.var.agent, q.status) });
  })
  .get('/', requireRole('supervisor'), async (c) => {
    const q = parseInput(ZAllQuery, c.req.query());
    return c.json({ ok: true as const, followUps: await followUps.allFollowUps(c.var.ctx, q) });
  })
  .post('/batches/preview', requireRole('manager'), async (c) => {
    const body = parseInput(z.object({ filter: ZFollowUpFilter }), await jsonBody(c));
    return c.json({ ok: true as const, ...(await followUps.previewBatch(c.var.ctx, body.filter)) });
  })
  .post('/batches', requireRole('manager'), async (c) => {
    const body = parseInput(ZFollowUpBatchBody, await jsonBody(c));
    return c.json({ ok: true as const, ...(await followUps.createBatch(c.var.ctx, c.var.agent, body)) }, 201);
  })
  .post('/:id/outcome', async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    const body = parseInput(ZFollowUpOutcomeBody, await jsonBody(c));
    return c.json({ ok: true as const, followUp: await followUps.recordOutcome(c.var.ctx, c.var.agent, id, body) });
  })
  .post('/:id/survey-link', async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    const link = await followUps.surveyLinkFor(c.var.ctx, c.var.agent, id);
    return c.json({ ok: true as const, path: link.path, url: new URL(link.path, c.req.url).toString() }, 201);
  });
