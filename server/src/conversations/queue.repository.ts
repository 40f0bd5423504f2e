import { type RawBuilder, sql } from 'kysely';
import type { TQueueInfo } from '@kefu/shared';
import type { DbOrTrx } from '../db/database';
import { secondsPerConversation } from './conversations.repository';

// Queue positions without re-ranking the whole queue where one place will do (docs/benchmarks.md,
// "Assignment"): one conversation's place is a count of those ahead of it, and the customers' pushes
// read every place in one statement.

/**
 * The queue order as an ascending key (VIP first, then priority, then the oldest, then id); the
 * same order as QUEUE_ORDER, written so that a row comparison can count who is ahead.
 */
export const queueKey = (c: string, v: string) =>
  sql`(not ${sql.ref(`${v}.vip`)}, case ${sql.ref(`${c}.priority`)} when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end, coalesce(${sql.ref(`${c}.queued_at`)}, 'infinity'::timestamptz), ${sql.ref(`${c}.id`)})`;

const teamIs = (teamId: string | null) => (teamId === null ? sql`c.team_id is null` : sql`c.team_id = ${teamId}`);

/** The team's last 20 assignments in six hours (`assigned_at`, `queued_at`), newest first: what its pace is reckoned from. */
export const recentAssignments = (team: RawBuilder<unknown>) => sql<{ assigned_at: Date; queued_at: Date }>`
    select c.assigned_at, c.queued_at from conversations c
    where ${team} and c.assigned_at is not null and c.queued_at is not null
      and c.assigned_at > now() - interval '6 hours'
    order by c.assigned_at desc limit 20`;

/** Seconds the team needs per queued conversation, from its last 20 assignments in six hours (docs/protocol.md). */
export async function teamPace(db: DbOrTrx, teamId: string | null): Promise<number | null> {
  const { rows } = await recentAssignments(teamIs(teamId)).execute(db);
  return secondsPerConversation(rows);
}

export const queueInfo = (position: number, pace: number | null): TQueueInfo => ({
  position,
  expectedWaitSeconds: pace === null ? null : Math.round(pace * position),
});

/** The queue place of one queued conversation (the count of those ahead of it, plus one), or null. */
export async function queuePlace(db: DbOrTrx, conversation: { id: string; team_id: string | null }): Promise<TQueueInfo | null> {
  const [{ rows }, pace] = await Promise.all([
    sql<{ position: number | null }>`
      select (select count(*) from conversations c join visitors v on v.id = c.visitor_id
              where c.status = 'queued' and ${teamIs(conversation.team_id)} and ${queueKey('c', 'v')} < ${queueKey('me', 'mv')})::int + 1 as position
      from conversations me join visitors mv on mv.id = me.visitor_id
      where me.id = ${conversation.id} and me.status = 'queued'`.execute(db),
    teamPace(db, conversation.team_id),
  ]);
  const position = rows[0]?.position;
  return position ? queueInfo(position, pace) : null;
}

export type QueuedCustomer = { id: string; visitor_id: string; last_seq: number; created_at: Date; queue: TQueueInfo };

/** Every queued conversation of a team with its place and expected wait, in queue order (one statement for the places). */
export async function queuedCustomers(db: DbOrTrx, teamId: string | null): Promise<QueuedCustomer[]> {
  const [{ rows }, pace] = await Promise.all([
    sql<{ id: string; visitor_id: string; last_seq: number; created_at: Date; position: number }>`
      select c.id, c.visitor_id, c.last_seq, c.created_at, (row_number() over (order by ${queueKey('c', 'v')}))::int as position
      from conversations c join visitors v on v.id = c.visitor_id
      where c.status = 'queued' and ${teamIs(teamId)}
      order by position`.execute(db),
    teamPace(db, teamId),
  ]);
  return rows.map((r) => ({ id: r.id, visitor_id: r.visitor_id, last_seq: r.last_seq, created_at: r.created_at, queue: queueInfo(r.position, pace) }));
}
