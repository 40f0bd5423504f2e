import { sql } from 'kysely';
import type { TComplaintCategory, TComplaintStatus, TConversationStatus, TDeadlineKind, TPresence, TPriority, TRole } from '@kefu/shared';
import type { DbOrTrx } from '../db/database';

/** Complaint states in which deadlines still run (as in the complaints sweep). */
const RUNNING_COMPLAINTS = ['submitted', 'accepted', 'in_progress', 'reopened'] as const;

export type QueueRow = { team_id: string | null; team_name: string | null; queued: number; oldest: Date | null };

/** Every team with its queue length and oldest queued conversation, plus the team-less queue when it has any. */
export async function queuesByTeam(db: DbOrTrx): Promise<QueueRow[]> {
  const { rows } = await sql<QueueRow>`
    with q as (
      select team_id, count(*)::int as queued, min(queued_at) as oldest
      from conversations where status = 'queued' group by team_id
    )
    select t.id as team_id, t.name as team_name, coalesce(q.queued, 0) as queued, q.oldest
    from teams t left join q on q.team_id = t.id
    union all
    select null, null, q.queued, q.oldest from q where q.team_id is null
    order by team_name nulls last`.execute(db);
  return rows;
}

export type AgentRow = {
  id: string;
  name: string;
  role: TRole;
  presence: TPresence;
  presence_changed_at: Date;
  max_concurrent: number;
  load: number;
  team_ids: string[];
};

/** Active users with their presence, current load (active conversations held) and teams. */
export async function agentsWithLoad(db: DbOrTrx): Promise<AgentRow[]> {
  const { rows } = await sql<AgentRow>`
    select u.id, u.name, u.role, u.presence, u.presence_changed_at, u.max_concurrent,
      coalesce(l.load, 0)::int as load,
      coalesce((select array_agg(tm.team_id order by tm.team_id) from team_members tm where tm.user_id = u.id), '{}') as team_ids
    from users u
    left join (select assignee_id, count(*) as load from conversations where status = 'active' group by assignee_id) l
      on l.assignee_id = u.id
    where u.active
    order by case u.presence when 'online' then 0 when 'away' then 1 else 2 end, u.name, u.id`.execute(db);
  return rows;
}

export type WaitingRow = {
  id: string;
  status: TConversationStatus;
  priority: TPriority;
  vip: boolean;
  visitor_name: string | null;
  team_id: string | null;
  team_name: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  waiting_since: Date;
  last_message_text: string | null;
};

/** Open conversations whose customer waits for an agent's reply, longest first. */
export async function longestWaiting(db: DbOrTrx, limit: number): Promise<WaitingRow[]> {
  const { rows } = await sql<WaitingRow>`
    select c.id, c.status, c.priority, v.vip, v.name as visitor_name, c.team_id, t.name as team_name,
      c.assignee_id, u.name as assignee_name, c.waiting_since, c.last_message_text
    from conversations c
    join visitors v on v.id = c.visitor_id
    left join teams t on t.id = c.team_id
    left join users u on u.id = c.assignee_id
    where c.status <> 'resolved' and c.waiting_since is not null
    order by c.waiting_since, c.id
    limit ${limit}`.execute(db);
  return rows;
}

export type DeadlineRow = {
  complaint_id: string;
  number: string;
  status: TComplaintStatus;
  category: TComplaintCategory;
  priority: TPriority;
  kind: TDeadlineKind;
  due_at: Date;
  team_name: string | null;
  handler_name: string | null;
};

function openDeadlines(db: DbOrTrx) {
  return db
    .selectFrom('complaint_deadlines as d')
    .innerJoin('complaints as c', 'c.id', 'd.complaint_id')
    .where('d.met_at', 'is', null)
    .where('c.status', 'in', [...RUNNING_COMPLAINTS]);
}

/**
 * Unmet deadlines of running complaints: those due in [now, endOfDay) soonest first (at risk today),
 * and those already passed, most recently breached first.
 */
export async function deadlinesAtRisk(db: DbOrTrx, now: Date, endOfDay: Date, limit: number): Promise<{ atRisk: DeadlineRow[]; breached: DeadlineRow[] }> {
  const base = openDeadlines(db)
    .leftJoin('teams as t', 't.id', 'c.team_id')
    .leftJoin('users as h', 'h.id', 'c.handler_id')
    .select(['c.id as complaint_id', 'c.number', 'c.status', 'c.category', 'c.priority', 'd.kind', 'd.due_at', 't.name as team_name', 'h.name as handler_name']);
  const [atRisk, breached] = await Promise.all([
    base.where('d.due_at', '>=', now).where('d.due_at', '<', endOfDay).orderBy('d.due_at').orderBy('d.id').limit(limit).execute(),
    base.where('d.due_at', '<', now).orderBy('d.due_at', 'desc').orderBy('d.id').limit(limit).execute(),
  ]);
  return { atRisk, breached };
}

/** How many unmet deadlines of running complaints fall due today, and how many have passed. */
export async function deadlineCounts(db: DbOrTrx, now: Date, endOfDay: Date): Promise<{ atRisk: number; breached: number }> {
  const row = await openDeadlines(db)
    .select([
      sql<number>`count(*) filter (where d.due_at >= ${now} and d.due_at < ${endOfDay})::int`.as('atRisk'),
      sql<number>`count(*) filter (where d.due_at < ${now})::int`.as('breached'),
    ])
    .where('d.due_at', '<', endOfDay)
    .executeTakeFirstOrThrow();
  return { atRisk: row.atRisk, breached: row.breached };
}

/** Conversations started, resolved, and resolved without ever having had an agent (missed) in [start, end); complaints filed. */
export async function dayCounters(db: DbOrTrx, start: Date, end: Date): Promise<{ created: number; resolved: number; missed: number; complaintsFiled: number }> {
  const { rows } = await sql<{ created: number; resolved: number; missed: number; complaints_filed: number }>`
    select
      (select count(*) from conversations where created_at >= ${start} and created_at < ${end})::int as created,
      (select count(*) from conversations where resolved_at >= ${start} and resolved_at < ${end})::int as resolved,
      (select count(*) from conversations where resolved_at >= ${start} and resolved_at < ${end} and assigned_at is null)::int as missed,
      (select count(*) from complaints where created_at >= ${start} and created_at < ${end})::int as complaints_filed`.execute(db);
  const r = rows[0]!;
  return { created: r.created, resolved: r.resolved, missed: r.missed, complaintsFiled: r.complaints_filed };
}
