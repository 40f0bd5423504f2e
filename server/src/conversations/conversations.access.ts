import { roleAtLeast, type TConversation } from '@kefu/shared';
import type { UserRow } from '../agents/agents.table';
import { AppError } from '../platform/errors';

/** The acting agent with the team ids they belong to. */
export type Agent = Pick<UserRow, 'id' | 'name' | 'role'> & { teamIds: string[] };

/** Supervisors and above see everything; agents see their teams' conversations and those they hold or own. */
export function canView(agent: Agent, c: Pick<TConversation, 'teamId' | 'assigneeId' | 'ownerId'>): boolean {
  return (
    roleAtLeast(agent.role, 'supervisor') ||
    c.assigneeId === agent.id ||
    c.ownerId === agent.id ||
    c.teamId === null ||
    agent.teamIds.includes(c.teamId)
  );
}

export function assertCanView(agent: Agent, c: Pick<TConversation, 'teamId' | 'assigneeId' | 'ownerId'>): void {
  if (!canView(agent, c)) throw new AppError('forbidden', 'this conversation belongs to another team');
}

/** Replying, transferring and resolving are for the assigned agent, or a supervisor and above. */
export function assertCanHandle(agent: Agent, c: Pick<TConversation, 'assigneeId' | 'status'>): void {
  if (c.assigneeId === agent.id || roleAtLeast(agent.role, 'supervisor')) return;
  throw new AppError('forbidden', c.status === 'queued' ? 'claim the conversation first' : 'another agent handles this conversation');
}
