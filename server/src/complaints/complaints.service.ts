import { roleAtLeast, type TComplaint, type TComplaintBoard, type TComplaintBoardQuery, type TComplaintDetail, type TComplaintEventType, type TComplaintStatus, type TDeadlineKind } from '@kefu/shared';
import type { TAssignComplaintBody, TComplaintPatchBody, TComplaintReplyBody, TJudgeComplaintBody } from '@kefu/shared';
import { ZJudgeComplaintBody } from '@kefu/shared';
import { listTeamIds } from '../agents/agents.repository';
import { assertPermission, type Agent } from '../conversations/conversations.access';
import type { DbOrTrx, Trx } from '../db/database';
import type { Ctx } from '../platform/context';
import { AppError } from '../platform/errors';
import { listAttachments } from './complaints.attachments';
import * as repo from './complaints.repository';
import { assertTransition, isBeingHandled } from './complaints.state';
import type { ComplaintEventRow, ComplaintRow } from './complaints.table';

/** What one change of a complaint recorded, published on the bus after commit. */
export type Change = { complaint: ComplaintRow; events: ComplaintEventRow[]; now: Date; trx: Trx };

/** Opens a transaction, locks the complaint, runs `fn`, commits, then publishes what was recorded. */
export async function changeComplaint<T>(ctx: Ctx, id: string, fn: (ch: Change) => Promise<T>): Promise<T> {
  const now = ctx.clock();
  const events: ComplaintEventRow[] = [];
  const result = await ctx.db.transaction().execute(async (trx) => {
    const complaint = await repo.lockComplaint(trx, id);
    if (!complaint) throw new AppError('not_found', 'no such complaint');
    const out = await fn({ complaint, events, now, trx });
    await repo.updateComplaint(trx, id, { updated_at: now });
    return out;
  });
  for (const e of events) ctx.bus.publish('complaint.changed', { complaintId: id, event: repo.toEvent(e, null) });
  if (events.length === 0) ctx.bus.publish('complaint.changed', { complaintId: id, event: null });
  return result;
}

/** Records a timeline event inside a change. */
export async function record(
  ch: Change,
  type: TComplaintEventType,
  opts: { isPublic: boolean; actorId: string | null; text?: string | null; data?: Record<string, unknown> },
): Promise<void> {
  ch.events.push(await repo.insertEvent(ch.trx, { complaintId: ch.complaint.id, type, at: ch.now, ...opts }));
}

/** Moves the complaint to `to` (refusing illegal transitions) and keeps the row in `ch` current. */
export async function moveTo(ch: Change, to: TComplaintStatus, set: Parameters<typeof repo.updateComplaint>[2] = {}): Promise<void> {
  assertTransition(ch.complaint.status, to);
  await repo.updateComplaint(ch.trx, ch.complaint.id, { status: to, ...set });
  ch.complaint = { ...ch.complaint, status: to, ...(set as Partial<ComplaintRow>) };
}

/** Applies the SLA policy for category and priority: due times `from` a start. */
export async function slaFor(db: DbOrTrx, category: string, priority: string): Promise<Record<TDeadlineKind, (from: Date) => Date> | null> {
  const policy = await repo.findSlaPolicy(db, category, priority);
  if (!policy) return null;
  const add = (min: number) => (from: Date) => new Date(from.getTime() + min * 60_000);
  return { first_response: add(policy.first_response_minutes), resolution: add(policy.resolution_minutes) };
}

// ---- access ----

/** Supervisors and above see every complaint; agents those they own or handle and their teams'. */
export function canViewComplaint(agent: Agent, c: Pick<ComplaintRow, 'owner_id' | 'handler_id' | 'team_id'>): boolean {
  return (
    roleAtLeast(agent.role, 'supervisor') || c.owner_id === agent.id || c.handler_id === agent.id || (c.team_id !== null && agent.teamIds.includes(c.team_id))
  );
}

export function assertCanView(agent: Agent, c: Pick<ComplaintRow, 'owner_id' | 'handler_id' | 'team_id'>): void {
  // Not found rather than forbidden: an agent cannot probe other teams' complaint ids.
  if (!canViewComplaint(agent, c)) throw new AppError('not_found', 'no such complaint');
}

function assertCanHandle(agent: Agent, c: ComplaintRow): void {
  assertCanView(agent, c);
  if (c.handler_id === agent.id || c.owner_id === agent.id || roleAtLeast(agent.role, 'supervisor')) return;
  if (c.handler_id === null && c.team_id !== null && agent.teamIds.includes(c.team_id)) return;
  throw new AppError('forbidden', 'another agent handles this complaint');
}

function assertRole(agent: Agent, min: 'supervisor' | 'manager', what: string): void {
  if (!roleAtLeast(agent.role, min)) throw new AppError('forbidden', `${what} needs the ${min} role`);
}

/** 首问: the first agent to act on a complaint nobody owns becomes its owner, and stays on record. */
async function takeOwnership(ch: Change, agent: Agent): Promise<void> {
  if (ch.complaint.owner_id) return;
  await repo.updateComplaint(ch.trx, ch.complaint.id, { owner_id: agent.id });
  ch.complaint = { ...ch.complaint, owner_id: agent.id };
}

// ---- reads ----

export async function getComplaint(ctx: Ctx, id: string): Promise<TComplaint> {
  const c = await repo.getComplaint(ctx.db, id, ctx.clock(), ctx.config.complaints.warnPercent);
  if (!c) throw new AppError('not_found', 'no such complaint');
  return c;
}

export async function board(ctx: Ctx, agent: Agent, query: TComplaintBoardQuery): Promise<TComplaintBoard> {
  const vis: repo.ComplaintVisibility = roleAtLeast(agent.role, 'supervisor') ? { all: true } : { all: false, userId: agent.id, teamIds: agent.teamIds };
  return repo.listComplaints(ctx.db, vis, query, ctx.clock(), ctx.config.complaints.warnPercent);
}

export async function detail(ctx: Ctx, agent: Agent, id: string): Promise<TComplaintDetail> {
  const row = await ctx.db.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', 'no such complaint');
  assertCanView(agent, row);
  const [complaint, events, deadlines, attachments] = await Promise.all([getComplaint(ctx, id), repo.listEvents(ctx.db, id), repo.listDeadlines(ctx.db, id), listAttachments(ctx.db, id)]);
  return { complaint, events, deadlines, attachments };
}

// ---- handling ----

async function assertHandlerInTeam(trx: Trx, teamId: string, handlerId: string | null): Promise<void> {
  const team = await trx.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst();
  if (!team) throw new AppError('bad_request', 'no such team');
  if (!handlerId) return;
  const user = await trx.selectFrom('users').select(['id', 'active']).where('id', '=', handlerId).executeTakeFirst();
  if (!user?.active) throw new AppError('bad_request', 'no such handler');
  if (!(await listTeamIds(trx, handlerId)).includes(teamId)) throw new AppError('bad_request', 'the handler is not a member of the responsible team');
}

/** 投诉判断: a manager (or anyone whose role holds 'complaints.judge') accepts (naming the responsible team and a handler) or rejects with an explanation the customer sees. */
export async function judge(ctx: Ctx, agent: Agent, id: string, input: TJudgeComplaintBody): Promise<TComplaint> {
  assertPermission(agent, 'complaints.judge');
  const body = ZJudgeComplaintBody.parse(input);
  await changeComplaint(ctx, id, async (ch) => {
    await takeOwnership(ch, agent);
    await repo.meetDeadlines(ch.trx, id, ch.now, 'first_response');
    if (body.decision === 'reject') {
      await moveTo(ch, 'rejected', { judged_by: agent.id, judged_at: ch.now, rejection_reason: body.reason });
      await repo.meetDeadlines(ch.trx, id, ch.now);
      await record(ch, 'rejected', { isPublic: true, actorId: agent.id, text: body.reason });
      return;
    }
    await assertHandlerInTeam(ch.trx, body.teamId, body.handlerId);
    await moveTo(ch, 'accepted', { judged_by: agent.id, judged_at: ch.now, team_id: body.teamId, handler_id: body.handlerId });
    await record(ch, 'accepted', { isPublic: true, actorId: agent.id, data: { teamId: body.teamId, handlerId: body.handlerId } });
    if (body.priority && body.priority !== ch.complaint.priority) await changePriority(ch, agent, { priority: body.priority });
  });
  return getComplaint(ctx, id);
}

/** Reassigns the responsible team and handler (supervisor+); the owner stays on record. */
export async function assign(ctx: Ctx, agent: Agent, id: string, body: TAssignComplaintBody): Promise<TComplaint> {
  assertRole(agent, 'supervisor', 'assigning a complaint');
  await changeComplaint(ctx, id, async (ch) => {
    if (!isBeingHandled(ch.complaint.status) && ch.complaint.status !== 'resolved') {
      throw new AppError('invalid_transition', `a ${ch.complaint.status.replace('_', ' ')} complaint cannot be assigned`);
    }
    await assertHandlerInTeam(ch.trx, body.teamId, body.handlerId);
    const from = { teamId: ch.complaint.team_id, handlerId: ch.complaint.handler_id };
    await repo.updateComplaint(ch.trx, id, { team_id: body.teamId, handler_id: body.handlerId });
    await record(ch, 'assigned', { isPublic: false, actorId: agent.id, data: { from, teamId: body.teamId, handlerId: body.handlerId } });
  });
  return getComplaint(ctx, id);
}

/** Starts handling (accepted or reopened → in_progress) when staff act on it. */
async function startIfNeeded(ch: Change, agent: Agent): Promise<void> {
  if (ch.complaint.status !== 'accepted' && ch.complaint.status !== 'reopened') return;
  await moveTo(ch, 'in_progress');
  await record(ch, 'started', { isPublic: false, actorId: agent.id });
}

/** A public reply (the customer sees it) or an internal note. */
export async function reply(ctx: Ctx, agent: Agent, id: string, body: TComplaintReplyBody): Promise<TComplaint> {
  await changeComplaint(ctx, id, async (ch) => {
    if (!body.public) {
      assertCanView(agent, ch.complaint);
      await record(ch, 'note', { isPublic: false, actorId: agent.id, text: body.text });
      return;
    }
    assertCanHandle(agent, ch.complaint);
    const s = ch.complaint.status;
    if (s === 'rejected' || s === 'closed') throw new AppError('invalid_transition', `a ${s} complaint takes no more replies`);
    await takeOwnership(ch, agent);
    await startIfNeeded(ch, agent);
    await repo.meetDeadlines(ch.trx, id, ch.now, 'first_response');
    await record(ch, 'reply', { isPublic: true, actorId: agent.id, text: body.text });
  });
  return getComplaint(ctx, id);
}

export async function resolve(ctx: Ctx, agent: Agent, id: string, resolution: string): Promise<TComplaint> {
  await changeComplaint(ctx, id, async (ch) => {
    assertCanHandle(agent, ch.complaint);
    await startIfNeeded(ch, agent);
    await moveTo(ch, 'resolved', { resolution, resolved_at: ch.now });
    await repo.meetDeadlines(ch.trx, id, ch.now);
    await record(ch, 'resolved', { isPublic: true, actorId: agent.id, text: resolution });
  });
  return getComplaint(ctx, id);
}

/** Staff close a resolved complaint (e.g. the customer confirmed by phone). */
export async function closeByStaff(ctx: Ctx, agent: Agent, id: string, reason: string): Promise<TComplaint> {
  assertRole(agent, 'supervisor', 'closing a complaint');
  await changeComplaint(ctx, id, async (ch) => {
    await moveTo(ch, 'closed', { closed_at: ch.now, close_reason: 'staff' });
    await record(ch, 'closed', { isPublic: true, actorId: agent.id, text: reason, data: { by: 'staff' } });
  });
  return getComplaint(ctx, id);
}

/** Priority or category changed: open deadlines move to the new policy's times. */
async function changePriority(ch: Change, agent: Agent, body: TComplaintPatchBody): Promise<void> {
  const next = { priority: body.priority ?? ch.complaint.priority, category: body.category ?? ch.complaint.category };
  const from = { priority: ch.complaint.priority, category: ch.complaint.category };
  await repo.updateComplaint(ch.trx, ch.complaint.id, next);
  ch.complaint = { ...ch.complaint, ...next };
  const sla = await slaFor(ch.trx, next.category, next.priority);
  if (sla) await repo.moveOpenDeadlines(ch.trx, ch.complaint.id, sla);
  await record(ch, 'priority_changed', { isPublic: false, actorId: agent.id, data: { from, to: next } });
}

export async function patch(ctx: Ctx, agent: Agent, id: string, body: TComplaintPatchBody): Promise<TComplaint> {
  assertRole(agent, 'supervisor', 'changing priority or category');
  await changeComplaint(ctx, id, async (ch) => {
    if (ch.complaint.status === 'closed' || ch.complaint.status === 'rejected') throw new AppError('invalid_transition', 'the complaint is finished');
    await changePriority(ch, agent, body);
  });
  return getComplaint(ctx, id);
}

/** Throws not_found unless the agent may see the complaint (for attachment downloads and uploads). */
export async function assertAgentSees(ctx: Ctx, agent: Agent, id: string): Promise<void> {
  const row = await ctx.db.selectFrom('complaints').select(['owner_id', 'handler_id', 'team_id']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', 'no such complaint');
  assertCanView(agent, row);
}
