import { Hono } from 'hono';
import { z } from 'zod';
import { ZId, ZSurveyAnswerBody, ZSurveySettingsBody, ZSurveyToken } from '@kefu/shared';
import { roleAtLeast } from '@kefu/shared';
import { canView, type Agent } from '../conversations/conversations.access';
import { getForAgent } from '../conversations/conversations.service';
import type { Ctx } from '../platform/context';
import { AppError } from '../platform/errors';
import { auditSettingsOf } from '../admin/actor';
import { changedFields } from '../admin/settings-audit';
import { jsonBody, requirePermission, requireRole, type AppEnv } from '../platform/http';
import { parseInput } from '../platform/validate';
import * as surveys from './surveys.service';

const ZListQuery = z.object({ conversationId: ZId.optional(), visitorId: ZId.optional() });
const ZSummaryQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  agentId: ZId.optional(),
});

/** Supervisors see every customer; an agent only one with a conversation they may see (not found otherwise). */
async function assertSeesCustomer(ctx: Ctx, agent: Agent, visitorId: string): Promise<void> {
  if (roleAtLeast(agent.role, 'supervisor')) return;
  const rows = await ctx.db.selectFrom('conversations').select(['team_id', 'assignee_id', 'owner_id']).where('visitor_id', '=', visitorId).execute();
  if (!rows.some((r) => canView(agent, { teamId: r.team_id, assigneeId: r.assignee_id, ownerId: r.owner_id }))) throw new AppError('not_found', 'no such customer');
}

/** Agents' survey API: ratings on a conversation or a customer, CSAT summary, site settings. */
export const surveysRoutes = new Hono<AppEnv>()
  .use(requireRole())
  .get('/', async (c) => {
    const q = parseInput(ZListQuery, c.req.query());
    if (q.conversationId) {
      await getForAgent(c.var.ctx, c.var.agent, q.conversationId);
      return c.json({ ok: true as const, surveys: await surveys.surveysOfConversation(c.var.ctx, q.conversationId) });
    }
    if (q.visitorId) {
      await assertSeesCustomer(c.var.ctx, c.var.agent, q.visitorId);
      return c.json({ ok: true as const, surveys: await surveys.surveysOfVisitor(c.var.ctx, q.visitorId) });
    }
    throw new AppError('bad_request', 'give conversationId or visitorId');
  })
  .get('/summary', requireRole('supervisor'), async (c) => {
    const q = parseInput(ZSummaryQuery, c.req.query());
    const summary = await surveys.csatSummary(c.var.ctx, {
      ...(q.from ? { from: new Date(q.from) } : {}),
      ...(q.to ? { to: new Date(q.to) } : {}),
      ...(q.agentId ? { agentId: q.agentId } : {}),
    });
    return c.json({ ok: true as const, summary });
  })
  .get('/settings/:siteId', requirePermission('settings.manage'), async (c) => {
    const siteId = parseInput(ZId, c.req.param('siteId'));
    return c.json({ ok: true as const, settings: await surveys.getSettings(c.var.ctx, siteId) });
  })
  .put('/settings/:siteId', requirePermission('settings.manage'), async (c) => {
    const siteId = parseInput(ZId, c.req.param('siteId'));
    const body = parseInput(ZSurveySettingsBody, await jsonBody(c));
    const before = await surveys.getSettings(c.var.ctx, siteId);
    const settings = await surveys.updateSettings(c.var.ctx, siteId, body);
    await auditSettingsOf(c, { setting: 'survey_settings', id: siteId, fields: changedFields(before, settings) });
    return c.json({ ok: true as const, settings });
  });

/** Public, token-scoped: the token opens its one survey and nothing else. */
export const surveyLinkRoutes = new Hono<AppEnv>()
  .get('/:token', async (c) => {
    const token = parseInput(ZSurveyToken, c.req.param('token'));
    return c.json({ ok: true as const, survey: await surveys.getByToken(c.var.ctx, token) });
  })
  .put('/:token', async (c) => {
    const token = parseInput(ZSurveyToken, c.req.param('token'));
    const body = parseInput(ZSurveyAnswerBody, await jsonBody(c));
    return c.json({ ok: true as const, survey: await surveys.answerByToken(c.var.ctx, token, body) });
  });
