import { Hono } from 'hono';
import {
  ZAssignComplaintBody,
  ZCloseComplaintBody,
  ZComplaintBoardQuery,
  ZComplaintPatchBody,
  ZComplaintReplyBody,
  ZConvertComplaintBody,
  ZId,
  ZJudgeComplaintBody,
  ZPhoneComplaintBody,
  ZResolveComplaintBody,
  ZSlaPolicyBody,
} from '@kefu/shared';
import { jsonBody, requirePermission, requireRole, type AppEnv } from '../platform/http';
import { parseInput } from '../platform/validate';
import { convertConversation, registerPhoneComplaint, trackingUrl } from './complaints.filing';
import { addAttachment, readAttachment } from './complaints.attachments';
import { uploadedFile, uploadLimit } from '../attachments/attachments.upload';
import * as complaints from './complaints.service';
import { actorOf } from '../admin/actor';
import { auditSettings, changedFields } from '../admin/settings-audit';
import * as sla from './complaints.sla';

/** The agents' complaint API (docs/api.md, "Complaints"). */
export const complaintsPortalRoutes = new Hono<AppEnv>()
  .use(requireRole())
  .get('/', async (c) => {
    const q = parseInput(ZComplaintBoardQuery, c.req.query());
    return c.json({ ok: true as const, ...(await complaints.board(c.var.ctx, c.var.agent, q)) });
  })
  .post('/', async (c) => {
    const body = parseInput(ZPhoneComplaintBody, await jsonBody(c));
    const { complaint, trackingToken } = await registerPhoneComplaint(c.var.ctx, c.var.agent, body);
    return c.json({ ok: true as const, complaint, trackingUrl: trackingUrl(c.var.ctx, trackingToken) }, 201);
  })
  .post('/from-conversation', async (c) => {
    const body = parseInput(ZConvertComplaintBody, await jsonBody(c));
    const { complaint, trackingToken } = await convertConversation(c.var.ctx, c.var.agent, body);
    return c.json({ ok: true as const, complaint, trackingUrl: trackingUrl(c.var.ctx, trackingToken) }, 201);
  })
  .get('/sla-policies', async (c) => c.json({ ok: true as const, policies: await sla.listPolicies(c.var.ctx.db) }))
  .put('/sla-policies', requirePermission('settings.manage'), async (c) => {
    const body = parseInput(ZSlaPolicyBody, await jsonBody(c));
    const ctx = c.var.ctx;
    const policy = await ctx.db.transaction().execute(async (trx) => {
      const before = (await sla.listPolicies(trx)).find((p) => p.priority === body.priority && p.category === body.category);
      const saved = await sla.savePolicy(trx, body);
      await auditSettings(trx, actorOf(c), { setting: 'sla_policy', id: saved.id, fields: changedFields(before ?? null, saved), created: !before }, ctx.clock());
      return saved;
    });
    return c.json({ ok: true as const, policy });
  })
  .get('/:id', async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    return c.json({ ok: true as const, ...(await complaints.detail(c.var.ctx, c.var.agent, id)) });
  })
  .patch('/:id', async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    const body = parseInput(ZComplaintPatchBody, await jsonBody(c));
    return c.json({ ok: true as const, complaint: await complaints.patch(c.var.ctx, c.var.agent, id, body) });
  })
  .post('/:id/judge', async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    const body = parseInput(ZJudgeComplaintBody, await jsonBody(c));
    return c.json({ ok: true as const, complaint: await complaints.judge(c.var.ctx, c.var.agent, id, body) });
  })
  .post('/:id/assign', async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    const body = parseInput(ZAssignComplaintBody, await jsonBody(c));
    return c.json({ ok: true as const, complaint: await complaints.assign(c.var.ctx, c.var.agent, id, body) });
  })
  .post('/:id/replies', async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    const body = parseInput(ZComplaintReplyBody, await jsonBody(c));
    return c.json({ ok: true as const, complaint: await complaints.reply(c.var.ctx, c.var.agent, id, body) });
  })
  .post('/:id/resolve', async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    const body = parseInput(ZResolveComplaintBody, await jsonBody(c));
    return c.json({ ok: true as const, complaint: await complaints.resolve(c.var.ctx, c.var.agent, id, body.resolution) });
  })
  .post('/:id/attachments', uploadLimit, async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    const { ctx, agent } = c.var;
    await complaints.assertAgentSees(ctx, agent, id);
    const file = await uploadedFile(c);
    const attachment = await addAttachment(ctx, id, { kind: 'agent', agentId: agent.id }, file);
    return c.json({ ok: true as const, attachment }, 201);
  })
  .get('/:id/attachments/:attachmentId', async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    await complaints.assertAgentSees(c.var.ctx, c.var.agent, id);
    const { bytes, headers } = await readAttachment(c.var.ctx, id, parseInput(ZId, c.req.param('attachmentId')));
    return c.body(new Uint8Array(bytes), 200, headers);
  })
  .post('/:id/close', async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    const body = parseInput(ZCloseComplaintBody, await jsonBody(c));
    return c.json({ ok: true as const, complaint: await complaints.closeByStaff(c.var.ctx, c.var.agent, id, body.reason) });
  });
