import { Hono } from 'hono';
import { ZCannedReplyBody, ZId, type TCannedReply } from '@kefu/shared';
import { actorOf } from '../admin/actor';
import { auditSettings, changedFields } from '../admin/settings-audit';
import { hasPermission } from '../conversations/conversations.access';
import type { DbOrTrx } from '../db/database';
import { AppError } from '../platform/errors';
import { jsonBody, requirePermission, requireRole, type AppEnv } from '../platform/http';
import { parseInput } from '../platform/validate';

const COLUMNS = ['id', 'shortcut', 'title', 'body', 'team_id'] as const;
type Row = { id: string; shortcut: string; title: string; body: string; team_id: string | null };
const toReply = (r: Row): TCannedReply => ({ id: r.id, shortcut: r.shortcut, title: r.title, body: r.body, teamId: r.team_id });

async function assertShortcutFree(db: DbOrTrx, shortcut: string, id: string | null): Promise<void> {
  const clash = await db.selectFrom('canned_replies').select('id').where('shortcut', '=', shortcut).executeTakeFirst();
  if (clash && clash.id !== id) throw new AppError('conflict', `the shortcut /${shortcut} is taken`);
}

async function assertTeam(db: DbOrTrx, teamId: string | null): Promise<void> {
  if (teamId && !(await db.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst())) throw new AppError('bad_request', 'no such team');
}

/**
 * Canned replies (标准语术): global or per team. Agents read the global ones and their teams'; those
 * with 'settings.manage' read all of them and edit them (audited).
 */
export const cannedRoutes = new Hono<AppEnv>()
  .get('/', requireRole(), async (c) => {
    const agent = c.var.agent;
    let q = c.var.ctx.db.selectFrom('canned_replies').select(COLUMNS).orderBy('shortcut');
    if (!hasPermission(agent, 'settings.manage')) {
      q = q.where((eb) => (agent.teamIds.length ? eb.or([eb('team_id', 'is', null), eb('team_id', 'in', agent.teamIds)]) : eb('team_id', 'is', null)));
    }
    return c.json({ ok: true as const, cannedReplies: (await q.execute()).map(toReply) });
  })
  .post('/', requirePermission('settings.manage'), async (c) => {
    const body = parseInput(ZCannedReplyBody, await jsonBody(c));
    const ctx = c.var.ctx;
    const row = await ctx.db.transaction().execute(async (trx) => {
      await assertShortcutFree(trx, body.shortcut, null);
      await assertTeam(trx, body.teamId);
      const row = await trx
        .insertInto('canned_replies')
        .values({ shortcut: body.shortcut, title: body.title, body: body.body, team_id: body.teamId })
        .returning(COLUMNS)
        .executeTakeFirstOrThrow();
      await auditSettings(trx, actorOf(c), { setting: 'canned_reply', id: row.id, fields: [], created: true }, ctx.clock());
      return row;
    });
    return c.json({ ok: true as const, cannedReply: toReply(row) }, 201);
  })
  .put('/:id', requirePermission('settings.manage'), async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    const body = parseInput(ZCannedReplyBody, await jsonBody(c));
    const ctx = c.var.ctx;
    const row = await ctx.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('canned_replies').select(COLUMNS).where('id', '=', id).executeTakeFirst();
      if (!before) throw new AppError('not_found', 'no such canned reply');
      await assertShortcutFree(trx, body.shortcut, id);
      await assertTeam(trx, body.teamId);
      const row = await trx
        .updateTable('canned_replies')
        .set({ shortcut: body.shortcut, title: body.title, body: body.body, team_id: body.teamId })
        .where('id', '=', id)
        .returning(COLUMNS)
        .executeTakeFirstOrThrow();
      await auditSettings(trx, actorOf(c), { setting: 'canned_reply', id, fields: changedFields(toReply(before), toReply(row)) }, ctx.clock());
      return row;
    });
    return c.json({ ok: true as const, cannedReply: toReply(row) });
  })
  .delete('/:id', requirePermission('settings.manage'), async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    const ctx = c.var.ctx;
    await ctx.db.transaction().execute(async (trx) => {
      const res = await trx.deleteFrom('canned_replies').where('id', '=', id).executeTakeFirst();
      if (Number(res.numDeletedRows) === 0) throw new AppError('not_found', 'no such canned reply');
      await auditSettings(trx, actorOf(c), { setting: 'canned_reply', id, fields: [], deleted: true }, ctx.clock());
    });
    return c.json({ ok: true as const });
  });
