import { Hono } from 'hono';
import { ZCannedReplyBody, ZId, type TCannedReply } from '@kefu/shared';
import { AppError } from '../platform/errors';
import { jsonBody, requireRole, type AppEnv } from '../platform/http';
import { parseInput } from '../platform/validate';

/** Canned replies (标准语术): every agent reads them, managers edit them. */
export const cannedRoutes = new Hono<AppEnv>()
  .get('/', requireRole(), async (c) => {
    const rows = await c.var.ctx.db.selectFrom('canned_replies').select(['id', 'shortcut', 'title', 'body']).orderBy('shortcut').execute();
    return c.json({ ok: true as const, cannedReplies: rows satisfies TCannedReply[] });
  })
  .post('/', requireRole('manager'), async (c) => {
    const body = parseInput(ZCannedReplyBody, await jsonBody(c));
    const clash = await c.var.ctx.db.selectFrom('canned_replies').select('id').where('shortcut', '=', body.shortcut).executeTakeFirst();
    if (clash) throw new AppError('conflict', `the shortcut /${body.shortcut} is taken`);
    const row = await c.var.ctx.db.insertInto('canned_replies').values(body).returning(['id', 'shortcut', 'title', 'body']).executeTakeFirstOrThrow();
    return c.json({ ok: true as const, cannedReply: row }, 201);
  })
  .delete('/:id', requireRole('manager'), async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    const res = await c.var.ctx.db.deleteFrom('canned_replies').where('id', '=', id).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw new AppError('not_found', 'no such canned reply');
    return c.json({ ok: true as const });
  });
