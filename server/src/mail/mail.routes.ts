import { Hono } from 'hono';
import { z } from 'zod';
import { requirePermission, type AppEnv } from '../platform/http';
import { parseInput } from '../platform/validate';
import { listOutbox } from './mail.service';

const ZOutboxQuery = z.object({ status: z.enum(['held', 'sent', 'failed']).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });

/** The mail outbox ('settings.manage'; mails wait here when SMTP_URL is not set). */
export const mailRoutes = new Hono<AppEnv>().get('/outbox', requirePermission('settings.manage'), async (c) => {
  const q = parseInput(ZOutboxQuery, c.req.query());
  return c.json({ ok: true as const, mails: await listOutbox(c.var.ctx.db, q) });
});
