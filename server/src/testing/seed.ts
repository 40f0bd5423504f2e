import type { Insertable } from 'kysely';
import type { ConversationsTable } from '../conversations/conversations.table';
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

/** A conversation straight into the database: nobody assigned, no messages, queued now — unless `values` says otherwise. */
export async function seedConversation(
  db: Db,
  values: Pick<Insertable<ConversationsTable>, 'site_id' | 'visitor_id' | 'status'> & Partial<Insertable<ConversationsTable>>,
): Promise<string> {
  const row = await db
    .insertInto('conversations')
    .values({ team_id: null, assignee_id: null, owner_id: null, queued_at: new Date(), assigned_at: null, resolved_at: null, last_message_text: null, last_message_at: null, waiting_since: null, ...values })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
