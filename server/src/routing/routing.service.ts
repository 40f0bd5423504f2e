import type { TConversation } from '@kefu/shared';
import type { Ctx } from '../platform/context';
import * as conversations from '../conversations/conversations.repository';
import * as repo from './routing.repository';
import { clearAnnounced, noteChanged } from '../conversations/announcements';

/** Queued conversations read per statement in a routing run. */
const QUEUE_PAGE = 25;

type Assignment = {
  conversationId: string;
  teamId: string | null;
  event: Awaited<ReturnType<typeof conversations.insertEvent>>;
  /** The committed conversation, for the broadcasts (no read after commit). */
  conversation: TConversation;
};

/**
 * Assigns queued conversations to online agents with free capacity, in queue order (VIP, priority,
 * oldest): a returning customer goes back to their previous owner when that owner can take them,
 * otherwise to the least loaded agent of the team, ties by longest idle. Agents who let this
 * conversation time out are passed over. Runs under the assignment lock, so it is safe from any
 * number of processes at once.
 */
export async function assignQueuedConversations(ctx: Ctx, maxAssignments = 500): Promise<number> {
  const assigned = await ctx.db.transaction().execute(async (trx) => {
    await repo.takeAssignmentLock(trx);
    // When the assignments happen, not when the run began waiting for the lock.
    const now = ctx.clock();
    const done: Assignment[] = [];
    const exclude = { ids: [] as string[], teamIds: [] as string[], noTeam: false };
    const excludeTeam = (teamId: string | null) => (teamId === null ? (exclude.noTeam = true) : exclude.teamIds.push(teamId));
    // Each team's agents with free capacity are read once per run; loads added in this run are kept
    // here (an agent may serve several teams). Under the assignment lock no one else can add load;
    // capacity freed meanwhile waits for the next run.
    const teamAgents = new Map<string | null, repo.AgentCandidate[]>();
    const addedInRun = new Map<string, { count: number; order: number }>();
    const withRunLoad = (base: repo.AgentCandidate[]) =>
      base
        .map((a) => ({ a: { ...a, load: a.load + (addedInRun.get(a.id)?.count ?? 0) }, order: addedInRun.get(a.id)?.order ?? -1 }))
        .filter((x) => x.a.load < x.a.max_concurrent)
        // Least loaded first; ties keep the database's longest-idle order, agents assigned in this run last.
        .sort((x, y) => x.a.load - y.a.load || x.order - y.order)
        .map((x) => x.a);
    const excluded = (c: repo.QueuedCandidate) =>
      exclude.ids.includes(c.id) || (c.team_id === null ? exclude.noTeam : exclude.teamIds.includes(c.team_id));
    // The queue a page at a time; a page's candidates of a team excluded meanwhile are passed over.
    let page: repo.QueuedCandidate[] = [];
    let more = true;
    const next = async (): Promise<repo.QueuedCandidate | undefined> => {
      for (;;) {
        for (let c = page.shift(); c; c = page.shift()) if (!excluded(c)) return c;
        if (!more) return undefined;
        page = await repo.queuedPage(trx, exclude, QUEUE_PAGE);
        more = page.length === QUEUE_PAGE;
      }
    };
    while (done.length < maxAssignments) {
      const conv = await next();
      if (!conv) break;
      let base = teamAgents.get(conv.team_id);
      if (!base) teamAgents.set(conv.team_id, (base = await repo.agentsWithCapacity(trx, conv.team_id)));
      const agents = withRunLoad(base);
      if (agents.length === 0) {
        // Nobody in this team can take more: skip the rest of its queue in this run.
        excludeTeam(conv.team_id);
        continue;
      }
      const eligible = agents.filter((a) => !conv.missed_agent_ids.includes(a.id));
      const preferredId = conv.owner_id ?? conv.previous_owner_id;
      const agent = eligible.find((a) => a.id === preferredId) ?? eligible[0];
      if (!agent) {
        exclude.ids.push(conv.id);
        continue;
      }
      const event = await repo.assignWithEvent(trx, conv.id, agent.id, now, {
        agentId: agent.id,
        agentName: agent.name,
        reason: agent.id === preferredId ? 'previous_owner' : 'routing',
      });
      if (!event) {
        // Resolved since the page was read.
        exclude.ids.push(conv.id);
        continue;
      }
      const { previous_owner_id: _, ...row } = conv;
      const conversation = conversations.toConversation({ ...row, status: 'active', assignee_id: agent.id, assignee_name: agent.name, assigned_at: now }, null);
      done.push({ conversationId: conv.id, teamId: conv.team_id, event, conversation });
      addedInRun.set(agent.id, { count: (addedInRun.get(agent.id)?.count ?? 0) + 1, order: done.length });
      if (withRunLoad(base).length === 0) excludeTeam(conv.team_id);
    }
    // Committed with the assignments: if this process dies before telling anyone, another announces them.
    const at = new Date();
    await noteChanged(trx, done.map((a) => a.conversationId), at);
    return { done, at };
  });
  publishAssignments(ctx, assigned.done);
  clearAnnounced(ctx, assigned.done.map((a) => a.conversationId), assigned.at);
  return assigned.done.length;
}

function publishAssignments(ctx: Ctx, assigned: Assignment[]): void {
  if (assigned.length === 0) return;
  for (const a of assigned) ctx.bus.publish('conversation.event_recorded', { event: conversations.toEvent(a.event, null) });
  for (const a of assigned) ctx.bus.publish('conversation.updated', { conversationId: a.conversationId, conversation: a.conversation, change: 'state' });
  for (const teamId of new Set(assigned.map((a) => a.teamId))) ctx.bus.publish('queue.changed', { teamId });
}

/**
 * Puts back in the queue (at its old place) every conversation whose assigned agent has not answered
 * within the configured time, records it on the trail and tells supervisors; routing then offers it
 * to the next agent. Safe on every node (row locks with SKIP LOCKED under the assignment lock).
 */
export async function requeueUnansweredAssignments(ctx: Ctx): Promise<number> {
  const now = ctx.clock();
  const before = new Date(now.getTime() - ctx.config.assignTimeoutSeconds * 1000);
  const at = new Date();
  const timedOut = await ctx.db.transaction().execute(async (trx) => {
    await repo.takeAssignmentLock(trx);
    const rows = await repo.unansweredAssignments(trx, before);
    const out: { id: string; agentId: string; agentName: string; teamId: string | null; event: Awaited<ReturnType<typeof conversations.insertEvent>> }[] = [];
    for (const row of rows) {
      const agent = await repo.agentLoad(trx, row.assignee_id);
      await trx
        .updateTable('conversations')
        .set((eb) => ({
          status: 'queued',
          assignee_id: null,
          queued_at: eb.fn.coalesce('queued_at', eb.val(now)),
          missed_agent_ids: eb.fn('array_append', ['missed_agent_ids', eb.val(row.assignee_id)]),
        }))
        .where('id', '=', row.id)
        .execute();
      const event = await conversations.insertEvent(trx, {
        conversationId: row.id,
        type: 'assignment_timed_out',
        actorId: null,
        data: { agentId: row.assignee_id, agentName: agent?.name ?? null, seconds: ctx.config.assignTimeoutSeconds },
      });
      out.push({ id: row.id, agentId: row.assignee_id, agentName: agent?.name ?? '', teamId: row.team_id, event });
    }
    await noteChanged(trx, out.map((t) => t.id), at);
    return out;
  });
  for (const t of timedOut) {
    ctx.bus.publish('conversation.event_recorded', { event: conversations.toEvent(t.event, null) });
    ctx.bus.publish('conversation.updated', { conversationId: t.id });
    const conversation = await conversations.getConversation(ctx.db, t.id);
    if (conversation) ctx.bus.publish('assignment.timed_out', { conversation, agentId: t.agentId, agentName: t.agentName });
  }
  clearAnnounced(ctx, timedOut.map((t) => t.id), at);
  if (timedOut.length) await assignQueuedConversations(ctx);
  return timedOut.length;
}
