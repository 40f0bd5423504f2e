import { roleAtLeast } from '@kefu/shared';
import type {
  TAgentSendMessage,
  TConversation,
  TConversationDetail,
  TConversationEvent,
  TConversationStatus,
  TCustomerConversation,
  TCustomerSendMessage,
  TInboxView,
  TMessage,
  TPriority,
  TTransferBody,
} from '@kefu/shared';
import { ZTransferBody } from '@kefu/shared';
import type { Trx } from '../db/database';
import type { Ctx } from '../platform/context';
import { AppError } from '../platform/errors';
import type { SiteRow, VisitorRow } from '../sites/sites.table';
import * as routing from '../routing/routing.repository';
import { assertCanHandle, assertCanView, type Agent } from './conversations.access';
import * as repo from './conversations.repository';
import type { ConversationEventRow, ConversationRow } from './conversations.table';

/** Side effects collected inside a transaction and published on the bus after it commits. */
type Effects = { events: ConversationEventRow[]; updated: Set<string>; queueTeams: Set<string | null>; routing: boolean };
const newEffects = (): Effects => ({ events: [], updated: new Set(), queueTeams: new Set(), routing: false });

function publish(ctx: Ctx, fx: Effects, actorNames: Map<string, string> = new Map()): void {
  for (const e of fx.events) {
    ctx.bus.publish('conversation.event_recorded', { event: repo.toEvent(e, e.actor_id ? (actorNames.get(e.actor_id) ?? null) : null) });
  }
  for (const id of fx.updated) ctx.bus.publish('conversation.updated', { conversationId: id });
  for (const teamId of fx.queueTeams) ctx.bus.publish('queue.changed', { teamId });
  if (fx.routing) ctx.bus.publish('routing.requested', {});
}

async function record(trx: Trx, fx: Effects, e: Parameters<typeof repo.insertEvent>[1]): Promise<void> {
  fx.events.push(await repo.insertEvent(trx, e));
  fx.updated.add(e.conversationId);
}

/** Appends a message with the next sequence number; the conversation row must be locked. */
async function appendMessage(
  trx: Trx,
  conv: ConversationRow,
  m: { clientId: string; author: 'customer' | 'agent' | 'system'; authorId: string | null; text: string; internal: boolean },
  now: Date,
) {
  const seq = conv.last_seq + 1;
  const row = await trx
    .insertInto('messages')
    .values({ conversation_id: conv.id, seq, client_id: m.clientId, author: m.author, author_id: m.authorId, internal: m.internal, text: m.text, created_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  const preview = m.internal ? {} : { last_message_text: m.text.slice(0, 200), last_message_at: now };
  const waiting =
    m.internal ? {} : m.author === 'customer' ? { waiting_since: conv.waiting_since ?? now } : { waiting_since: null };
  await trx.updateTable('conversations').set({ last_seq: seq, ...preview, ...waiting }).where('id', '=', conv.id).execute();
  return row;
}

/**
 * Stores a customer's message exactly once (idempotent on clientId), starting the visitor's
 * conversation if there is none open (never two: a unique index backs this), and reopening a
 * resolved one. Resolves only after commit; the caller acks then.
 */
export async function sendCustomerMessage(
  ctx: Ctx,
  site: SiteRow,
  visitor: VisitorRow,
  input: TCustomerSendMessage,
): Promise<{ message: TMessage; conversation: TCustomerConversation; duplicate: boolean }> {
  const fx = newEffects();
  const now = ctx.clock();
  const { messageId, conversationId, duplicate } = await ctx.db.transaction().execute(async (trx) => {
    const conversationId = input.conversationId ?? (await openConversationFor(trx, fx, site, visitor, now));
    const conv = await repo.lockConversation(trx, conversationId);
    if (!conv || conv.visitor_id !== visitor.id) throw new AppError('not_found', 'no such conversation');
    const existing = await repo.findMessageByClientId(trx, conv.id, input.clientId);
    if (existing) return { messageId: existing.id, conversationId: conv.id, duplicate: true };
    if (conv.status === 'resolved') {
      // 直至客户满意为止: writing into a resolved conversation reopens it; routing gives it back to its owner.
      await trx
        .updateTable('conversations')
        .set({ status: 'queued', queued_at: now, assignee_id: null, resolved_at: null, missed_agent_ids: [] })
        .where('id', '=', conv.id)
        .execute();
      await record(trx, fx, { conversationId: conv.id, type: 'reopened', actorId: null, data: { by: 'customer' } });
      fx.queueTeams.add(conv.team_id);
      fx.routing = true;
    }
    if (input.email && !visitor.email) {
      await trx.updateTable('visitors').set({ email: input.email }).where('id', '=', visitor.id).execute();
    }
    const row = await appendMessage(trx, conv, { clientId: input.clientId, author: 'customer', authorId: null, text: input.text, internal: false }, now);
    fx.updated.add(conv.id);
    return { messageId: row.id, conversationId: conv.id, duplicate: false };
  });
  const [message] = await messagesByIds(ctx, [messageId]);
  const conversation = await repo.getConversation(ctx.db, conversationId);
  if (!message || !conversation) throw new AppError('internal', 'message vanished after commit');
  if (!duplicate) {
    ctx.bus.publish('message.created', { message, visitorId: visitor.id });
    publish(ctx, fx);
  }
  return { message, conversation: repo.toCustomerConversation(conversation), duplicate };
}

/** The visitor's open conversation, or a new queued one for the site's default team. */
async function openConversationFor(trx: Trx, fx: Effects, site: SiteRow, visitor: VisitorRow, now: Date): Promise<string> {
  const inserted = await trx
    .insertInto('conversations')
    .values({ site_id: site.id, visitor_id: visitor.id, team_id: site.default_team_id, status: 'queued', queued_at: now, assignee_id: null, owner_id: null, assigned_at: null, resolved_at: null, last_message_text: null, last_message_at: null, waiting_since: null, created_at: now })
    .onConflict((oc) => oc.column('visitor_id').where('status', '<>', 'resolved').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) {
    await record(trx, fx, { conversationId: inserted.id, type: 'created', actorId: null, data: { channel: 'widget' } });
    fx.queueTeams.add(site.default_team_id);
    fx.routing = true;
    return inserted.id;
  }
  const open = await trx
    .selectFrom('conversations')
    .select('id')
    .where('visitor_id', '=', visitor.id)
    .where('status', '<>', 'resolved')
    .executeTakeFirstOrThrow();
  return open.id;
}

async function messagesByIds(ctx: Ctx, ids: string[]): Promise<TMessage[]> {
  const rows = await ctx.db
    .selectFrom('messages as m')
    .leftJoin('users as u', 'u.id', 'm.author_id')
    .selectAll('m')
    .select('u.name as author_name')
    .where('m.id', 'in', ids)
    .execute();
  return rows.map((r) => repo.toMessage(r, r.author_name));
}

/** What a (re)connecting customer needs: their conversation and every public message after `afterSeq`. */
export async function syncCustomer(
  ctx: Ctx,
  visitor: VisitorRow,
  input: { conversationId: string | null; afterSeq: number },
): Promise<{ conversation: TCustomerConversation | null; messages: TMessage[] }> {
  const row = input.conversationId
    ? await ctx.db.selectFrom('conversations').select('id').where('id', '=', input.conversationId).where('visitor_id', '=', visitor.id).executeTakeFirst()
    : await ctx.db.selectFrom('conversations').select('id').where('visitor_id', '=', visitor.id).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  if (!row) {
    if (input.conversationId) throw new AppError('not_found', 'no such conversation');
    return { conversation: null, messages: [] };
  }
  const conversation = await repo.getConversation(ctx.db, row.id);
  if (!conversation) return { conversation: null, messages: [] };
  const messages = await repo.listMessages(ctx.db, row.id, input.afterSeq, { includeInternal: false });
  return { conversation: repo.toCustomerConversation(conversation), messages };
}

/** Loads a conversation the agent may see, or throws not_found / forbidden. */
export async function getForAgent(ctx: Ctx, agent: Agent, id: string): Promise<TConversation> {
  const c = await repo.getConversation(ctx.db, id);
  if (!c) throw new AppError('not_found', 'no such conversation');
  assertCanView(agent, c);
  return c;
}

export async function detailForAgent(ctx: Ctx, agent: Agent, id: string, afterSeq = 0): Promise<TConversationDetail> {
  const conversation = await getForAgent(ctx, agent, id);
  const [messages, events] = await Promise.all([
    repo.listMessages(ctx.db, id, afterSeq, { includeInternal: true }),
    repo.listEvents(ctx.db, id),
  ]);
  return { conversation, messages, events };
}

export async function inbox(ctx: Ctx, agent: Agent, view: TInboxView, status?: TConversationStatus): Promise<TConversation[]> {
  const supervisor = roleAtLeast(agent.role, 'supervisor');
  switch (view) {
    case 'mine':
      return repo.listConversations(ctx.db, { kind: 'assignee', userId: agent.id });
    case 'queue':
      return repo.listConversations(ctx.db, { kind: 'queue', teamIds: supervisor ? 'all' : agent.teamIds });
    case 'all':
      if (!supervisor) throw new AppError('forbidden', 'the "all" view is for supervisors and above');
      return repo.listConversations(ctx.db, { kind: 'all' }, status ? { status } : {});
  }
}

/**
 * Stores an agent's reply or internal note exactly once. The first public reply makes the agent
 * the conversation's owner (首问责任制), who stays on record through transfers.
 */
export async function sendAgentMessage(ctx: Ctx, agent: Agent, input: TAgentSendMessage): Promise<{ message: TMessage; duplicate: boolean }> {
  const internal = input.internal ?? false;
  const fx = newEffects();
  const now = ctx.clock();
  const { messageId, duplicate, visitorId } = await ctx.db.transaction().execute(async (trx) => {
    const conv = await repo.lockConversation(trx, input.conversationId);
    if (!conv) throw new AppError('not_found', 'no such conversation');
    const view = { teamId: conv.team_id, assigneeId: conv.assignee_id, ownerId: conv.owner_id, status: conv.status };
    assertCanView(agent, view);
    const existing = await repo.findMessageByClientId(trx, conv.id, input.clientId);
    if (existing) return { messageId: existing.id, duplicate: true, visitorId: conv.visitor_id };
    if (!internal) {
      if (conv.status === 'queued') throw new AppError('forbidden', 'claim the conversation first');
      assertCanHandle(agent, view);
    }
    const row = await appendMessage(trx, conv, { clientId: input.clientId, author: 'agent', authorId: agent.id, text: input.text, internal }, now);
    if (!internal && conv.owner_id === null) {
      await trx.updateTable('conversations').set({ owner_id: agent.id }).where('id', '=', conv.id).execute();
      await record(trx, fx, { conversationId: conv.id, type: 'owner_set', actorId: agent.id, data: { ownerId: agent.id, ownerName: agent.name } });
    }
    fx.updated.add(conv.id);
    return { messageId: row.id, duplicate: false, visitorId: conv.visitor_id };
  });
  const [message] = await messagesByIds(ctx, [messageId]);
  if (!message) throw new AppError('internal', 'message vanished after commit');
  if (!duplicate) {
    ctx.bus.publish('message.created', { message, visitorId });
    publish(ctx, fx, new Map([[agent.id, agent.name]]));
  }
  return { message, duplicate };
}

/** An agent takes a queued conversation of their team (never above their capacity). */
export async function claim(ctx: Ctx, agent: Agent, id: string): Promise<TConversation> {
  const fx = newEffects();
  await ctx.db.transaction().execute(async (trx) => {
    await routing.takeAssignmentLock(trx);
    const conv = await repo.lockConversation(trx, id);
    if (!conv) throw new AppError('not_found', 'no such conversation');
    assertCanView(agent, { teamId: conv.team_id, assigneeId: conv.assignee_id, ownerId: conv.owner_id });
    if (conv.status !== 'queued') {
      throw new AppError('conflict', conv.assignee_id === agent.id ? 'you already have this conversation' : 'the conversation is no longer in the queue');
    }
    await assertHasCapacity(trx, agent.id);
    await routing.markAssigned(trx, id, agent.id, ctx.clock());
    await record(trx, fx, { conversationId: id, type: 'claimed', actorId: agent.id, data: { agentId: agent.id, agentName: agent.name } });
    fx.queueTeams.add(conv.team_id);
  });
  publish(ctx, fx, new Map([[agent.id, agent.name]]));
  return getForAgent(ctx, agent, id);
}

async function assertHasCapacity(trx: Trx, agentId: string): Promise<void> {
  const load = await routing.agentLoad(trx, agentId);
  if (!load || !load.active) throw new AppError('not_found', 'no such agent');
  if (load.load >= load.max_concurrent) {
    throw new AppError('conflict', `${load.name} is at capacity (${load.load}/${load.max_concurrent})`);
  }
}

/** Hands the conversation to another agent or back to a team's queue; the owner stays on record. */
export async function transfer(ctx: Ctx, agent: Agent, id: string, body: TTransferBody): Promise<TConversation> {
  const input = ZTransferBody.parse(body);
  const fx = newEffects();
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    await routing.takeAssignmentLock(trx);
    const conv = await repo.lockConversation(trx, id);
    if (!conv) throw new AppError('not_found', 'no such conversation');
    const view = { teamId: conv.team_id, assigneeId: conv.assignee_id, ownerId: conv.owner_id, status: conv.status };
    assertCanView(agent, view);
    assertCanHandle(agent, view);
    if (conv.status === 'resolved') throw new AppError('invalid_transition', 'a resolved conversation cannot be transferred');
    const from = conv.assignee_id
      ? await trx.selectFrom('users').select('name').where('id', '=', conv.assignee_id).executeTakeFirst()
      : undefined;
    const data: Record<string, unknown> = { fromAgentId: conv.assignee_id, fromAgentName: from?.name ?? null, reason: input.reason, ownerId: conv.owner_id };
    if (input.toAgentId) {
      if (input.toAgentId === conv.assignee_id) throw new AppError('conflict', 'the conversation is already with this agent');
      const target = await trx.selectFrom('users').select(['id', 'name']).where('id', '=', input.toAgentId).where('active', '=', true).executeTakeFirst();
      if (!target) throw new AppError('not_found', 'no such agent');
      await assertHasCapacity(trx, target.id);
      await routing.markAssigned(trx, id, target.id, now);
      Object.assign(data, { toAgentId: target.id, toAgentName: target.name });
    } else if (input.toTeamId) {
      const team = await trx.selectFrom('teams').select(['id', 'name']).where('id', '=', input.toTeamId).executeTakeFirst();
      if (!team) throw new AppError('not_found', 'no such team');
      await trx
        .updateTable('conversations')
        .set({ team_id: team.id, status: 'queued', assignee_id: null, queued_at: now, missed_agent_ids: [] })
        .where('id', '=', id)
        .execute();
      Object.assign(data, { toTeamId: team.id, toTeamName: team.name, fromTeamId: conv.team_id });
      fx.queueTeams.add(team.id);
      fx.routing = true;
    }
    await record(trx, fx, { conversationId: id, type: 'transferred', actorId: agent.id, data });
    fx.routing = true; // the previous agent has capacity again
  });
  publish(ctx, fx, new Map([[agent.id, agent.name]]));
  // No view check here: after a transfer to another team the agent may no longer see it.
  const after = await repo.getConversation(ctx.db, id);
  if (!after) throw new AppError('not_found', 'no such conversation');
  return after;
}

export async function resolve(ctx: Ctx, agent: Agent, id: string): Promise<TConversation> {
  const fx = newEffects();
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    const conv = await repo.lockConversation(trx, id);
    if (!conv) throw new AppError('not_found', 'no such conversation');
    const view = { teamId: conv.team_id, assigneeId: conv.assignee_id, ownerId: conv.owner_id, status: conv.status };
    assertCanView(agent, view);
    if (conv.status === 'resolved') throw new AppError('invalid_transition', 'the conversation is already resolved');
    assertCanHandle(agent, view);
    await trx.updateTable('conversations').set({ status: 'resolved', resolved_at: now, waiting_since: null }).where('id', '=', id).execute();
    await record(trx, fx, { conversationId: id, type: 'resolved', actorId: agent.id, data: {} });
    if (conv.status === 'queued') fx.queueTeams.add(conv.team_id);
    fx.routing = true;
  });
  publish(ctx, fx, new Map([[agent.id, agent.name]]));
  return getForAgent(ctx, agent, id);
}

export async function setPriority(ctx: Ctx, agent: Agent, id: string, priority: TPriority): Promise<TConversation> {
  const fx = newEffects();
  await ctx.db.transaction().execute(async (trx) => {
    const conv = await repo.lockConversation(trx, id);
    if (!conv) throw new AppError('not_found', 'no such conversation');
    assertCanView(agent, { teamId: conv.team_id, assigneeId: conv.assignee_id, ownerId: conv.owner_id });
    if (conv.priority === priority) return;
    await trx.updateTable('conversations').set({ priority }).where('id', '=', id).execute();
    await record(trx, fx, { conversationId: id, type: 'priority_changed', actorId: agent.id, data: { from: conv.priority, to: priority } });
    if (conv.status === 'queued') fx.queueTeams.add(conv.team_id);
  });
  publish(ctx, fx, new Map([[agent.id, agent.name]]));
  return getForAgent(ctx, agent, id);
}

export type { TConversationEvent };
