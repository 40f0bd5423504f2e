import type { TMonitorSnapshot } from '@kefu/shared';
import type { DbOrTrx } from '../db/database';
import { zonedDay } from '../platform/zoned-time';
import * as repo from './monitor.repository';

/** How many rows the lists of the monitor show (the counts cover everything). */
export const MONITOR_LIST_LIMIT = 20;

/**
 * The supervisor's live monitor as of `now`: queues per team, agents with load, the conversations
 * waiting longest for a reply, complaint deadlines due today or passed, and today's counters in
 * `timeZone`. Reads only; a handful of indexed queries (docs/protocol.md, "Live monitor").
 * @example const snapshot = await monitorSnapshot(ctx.db, ctx.clock(), { timeZone: ctx.config.timeZone })
 */
export async function monitorSnapshot(db: DbOrTrx, now: Date, opts: { timeZone: string }): Promise<TMonitorSnapshot> {
  const today = zonedDay(now, opts.timeZone);
  const [queues, agents, waiting, deadlines, deadlineCounts, counters] = await Promise.all([
    repo.queuesByTeam(db),
    repo.agentsWithLoad(db),
    repo.longestWaiting(db, MONITOR_LIST_LIMIT),
    repo.deadlinesAtRisk(db, now, today.end, MONITOR_LIST_LIMIT),
    repo.deadlineCounts(db, now, today.end),
    repo.dayCounters(db, today.start, today.end),
  ]);
  const online = agents.filter((a) => a.presence === 'online');
  return {
    at: now.toISOString(),
    teams: queues.map((q) => {
      const members = q.team_id === null ? online : online.filter((a) => a.team_ids.includes(q.team_id!));
      return {
        teamId: q.team_id,
        name: q.team_name,
        queued: q.queued,
        oldestQueuedAt: q.oldest?.toISOString() ?? null,
        agentsOnline: members.length,
        freeCapacity: members.reduce((sum, a) => sum + Math.max(0, a.max_concurrent - a.load), 0),
      };
    }),
    agents: agents.map((a) => ({
      id: a.id,
      name: a.name,
      role: a.role,
      presence: a.presence,
      presenceSince: a.presence_changed_at.toISOString(),
      load: a.load,
      capacity: a.max_concurrent,
      teamIds: a.team_ids,
    })),
    waiting: waiting.map((w) => ({
      conversationId: w.id,
      status: w.status,
      priority: w.priority,
      vip: w.vip,
      visitorName: w.visitor_name,
      teamId: w.team_id,
      teamName: w.team_name,
      assigneeId: w.assignee_id,
      assigneeName: w.assignee_name,
      waitingSince: w.waiting_since.toISOString(),
      lastMessageText: w.last_message_text === null ? null : w.last_message_text.slice(0, 140),
    })),
    complaints: [
      ...deadlines.atRisk.map((d) => toComplaint(d, 'at_risk')),
      ...deadlines.breached.map((d) => toComplaint(d, 'breached')),
    ],
    complaintCounts: deadlineCounts,
    today: { day: today.day, timeZone: opts.timeZone, ...counters },
  };
}

function toComplaint(d: repo.DeadlineRow, state: 'at_risk' | 'breached'): TMonitorSnapshot['complaints'][number] {
  return {
    complaintId: d.complaint_id,
    number: d.number,
    status: d.status,
    category: d.category,
    priority: d.priority,
    deadline: d.kind,
    dueAt: d.due_at.toISOString(),
    state,
    teamName: d.team_name,
    handlerName: d.handler_name,
  };
}
