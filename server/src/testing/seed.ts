import type { Db } from '../db/database';

/** A team and a site routed to it, straight into the database (for repository and service tests). */
export async function seedSite(db: Db, names: { team: string; site: string; key: string }): Promise<{ teamId: string; siteId: string }> {
  const teamId = (await db.insertInto('teams').values({ name: names.team }).returning('id').executeTakeFirstOrThrow()).id;
  const siteId = (
    await db
      .insertInto('sites')
      .values({ name: names.site, key: names.key, allowed_origins: '[]', default_team_id: teamId, greeting: '{"zh-CN":"","en":""}', offline_message: '{"zh-CN":"","en":""}', locale: null, color: '#000000', business_hours: 'null' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  return { teamId, siteId };
}
