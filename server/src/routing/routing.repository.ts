import { sql } from 'kysely';
import type { Trx } from '../db/database';
import type { ConversationEventRow } from '../conversations/conversations.table';
import { type JoinedRow, QUEUE_ORDER } from '../conversations/conversations.repository';

/**
 * One lock for every assignment decision (routing, claims, transfers, timeouts), across all
 * server processes: no conversation gets two agents and no agent goes over capacity.
 */
export async function takeAssignmentLock(trx: Trx): Promise<void> {
  await sql`select pg_advisory_xact_lock(7270001)`.execute(trx);
}

/** A queued conversation with the names of its wire shape, and the owner of the visitor's previous conversation. */
export type QueuedCandidate = JoinedRow & { previous_owner_id: string | null };

/**
 * The next `limit` queued conversations in queue order, skipping the given conversations and teams,
 * read with everything an assignment needs (the names for its broadcast, the returning customer's
 * previous owner) in one statement: a run reads the queue a page at a time, not one conversation
 * per statement (docs/benchmarks.md, "where opening a conversation goes"). Not locked: only holders
 * of the assignment lock assign, claim, transfer or requeue, and what else may happen meanwhile
 * (a resolution) is caught by assignWithEvent's check.
 */
export async function queuedPage(
  trx: Trx,
  exclude: { ids: string[]; teamIds: string[]; noTeam: boolean },
  limit: number,
): Promise<QueuedCandidate[]> {
  const skipIds = exclude.ids.length ? sql`and c.id <> all(${sql.val(exclude.ids)}::uuid[])` : sql``;
  const skipTeams = exclude.teamIds.length ? sql`and (c.team_id is null or c.team_id <> all(${sql.val(exclude.teamIds)}::uuid[]))` : sql``;
  const skipNoTeam = exclude.noTeam ? sql`and c.team_id is not null` : sql``;
  const skip = sql`${skipIds} ${skipTeams} ${skipNoTeam}`;
  const { rows } = await sql<QueuedCandidate>`
    select q.*, s.name as site_name, t.name as team_name, v.name as visitor_name, v.email as visitor_email,
      v.vip as visitor_vip, null::text as assignee_name, o.name as owner_name,
      (select p.owner_id from conversations p
        where p.visitor_id = q.visitor_id and p.id <> q.id and p.owner_id is not null
        order by p.created_at desc limit 1) as previous_owner_id
    from (
      select c.*, row_number() over (order by ${QUEUE_ORDER}) as place
      from conversations c join visitors v on v.id = c.visitor_id
      where c.status = 'queued' ${skip}
      order by ${QUEUE_ORDER}
      limit ${limit}
    ) q
    join sites s on s.id = q.site_id
    join visitors v on v.id = q.visitor_id
    left join teams t on t.id = q.team_id
    left join users o on o.id = q.owner_id
    order by q.place`.execute(trx);
  return rows.map(({ place: _, ...r }: QueuedCandidate & { place?: unknown }) => r);
}

export type AgentCandidate = { id: string; name: string; load: number; max_concurrent: number };

/**
 * Online agents of the team with free capacity, least loaded first, ties by longest idle.
 * Load counts only conversations waiting on the agent (status active), not resolved ones.
 */
export async function agentsWithCapacity(trx: Trx, teamId: string | null, exclude: string[] = []): Promise<AgentCandidate[]> {
  const team = teamId === null ? sql`true` : sql`exists (select 1 from team_members tm where tm.user_id = u.id and tm.team_id = ${teamId})`;
  const skip = exclude.length ? sql`and u.id <> all(${sql.val(exclude)}::uuid[])` : sql``;
  const { rows } = await sql<AgentCandidate>`
    select * from (
      select u.id, u.name, u.max_concurrent, u.last_assigned_at,
        (select count(*) from conversations c where c.assignee_id = u.id and c.status = 'active')::int as load
      from users u
      where u.active and u.presence = 'online' and ${team} ${skip}
    ) a
    where a.load < a.max_concurrent
    order by a.load, a.last_assigned_at nulls first, a.id`.execute(trx);
  return rows;
}

/** Load and capacity of one agent (for claims and transfers). */
export async function agentLoad(trx: Trx, userId: string): Promise<{ load: number; max_concurrent: number; active: boolean; name: string } | undefined> {
  const { rows } = await sql<{ load: number; max_concurrent: number; active: boolean; name: string }>`
    select u.max_concurrent, u.active, u.name,
      (select count(*) from conversations c where c.assignee_id = u.id and c.status = 'active')::int as load
    from users u where u.id = ${userId}`.execute(trx);
  return rows[0];
}

/** Gives the conversation to the agent and notes when the agent last got one (one statement). */
export async function markAssigned(trx: Trx, conversationId: string, agentId: string, at: Date): Promise<void> {
  await sql`
    with assigned as (
      update conversations set status = 'active', assignee_id = ${agentId}, assigned_at = ${at} where id = ${conversationId}
    )
    update users set last_assigned_at = ${at} where id = ${agentId}`.execute(trx);
}

/**
 * Routing's assignment in one statement: the conversation goes to the agent, the agent's last
 * assignment time moves on, and the trail gets its `assigned` event (returned for the broadcast).
 * Undefined, and nothing written, when the conversation is no longer queued (resolved since the
 * page was read).
 */
export async function assignWithEvent(trx: Trx, conversationId: string, agentId: string, at: Date, data: Record<string, unknown>): Promise<ConversationEventRow | undefined> {
  const { rows } = await sql<ConversationEventRow>`
    with assigned as (
      update conversations set status = 'active', assignee_id = ${agentId}, assigned_at = ${at}
      where id = ${conversationId} and status = 'queued'
      returning id
    ), agent as (
      update users set last_assigned_at = ${at} where id = ${agentId} and exists (select 1 from assigned)
    )
    insert into conversation_events (conversation_id, type, actor_id, data)
    select id, 'assigned', null, ${JSON.stringify(data)}::jsonb from assigned
    returning *`.execute(trx);
  return rows[0];
}

/** Active conversations whose assigned agent has not answered within `seconds`. */
export async function unansweredAssignments(trx: Trx, before: Date): Promise<{ id: string; assignee_id: string; team_id: string | null }[]> {
  const { rows } = await sql<{ id: string; assignee_id: string; team_id: string | null }>`
    select c.id, c.assignee_id, c.team_id from conversations c
    where c.status = 'active' and c.assigned_at < ${before}
      and c.waiting_since is not null
      and not exists (
        select 1 from messages m where m.conversation_id = c.id and m.author = 'agent'
          and m.internal = false and m.author_id = c.assignee_id and m.created_at >= c.assigned_at)
    order by c.assigned_at
    limit 100
    for update of c skip locked`.execute(trx);
  return rows;
}
