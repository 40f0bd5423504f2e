import { Hono } from 'hono';
import { z } from 'zod';
import { ZId, ZPhraseCheckBody, ZProhibitedPhraseBody, ZReviewBody, ZScorecardBody } from '@kefu/shared';
import { getForAgent } from '../conversations/conversations.service';
import { jsonBody, requirePermission, requireRole, type AppEnv } from '../platform/http';
import { parseInput } from '../platform/validate';
import { auditSettingsOf } from '../admin/actor';
import * as quality from './quality.service';

const ZReviewsQuery = z.object({ agentId: ZId.optional(), conversationId: ZId.optional() });

/** Quality (质检): prohibited phrases, the composer check, flags, scorecard, reviews. */
export const qualityRoutes = new Hono<AppEnv>()
  .use(requireRole())
  .get('/phrases', async (c) => c.json({ ok: true as const, phrases: await quality.listPhrases(c.var.ctx) }))
  .post('/phrases', requirePermission('settings.manage'), async (c) => {
    const body = parseInput(ZProhibitedPhraseBody, await jsonBody(c));
    const phrase = await quality.createPhrase(c.var.ctx, body);
    await auditSettingsOf(c, { setting: 'prohibited_phrase', id: phrase.id, fields: [], created: true });
    return c.json({ ok: true as const, phrase }, 201);
  })
  .put('/phrases/:id', requirePermission('settings.manage'), async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    const body = parseInput(ZProhibitedPhraseBody, await jsonBody(c));
    const phrase = await quality.updatePhrase(c.var.ctx, id, body);
    await auditSettingsOf(c, { setting: 'prohibited_phrase', id, fields: Object.keys(body).sort() });
    return c.json({ ok: true as const, phrase });
  })
  .delete('/phrases/:id', requirePermission('settings.manage'), async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    await quality.deletePhrase(c.var.ctx, id);
    await auditSettingsOf(c, { setting: 'prohibited_phrase', id, fields: [], deleted: true });
    return c.json({ ok: true as const });
  })
  .post('/check', async (c) => {
    const body = parseInput(ZPhraseCheckBody, await jsonBody(c));
    return c.json({ ok: true as const, matches: await quality.checkText(c.var.ctx, body.text) });
  })
  .get('/flags', async (c) => {
    const { conversationId } = parseInput(z.object({ conversationId: ZId }), c.req.query());
    await getForAgent(c.var.ctx, c.var.agent, conversationId);
    return c.json({ ok: true as const, flags: await quality.flagsOf(c.var.ctx, conversationId) });
  })
  .get('/scorecard', async (c) => c.json({ ok: true as const, criteria: await quality.getScorecard(c.var.ctx) }))
  .put('/scorecard', requirePermission('settings.manage'), async (c) => {
    const body = parseInput(ZScorecardBody, await jsonBody(c));
    const criteria = await quality.setScorecard(c.var.ctx, body);
    await auditSettingsOf(c, { setting: 'qa_scorecard', id: null, fields: ['criteria'] });
    return c.json({ ok: true as const, criteria });
  })
  .get('/reviews', async (c) => {
    const q = parseInput(ZReviewsQuery, c.req.query());
    return c.json({ ok: true as const, reviews: await quality.reviews(c.var.ctx, c.var.agent, q) });
  })
  .post('/reviews', requireRole('supervisor'), async (c) => {
    const body = parseInput(ZReviewBody, await jsonBody(c));
    return c.json({ ok: true as const, review: await quality.review(c.var.ctx, c.var.agent, body) }, 201);
  })
  .get('/review-queue', requireRole('supervisor'), async (c) => c.json({ ok: true as const, queue: await quality.reviewQueue(c.var.ctx) }));
