import { messagePreview, roleAtLeast } from '@kefu/shared';
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
import { teamForVisitor } from '../sites/sites.routing';
import * as routing from '../routing/routing.repository';
import { assertCanHandle, assertCanView, type Agent } from './conversations.access';
import * as repo from './conversations.repository';
import { queuePlace } from './queue.repository';
import { clearAnnounced, noteChanged } from './announcements';
import { appendMessageFast, type FastAppendResult, type FastAppendWriter } from './messages.repository';
import { bindAttachments, withAttachments } from '../attachments/message-attachments.service';
import type { ConversationEventRow, ConversationRow } from './conversations.table';

/** Side effects collected inside a transaction and published on the bus after it commits. */
type Effects = {
  events: ConversationEventRow[];
  updated: Set<string>;
  /** The conversation as committed, when the write path already has it (saves a read per broadcast). */
  snapshots: Map<string, TConversation>;
  /** What the snapshots follow: a new message, or a change of state that keeps the sequence number. */
  change: 'message' | 'state';
  queueTeams: Set<string | null>;
  routing: boolean;
  /** Set when the transaction noted a change of state to announce (announcements.ts). */
  changedAt: Date | null;
};
const newEffects = (): Effects => ({ events: [], updated: new Set(), snapshots: new Map(), change: 'message', queueTeams: new Set(), routing: false, changedAt: null });

/** Where a message came from: the sending socket gets it in its ack, not as an echo. */
export type SendOrigin = { socketId?: string };

function publish(ctx: Ctx, fx: Effects, actorNames: Map<string, string> = new Map()): void {
  for (const e of fx.events) {
    const event = repo.toEvent(e, e.actor_id ? (actorNames.get(e.actor_id) ?? null) : null);
    ctx.bus.publish('conversation.event_recorded', { event });
  }
  for (const id of fx.updated) {
    const conversation = fx.snapshots.get(id);
    ctx.bus.publish('conversation.updated', conversation ? { conversationId: id, conversation, change: fx.change } : { conversationId: id });
  }
  for (const teamId of fx.queueTeams) ctx.bus.publish('queue.changed', { teamId });
  if (fx.routing) ctx.bus.publish('routing.requested', {});
  if (fx.changedAt) clearAnnounced(ctx, [...fx.updated], fx.changedAt);
}

/**
 * Records a change of state on the conversation's trail, and notes it to be announced: if this
 * process dies between the commit and `publish`, another process tells it (announcements.ts).
 */
async function record(trx: Trx, fx: Effects, e: Parameters<typeof repo.insertEvent>[1]): Promise<void> {
  fx.events.push(await repo.insertEvent(trx, e));
  fx.changedAt ??= new Date();
  await noteChanged(trx, [e.conversationId], fx.changedAt);
  fx.updated.add(e.conversationId);
}

type AppendInput = { clientId: string; author: 'customer' | 'agent' | 'system'; authorId: string | null; text: string; internal: boolean };

/**
 * Appends a message with the next sequence number (the conversation row must be locked), or returns
 * undefined when `(conversation, clientId)` is already stored: one INSERT ... ON CONFLICT DO NOTHING
 * both dedupes and appends.
 */
async function insertNextMessage(trx: Trx, conv: ConversationRow, m: AppendInput, now: Date) {
  return repo.insertMessageOnce(trx, {
    conversationId: conv.id,
    seq: conv.last_seq + 1,
    clientId: m.clientId,
    author: m.author,
    authorId: m.authorId,
    internal: m.internal,
    text: m.text,
    createdAt: now,
  });
}

const previewOf = (m: AppendInput) => messagePreview(m.text);

/** The conversation columns an appended message changes (sequence, preview, who is waiting). */
function afterAppend(conv: ConversationRow, m: AppendInput, seq: number, now: Date) {
  const preview = m.internal ? {} : { last_message_text: previewOf(m), last_message_at: now };
  const waiting =
    m.internal ? {} : m.author === 'customer' ? { waiting_since: conv.waiting_since ?? now } : { waiting_since: null };
  return { last_seq: seq, ...preview, ...waiting };
}

/**
 * The common message in one statement (messages.repository.ts): the stored row, the conversation as
 * it was locked and the `owner_set` a first reply records, or null when the full transaction must
 * run (reopen, queued for an agent, duplicate, files, errors).
 */
async function appendFast(ctx: Ctx, writer: FastAppendWriter, conversationId: string, m: AppendInput, now: Date): Promise<StoredFast | null> {
  const r = await appendMessageFast(ctx.db, writer, { conversationId, clientId: m.clientId, author: m.author, authorId: m.authorId, internal: m.internal, text: m.text, preview: previewOf(m), createdAt: now });
  return r.kind === 'stored' ? r : null;
}
type StoredFast = Extract<FastAppendResult, { kind: 'stored' }>;

/**
 * Tells of a message from the one-statement path. The conversation changed only as the message
 * says (its sequence, preview and who is waiting: `conversationWithMessage`), so there is no
 * snapshot to build: the message itself goes to everyone who follows the conversation — the other
 * side, its viewers, and the agent rooms that would otherwise get `conversation:updated` (`audience`).
 * A first public reply also made its writer the owner, a change no message explains: that one is read
 * back and told as before (once per conversation).
 */
async function publishFast(ctx: Ctx, message: TMessage, fast: StoredFast, origin: SendOrigin, actor?: Agent): Promise<void> {
  const c = fast.conversation;
  const audience = fast.ownerSet ? undefined : { teamId: c.team_id, status: c.status, assigneeId: c.assignee_id, ownerId: c.owner_id };
  ctx.bus.publish('message.created', { message, visitorId: c.visitor_id, originSocketId: origin.socketId, ...(audience ? { audience } : {}) });
  if (!fast.ownerSet) return;
  const fx = newEffects();
  fx.events.push(fast.ownerSet);
  fx.updated.add(c.id);
  const conversation = await repo.getConversation(ctx.db, c.id);
  if (conversation) fx.snapshots.set(c.id, conversation);
  publish(ctx, fx, actor ? new Map([[actor.id, actor.name]]) : new Map());
}

/**
 * The message a duplicate send gets back (rare: a resend after a lost ack), told once more to those
 * who follow the conversation. The ack may have been lost because the process that stored the
 * message died before it answered — and before it told the other side, which would then not see the
 * message until its next sync. A follower that has it already ignores it (its seq is not new).
 */
async function storedMessage(ctx: Ctx, conversationId: string, clientId: string, origin: SendOrigin): Promise<{ message: TMessage; conversation: TConversation }> {
  const existing = await repo.findMessageByClientId(ctx.db, conversationId, clientId);
  const [[message], c] = existing ? await Promise.all([messagesByIds(ctx, [existing.id]), repo.getConversation(ctx.db, conversationId)]) : [[], undefined];
  if (!message || !c) throw new AppError('internal', 'message vanished after commit');
  const audience = { teamId: c.teamId, status: c.status, assigneeId: c.assigneeId, ownerId: c.ownerId };
  ctx.bus.publish('message.created', { message, visitorId: c.visitor.id, originSocketId: origin.socketId, audience });
  return { message, conversation: c };
}

/** The committed conversation in the agents' shape, with its queue place when it is queued. */
async function committedConversation(ctx: Ctx, row: repo.JoinedRow): Promise<TConversation> {
  const queue = row.status === 'queued' ? await queuePlace(ctx.db, row) : null;
  return repo.toConversation(row, queue);
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
  origin: SendOrigin = {},
): Promise<{ message: TMessage; conversation: TCustomerConversation; duplicate: boolean }> {
  const fx = newEffects();
  const now = ctx.clock();
  const input_ = { clientId: input.clientId, author: 'customer' as const, authorId: null, text: input.text, internal: false };
  // The common case (their open conversation, no e-mail, no files) is one statement; the rest runs the transaction.
  const plain = input.conversationId && !input.email && !input.attachmentIds?.length;
  const fast = plain && input.conversationId ? await appendFast(ctx, { kind: 'customer', visitorId: visitor.id }, input.conversationId, input_, now) : null;
  if (fast) {
    const message = repo.toMessage(fast.message, null);
    await publishFast(ctx, message, fast, origin);
    const queue = fast.conversation.status === 'queued' ? await queuePlace(ctx.db, fast.conversation) : null;
    // Never resolved here (the one-statement path refuses a resolved conversation): no owner's name to show.
    const conversation = repo.rowToCustomerConversation({ ...fast.conversation, owner_name: null, last_seq: fast.message.seq }, queue);
    return { message, conversation, duplicate: false };
  }
  // A first message (no open conversation yet, no e-mail, no files) opens the conversation in one statement.
  const opening = !input.conversationId && !input.email && !input.attachmentIds?.length;
  const opened = opening ? await repo.openConversationWithMessage(ctx.db, { siteId: site.id, siteName: site.name, visitorId: visitor.id, defaultTeamId: site.default_team_id, vipTeamId: site.routing_rules?.vipTeamId ?? null, clientId: input.clientId, text: input.text, preview: previewOf(input_), now }) : null;
  if (opened) return publishOpened(ctx, opened, visitor, origin);
  const done = await ctx.db.transaction().execute(async (trx) => {
    const conversationId = input.conversationId ?? (await openConversationFor(trx, fx, site, visitor, now));
    const conv = await repo.lockConversationJoined(trx, conversationId);
    if (!conv || conv.visitor_id !== visitor.id) throw new AppError('not_found', 'no such conversation');
    const row = await insertNextMessage(trx, conv, input_, now);
    if (!row) return { duplicate: true as const, conversationId: conv.id };
    const attachments = await bindAttachments(trx, input.attachmentIds, { kind: 'customer', visitorId: visitor.id }, conv.id, row.id);
    let changes: Partial<ConversationRow> = afterAppend(conv, input_, row.seq, now);
    if (conv.status === 'resolved') {
      // 直至客户满意为止: writing into a resolved conversation reopens it; routing gives it back to its owner.
      changes = { ...changes, status: 'queued', queued_at: now, assignee_id: null, resolved_at: null, missed_agent_ids: [] };
      await record(trx, fx, { conversationId: conv.id, type: 'reopened', actorId: null, data: { by: 'customer' } });
      fx.queueTeams.add(conv.team_id);
      fx.routing = true;
    }
    await trx.updateTable('conversations').set(changes).where('id', '=', conv.id).execute();
    let visitorEmail = conv.visitor_email;
    if (input.email && !visitor.email) {
      await trx.updateTable('visitors').set({ email: input.email }).where('id', '=', visitor.id).execute();
      visitorEmail = input.email;
    }
    const after = { ...conv, ...changes, visitor_email: visitorEmail, assignee_name: changes.assignee_id === null ? null : conv.assignee_name };
    return { duplicate: false as const, row, after, attachments };
  });
  if (done.duplicate) {
    const { message, conversation } = await storedMessage(ctx, done.conversationId, input.clientId, origin);
    return { message, conversation: repo.toCustomerConversation(conversation), duplicate: true };
  }
  fx.updated.add(done.after.id);
  const message = { ...repo.toMessage(done.row, null), ...(done.attachments ? { attachments: done.attachments } : {}) };
  const conversation = await committedConversation(ctx, done.after);
  fx.snapshots.set(conversation.id, conversation);
  ctx.bus.publish('message.created', { message, visitorId: visitor.id, originSocketId: origin.socketId });
  publish(ctx, fx);
  return { message, conversation: repo.toCustomerConversation(conversation), duplicate: false };
}

/** Tells of a conversation opened by its first message (repo.openConversationWithMessage), as the transaction would. */
function publishOpened(ctx: Ctx, opened: repo.OpenedConversation, visitor: VisitorRow, origin: SendOrigin) {
  const fx = newEffects();
  const conversation = repo.toConversation(opened.conversation, opened.queue);
  fx.events.push(opened.created);
  fx.updated.add(conversation.id);
  fx.snapshots.set(conversation.id, conversation);
  fx.queueTeams.add(conversation.teamId);
  fx.routing = true;
  const message = repo.toMessage(opened.message, null);
  ctx.bus.publish('message.created', { message, visitorId: visitor.id, originSocketId: origin.socketId });
  publish(ctx, fx);
  return { message, conversation: repo.toCustomerConversation(conversation), duplicate: false };
}

/** The visitor's open conversation, or a new queued one for the site's default team (or its VIP team, see routing rules). */
async function openConversationFor(trx: Trx, fx: Effects, site: SiteRow, visitor: VisitorRow, now: Date): Promise<string> {
  // VIP is read fresh: the socket's visitor row may predate an identify that made them VIP.
  const fresh = await trx.selectFrom('visitors').select('vip').where('id', '=', visitor.id).executeTakeFirst();
  const teamId = teamForVisitor(site, { vip: fresh?.vip ?? visitor.vip });
  const inserted = await trx
    .insertInto('conversations')
    .values({ site_id: site.id, visitor_id: visitor.id, team_id: teamId, status: 'queued', queued_at: now, assignee_id: null, owner_id: null, assigned_at: null, resolved_at: null, last_message_text: null, last_message_at: null, waiting_since: null, created_at: now })
    .onConflict((oc) => oc.column('visitor_id').where('status', '<>', 'resolved').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) {
    await record(trx, fx, { conversationId: inserted.id, type: 'created', actorId: null, data: { channel: 'widget' } });
    fx.queueTeams.add(teamId);
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
  return withAttachments(ctx.db, rows.map((r) => repo.toMessage(r, r.author_name)));
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

/** The conversation, its messages after `afterSeq` and its trail (one statement), or not_found for an agent who may not see it. */
export async function detailForAgent(ctx: Ctx, agent: Agent, id: string, afterSeq = 0): Promise<TConversationDetail> {
  const detail = await repo.conversationDetail(ctx.db, id, afterSeq);
  if (!detail) throw new AppError('not_found', 'no such conversation');
  assertCanView(agent, detail.conversation);
  return detail;
}

/** Throws not_found unless the agent may see the conversation (a plain read of its row, no names). */
export async function assertAgentMaySee(ctx: Ctx, agent: Agent, id: string): Promise<void> {
  const c = await repo.findConversation(ctx.db, id);
  if (!c) throw new AppError('not_found', 'no such conversation');
  assertCanView(agent, { teamId: c.team_id, assigneeId: c.assignee_id, ownerId: c.owner_id });
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
export async function sendAgentMessage(ctx: Ctx, agent: Agent, input: TAgentSendMessage, origin: SendOrigin = {}): Promise<{ message: TMessage; duplicate: boolean }> {
  const internal = input.internal ?? false;
  const fx = newEffects();
  const now = ctx.clock();
  const input_ = { clientId: input.clientId, author: 'agent' as const, authorId: agent.id, text: input.text ?? '', internal };
  // The assigned agent's reply or note without files is one statement; the rest runs the transaction.
  const fast = input.attachmentIds?.length ? null : await appendFast(ctx, { kind: 'agent', agentId: agent.id, name: agent.name }, input.conversationId, input_, now);
  if (fast) {
    const message = repo.toMessage(fast.message, agent.name);
    await publishFast(ctx, message, fast, origin, agent);
    return { message, duplicate: false };
  }
  const done = await ctx.db.transaction().execute(async (trx) => {
    const conv = await repo.lockConversationJoined(trx, input.conversationId);
    if (!conv) throw new AppError('not_found', 'no such conversation');
    const view = { teamId: conv.team_id, assigneeId: conv.assignee_id, ownerId: conv.owner_id, status: conv.status };
    assertCanView(agent, view);
    const row = await insertNextMessage(trx, conv, input_, now);
    if (!row) return { duplicate: true as const, visitorId: conv.visitor_id };
    if (!internal) {
      // Checked after the insert so that a resend of a stored reply still gets its ack; a refusal rolls it back.
      if (conv.status === 'queued') throw new AppError('forbidden', 'claim the conversation first');
      assertCanHandle(agent, view);
    }
    const attachments = await bindAttachments(trx, input.attachmentIds, { kind: 'agent', agentId: agent.id }, conv.id, row.id);
    let changes: Partial<ConversationRow> = afterAppend(conv, input_, row.seq, now);
    let ownerName = conv.owner_name;
    if (!internal && conv.owner_id === null) {
      changes = { ...changes, owner_id: agent.id };
      ownerName = agent.name;
      await record(trx, fx, { conversationId: conv.id, type: 'owner_set', actorId: agent.id, data: { ownerId: agent.id, ownerName: agent.name } });
    }
    await trx.updateTable('conversations').set(changes).where('id', '=', conv.id).execute();
    return { duplicate: false as const, row, attachments, visitorId: conv.visitor_id, after: { ...conv, ...changes, owner_name: ownerName } };
  });
  if (!done.duplicate) fx.updated.add(done.after.id);
  if (done.duplicate) return { message: (await storedMessage(ctx, input.conversationId, input.clientId, origin)).message, duplicate: true };
  const message = { ...repo.toMessage(done.row, agent.name), ...(done.attachments ? { attachments: done.attachments } : {}) };
  fx.snapshots.set(done.after.id, await committedConversation(ctx, done.after));
  ctx.bus.publish('message.created', { message, visitorId: done.visitorId, originSocketId: origin.socketId });
  publish(ctx, fx, new Map([[agent.id, agent.name]]));
  return { message, duplicate: false };
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
  const { resolved, after } = await ctx.db.transaction().execute(async (trx) => {
    const conv = await repo.lockConversationJoined(trx, id);
    if (!conv) throw new AppError('not_found', 'no such conversation');
    const view = { teamId: conv.team_id, assigneeId: conv.assignee_id, ownerId: conv.owner_id, status: conv.status };
    assertCanView(agent, view);
    if (conv.status === 'resolved') throw new AppError('invalid_transition', 'the conversation is already resolved');
    assertCanHandle(agent, view);
    const changes = { status: 'resolved' as const, resolved_at: now, waiting_since: null };
    await trx.updateTable('conversations').set(changes).where('id', '=', id).execute();
    await record(trx, fx, { conversationId: id, type: 'resolved', actorId: agent.id, data: {} });
    if (conv.status === 'queued') fx.queueTeams.add(conv.team_id);
    fx.routing = true;
    const resolved = { conversationId: id, siteId: conv.site_id, visitorId: conv.visitor_id, teamId: conv.team_id, ownerId: conv.owner_id, assigneeId: conv.assignee_id, resolvedAt: now };
    return { resolved, after: repo.toConversation({ ...conv, ...changes }, null) };
  });
  // The committed state answers the request and feeds the broadcasts: no read after commit.
  fx.change = 'state';
  fx.snapshots.set(id, after);
  publish(ctx, fx, new Map([[agent.id, agent.name]]));
  ctx.bus.publish('conversation.resolved', resolved);
  return after;
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
