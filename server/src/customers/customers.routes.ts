import { Hono } from 'hono';
import { ZCustomerNoteBody, ZCustomerSearch, ZCustomerUpdateBody, ZId, ZRevealBody } from '@kefu/shared';
import { recordAudit } from '../audit/audit.service';
import { assertPermission } from '../conversations/conversations.access';
import { AppError } from '../platform/errors';
import { jsonBody, requirePermission, requireRole, type AppEnv } from '../platform/http';
import { requestIp } from '../platform/limits';
import { parseInput } from '../platform/validate';
import { identitySecretOf, rotateIdentitySecret } from './customers.identity';
import * as customers from './customers.service';

/** Customer profiles (客户档案) for agents; contact fields come masked, reveal/export/delete are permissions. */
export const customersRoutes = new Hono<AppEnv>()
  .use(requireRole())
  .get('/', async (c) => {
    const q = parseInput(ZCustomerSearch, c.req.query());
    return c.json({ ok: true as const, customers: await customers.searchCustomers(c.var.ctx, c.var.agent, q) });
  })
  .get('/by-visitor/:visitorId', async (c) => {
    const visitorId = parseInput(ZId, c.req.param('visitorId'));
    return c.json({ ok: true as const, profile: await customers.profileOfVisitor(c.var.ctx, c.var.agent, visitorId) });
  })
  .get('/:id', async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    return c.json({ ok: true as const, profile: await customers.getProfile(c.var.ctx, c.var.agent, id) });
  })
  .patch('/:id', async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    const body = parseInput(ZCustomerUpdateBody, await jsonBody(c));
    return c.json({ ok: true as const, customer: await customers.updateCustomer(c.var.ctx, c.var.agent, id, body) });
  })
  .post('/:id/notes', async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    const { body } = parseInput(ZCustomerNoteBody, await jsonBody(c));
    return c.json({ ok: true as const, notes: await customers.addNote(c.var.ctx, c.var.agent, id, body) }, 201);
  })
  .post('/:id/reveal', async (c) => {
    assertPermission(c.var.agent, 'customers.reveal');
    const id = parseInput(ZId, c.req.param('id'));
    const { field } = parseInput(ZRevealBody, await jsonBody(c));
    const ip = requestIp(c, c.var.ctx.config.trustProxy);
    return c.json({ ok: true as const, field, value: await customers.revealField(c.var.ctx, { agent: c.var.agent, ip }, id, field) });
  })
  .post('/:id/export', async (c) => {
    assertPermission(c.var.agent, 'data.export');
    const id = parseInput(ZId, c.req.param('id'));
    const ip = requestIp(c, c.var.ctx.config.trustProxy);
    const data = await customers.exportCustomer(c.var.ctx, { agent: c.var.agent, ip }, id);
    c.header('content-disposition', `attachment; filename="customer-${id}.json"`);
    c.header('cache-control', 'no-store');
    return c.json({ ok: true as const, export: data });
  })
  .delete('/:id', async (c) => {
    assertPermission(c.var.agent, 'customers.delete');
    const id = parseInput(ZId, c.req.param('id'));
    const ip = requestIp(c, c.var.ctx.config.trustProxy);
    return c.json({ ok: true as const, erased: await customers.deleteCustomer(c.var.ctx, { agent: c.var.agent, ip }, id) });
  });

/** The site's identity secret for Kefu.identify ('settings.manage'; rotating is audited as a settings change). */
// Middleware per route, not .use(): this sub-app shares /api/sites with the site routes.
export const identitySecretRoutes = new Hono<AppEnv>()
  .get('/:id/identity-secret', requirePermission('settings.manage'), async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    const site = await c.var.ctx.db.selectFrom('sites').select('id').where('id', '=', id).executeTakeFirst();
    if (!site) throw new AppError('not_found', 'no such site');
    return c.json({ ok: true as const, identitySecret: await identitySecretOf(c.var.ctx.db, id) });
  })
  .post('/:id/identity-secret/rotate', requirePermission('settings.manage'), async (c) => {
    const id = parseInput(ZId, c.req.param('id'));
    const ip = requestIp(c, c.var.ctx.config.trustProxy);
    const secret = await c.var.ctx.db.transaction().execute(async (trx) => {
      const s = await rotateIdentitySecret(trx, id);
      if (!s) throw new AppError('not_found', 'no such site');
      await recordAudit(trx, { actorId: c.var.agent.id, action: 'settings.changed', targetType: 'site', targetId: id, detail: { identitySecret: 'rotated' }, ip }, c.var.ctx.clock());
      return s;
    });
    return c.json({ ok: true as const, identitySecret: secret });
  });
