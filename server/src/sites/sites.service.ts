import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { TSite, TSiteBody, TWidgetConfig, TWidgetSession } from '@kefu/shared';
import { isWithinBusinessHours, ZSiteBody } from '@kefu/shared';
import type { DbOrTrx } from '../db/database';
import type { Ctx } from '../platform/context';
import { AppError } from '../platform/errors';
import { hashToken, randomToken } from '../platform/secrets';
import { anonymousCustomer } from '../customers/customers.repository';
import { auditSettings, changedFields, type TSettingsActor } from '../admin/settings-audit';
import type { SiteRow, VisitorRow } from './sites.table';

const DEFAULT_GREETING = { 'zh-CN': '您好！有什么可以帮您？', en: 'Hi! How can we help?' };
const DEFAULT_OFFLINE = {
  'zh-CN': '客服暂时不在线。请留言并留下邮箱，我们会尽快回复。',
  en: 'No one is online right now. Leave a message and your email, and we will get back to you.',
};

export function toSite(row: SiteRow): TSite {
  return {
    id: row.id,
    name: row.name,
    key: row.key,
    allowedOrigins: row.allowed_origins,
    defaultTeamId: row.default_team_id,
    greeting: row.greeting,
    offlineMessage: row.offline_message,
    locale: row.locale,
    color: row.color,
    businessHours: row.business_hours,
    launcherPosition: row.launcher_position,
    routingRules: row.routing_rules,
  };
}

export async function listSites(db: DbOrTrx): Promise<TSite[]> {
  const rows = await db.selectFrom('sites').selectAll().orderBy('created_at').execute();
  return rows.map(toSite);
}

export async function findSiteByKey(db: DbOrTrx, key: string): Promise<SiteRow | undefined> {
  return db.selectFrom('sites').selectAll().where('key', '=', key).executeTakeFirst();
}

/** Every column of a visitor row; the type check fails when the table gains one not listed here. */
const VISITOR_COLUMNS = ['id', 'site_id', 'token_hash', 'name', 'email', 'vip', 'created_at', 'last_seen_at', 'customer_id'] as const;
type Unlisted = Exclude<keyof VisitorRow, (typeof VISITOR_COLUMNS)[number]>;
const _everyVisitorColumn: Unlisted extends never ? true : Unlisted = true;
void _everyVisitorColumn;

export type WidgetSite = { site: SiteRow; visitor: VisitorRow | undefined; agentsOnline: number };

/**
 * A widget request's site with, in the same statement, the visitor behind `visitorToken` (when
 * given, and of this site) and the number of agents online for the site's default team (when
 * asked): opening a widget session and connecting its socket each read them one by one, which was
 * three statements of a new conversation's opening (docs/benchmarks.md).
 */
export async function findWidgetSite(db: DbOrTrx, key: string, opts: { visitorToken?: string | undefined; agentsOnline?: boolean }): Promise<WidgetSite | undefined> {
  const token = opts.visitorToken;
  const row = await db
    .selectFrom('sites as s')
    .selectAll('s')
    .$if(token !== undefined, (q) =>
      q
        .leftJoin('visitors as v', (j) => j.onRef('v.site_id', '=', 's.id').on('v.token_hash', '=', hashToken(token ?? '')))
        .select(VISITOR_COLUMNS.map((c) => sql.ref(`v.${c}`).as(`v_${c}`))),
    )
    .$if(opts.agentsOnline === true, (q) =>
      q.select(
        sql<number>`(select count(*) from users u where u.active and u.presence = 'online'
          and (s.default_team_id is null or exists (select 1 from team_members tm where tm.user_id = u.id and tm.team_id = s.default_team_id)))::int`.as('agents_online'),
      ),
    )
    .where('s.key', '=', key)
    .executeTakeFirst();
  if (!row) return undefined;
  const r = row as Record<string, unknown>;
  const site = Object.fromEntries(Object.entries(r).filter(([k]) => !k.startsWith('v_') && k !== 'agents_online')) as SiteRow;
  const visitor = r.v_id ? (Object.fromEntries(VISITOR_COLUMNS.map((c) => [c, r[`v_${c}`]])) as VisitorRow) : undefined;
  return { site, visitor, agentsOnline: Number(r.agents_online ?? 0) };
}

export async function createSite(ctx: Ctx, body: TSiteBody, key: string = randomToken(12), actor: TSettingsActor = { id: null }): Promise<TSite> {
  const input = ZSiteBody.parse(body);
  return ctx.db.transaction().execute(async (trx) => {
  const row = await trx
    .insertInto('sites')
    .values({
      name: input.name,
      key,
      allowed_origins: JSON.stringify(input.allowedOrigins),
      default_team_id: input.defaultTeamId,
      greeting: JSON.stringify(input.greeting ?? DEFAULT_GREETING),
      offline_message: JSON.stringify(input.offlineMessage ?? DEFAULT_OFFLINE),
      locale: input.locale,
      color: input.color,
      business_hours: JSON.stringify(input.businessHours),
      launcher_position: input.launcherPosition,
      routing_rules: JSON.stringify(input.routingRules),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await auditSettings(trx, actor, { setting: 'site', id: row.id, fields: [], created: true }, ctx.clock());
  return toSite(row);
  });
}

/**
 * Changes the given fields of a site (only those present in `body`: zod's partial would fill the
 * others with their defaults) and audits the names of the fields that changed.
 */
export async function updateSite(ctx: Ctx, id: string, body: Partial<TSiteBody>, actor: TSettingsActor = { id: null }): Promise<TSite> {
  const parsed = ZSiteBody.partial().parse(body);
  const given = body as Record<string, unknown>;
  const input = Object.fromEntries(Object.entries(parsed).filter(([k]) => given[k] !== undefined)) as typeof parsed;
  const set = {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.allowedOrigins !== undefined && { allowed_origins: JSON.stringify(input.allowedOrigins) }),
    ...(input.defaultTeamId !== undefined && { default_team_id: input.defaultTeamId }),
    ...(input.greeting !== undefined && { greeting: JSON.stringify(input.greeting) }),
    ...(input.offlineMessage !== undefined && { offline_message: JSON.stringify(input.offlineMessage) }),
    ...(input.locale !== undefined && { locale: input.locale }),
    ...(input.color !== undefined && { color: input.color }),
    ...(input.businessHours !== undefined && { business_hours: JSON.stringify(input.businessHours) }),
    ...(input.launcherPosition !== undefined && { launcher_position: input.launcherPosition }),
    ...(input.routingRules !== undefined && { routing_rules: JSON.stringify(input.routingRules) }),
  };
  return ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('sites').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw new AppError('not_found', 'no such site');
    const row = Object.keys(set).length ? await trx.updateTable('sites').where('id', '=', id).set(set).returningAll().executeTakeFirstOrThrow() : before;
    const { key: _k1, ...was } = toSite(before);
    const { key: _k2, ...now } = toSite(row);
    await auditSettings(trx, actor, { setting: 'site', id, fields: changedFields(was, now) }, ctx.clock());
    return toSite(row);
  });
}

/** Issues a new site key (the old one stops working at once: embed snippets must be updated). */
export async function rotateSiteKey(ctx: Ctx, id: string, actor: TSettingsActor): Promise<TSite> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.updateTable('sites').where('id', '=', id).set({ key: randomToken(12) }).returningAll().executeTakeFirst();
    if (!row) throw new AppError('not_found', 'no such site');
    // The key's name only: the new value is not written to the audit log.
    await auditSettings(trx, actor, { setting: 'site', id, fields: ['key'] }, ctx.clock());
    return toSite(row);
  });
}

/**
 * True when a page on `hostOrigin` may embed the site's widget: listed in its allowed origins
 * (or `*`), or Kefu's own origin (the built-in demo page).
 */
export function isOriginAllowed(site: SiteRow, hostOrigin: string, ownHost: string | undefined): boolean {
  if (site.allowed_origins.includes('*') || site.allowed_origins.includes(hostOrigin)) return true;
  try {
    return ownHost !== undefined && new URL(hostOrigin).host === ownHost;
  } catch {
    return false;
  }
}

/**
 * What the widget shows before the first message: greeting, colours, and whether anyone can answer
 * now (`agentsOnline`: of the site's default team, from findWidgetSite).
 */
export function widgetConfig(ctx: Ctx, site: SiteRow, agentsOnline: number): TWidgetConfig {
  const withinBusinessHours = isWithinBusinessHours(site.business_hours, ctx.clock());
  return {
    siteName: site.name,
    color: site.color,
    launcherPosition: site.launcher_position,
    locale: site.locale,
    greeting: site.greeting,
    offlineMessage: site.offline_message,
    withinBusinessHours,
    agentsOnline: agentsOnline > 0,
    available: withinBusinessHours && agentsOnline > 0,
  };
}

/**
 * Kefu.reset: the visitor behind `token` on this site gets a token no one holds, so the one this
 * browser had opens nothing any more — neither a session nor a socket — and its sockets are closed
 * (`visitor.session_ended`). The visitor, their customer and conversations stay for the agents.
 * An unknown token changes nothing. Returns whether a visitor was found.
 */
export async function endVisitorSession(ctx: Ctx, siteKey: string, token: string): Promise<boolean> {
  const ended = await ctx.db
    .updateTable('visitors')
    .set({ token_hash: hashToken(randomToken()) })
    .where('token_hash', '=', hashToken(token))
    .where('site_id', 'in', (eb) => eb.selectFrom('sites').select('id').where('key', '=', siteKey))
    .returning('id')
    .executeTakeFirst();
  if (ended) ctx.bus.publish('visitor.session_ended', { visitorId: ended.id });
  return !!ended;
}

/**
 * Resumes `known` (the visitor behind the widget's token, already read by the caller) or issues a
 * new visitor and token. A new anonymous visitor (no identify in the request) is written with its
 * anonymous customer (same id) in one statement: most sessions are new visitors, and linking one
 * afterwards took a transaction of four more statements (docs/benchmarks.md, "where opening a
 * conversation goes").
 */
export async function openVisitorSession(
  ctx: Ctx,
  site: SiteRow,
  known: { visitor: VisitorRow; token: string } | undefined,
  opts: { anonymous: boolean; config: TWidgetConfig },
): Promise<{ session: TWidgetSession; created: boolean }> {
  const { config } = opts;
  if (known) {
    await ctx.db.updateTable('visitors').set({ last_seen_at: ctx.clock() }).where('id', '=', known.visitor.id).execute();
    return { session: { visitorToken: known.token, visitorId: known.visitor.id, config }, created: false };
  }
  const fresh = randomToken();
  if (!opts.anonymous) {
    // An identify follows: the customer comes from it (customers.identity.ts).
    const { id } = await ctx.db
      .insertInto('visitors')
      .values({ site_id: site.id, token_hash: hashToken(fresh), name: null, email: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { session: { visitorToken: fresh, visitorId: id, config }, created: false };
  }
  const id = randomUUID();
  const now = ctx.clock();
  // PostgreSQL runs the `with` insert whether or not the main one reads it, and checks the foreign
  // key at the end of the statement.
  await ctx.db
    .with('customer', (db) => db.insertInto('customers').values(anonymousCustomer({ id, siteId: site.id, vip: false }, now)).returning('id'))
    .insertInto('visitors')
    .values({ id, site_id: site.id, token_hash: hashToken(fresh), name: null, email: null, customer_id: id })
    .execute();
  return { session: { visitorToken: fresh, visitorId: id, config }, created: true };
}
