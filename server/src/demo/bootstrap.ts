import { sql } from 'kysely';
import { createUser } from '../agents/agents.service';
import type { Ctx } from '../platform/context';
import { randomToken } from '../platform/secrets';
import { createSite } from '../sites/sites.service';
import { DEMO_SITE_KEY } from './demo.routes';

const CANNED = [
  { shortcut: 'hello', title: 'Greeting · 问候', body: '您好，很高兴为您服务！请问有什么可以帮您？' },
  { shortcut: 'wait', title: 'Please wait · 请稍候', body: '请您稍等，我马上为您查询。' },
  { shortcut: 'thanks', title: 'Closing · 结束语', body: '感谢您的耐心，祝您生活愉快！如有其他问题欢迎随时联系我们。' },
];

/**
 * First start: the admin account (from KEFU_ADMIN_EMAIL / KEFU_ADMIN_PASSWORD, or a printed one-time
 * password), and with KEFU_DEMO the demo team, site and canned replies. Idempotent.
 */
export async function bootstrap(ctx: Ctx, print: (line: string) => void = console.log): Promise<void> {
  const { n } = await ctx.db.selectFrom('users').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  let adminId: string | undefined;
  if (n === 0) {
    const password = ctx.config.adminPassword ?? randomToken(12);
    const admin = await createUser(ctx, { email: ctx.config.adminEmail, name: 'Admin', password, role: 'admin', locale: null });
    adminId = admin.id;
    print(`Admin account: ${ctx.config.adminEmail}`);
    if (!ctx.config.adminPassword) print(`One-time admin password (change it in the portal): ${password}`);
  }
  if (!ctx.config.demo) return;
  const site = await ctx.db.selectFrom('sites').select('id').where('key', '=', DEMO_SITE_KEY).executeTakeFirst();
  if (site) return;
  let team = await ctx.db.selectFrom('teams').select('id').where('name', '=', 'Support').executeTakeFirst();
  team ??= await ctx.db.insertInto('teams').values({ name: 'Support' }).returning('id').executeTakeFirstOrThrow();
  adminId ??= (await ctx.db.selectFrom('users').select('id').where('role', '=', 'admin').orderBy('created_at').executeTakeFirst())?.id;
  if (adminId) {
    await ctx.db.insertInto('team_members').values({ team_id: team.id, user_id: adminId }).onConflict((oc) => oc.doNothing()).execute();
  }
  await createSite(ctx, { name: 'Demo shop', allowedOrigins: [], defaultTeamId: team.id }, DEMO_SITE_KEY);
  for (const c of CANNED) {
    await ctx.db.insertInto('canned_replies').values(c).onConflict((oc) => oc.column('shortcut').doNothing()).execute();
  }
}
