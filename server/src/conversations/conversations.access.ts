import { roleAtLeast, type TConversation, type TPermission } from '@kefu/shared';
import type { UserRow } from '../agents/agents.table';
import { AppError } from '../platform/errors';

/** The acting agent with the team ids they belong to and the permissions of their role. */
export type Agent = Pick<UserRow, 'id' | 'name' | 'role'> & { teamIds: string[]; permissions: readonly TPermission[] };

/** True when the agent's role holds `permission` (Settings → Roles). */
export function hasPermission(agent: Pick<Agent, 'permissions'>, permission: TPermission): boolean {
  return agent.permissions.includes(permission);
}

export function assertPermission(agent: Pick<Agent, 'permissions'>, permission: TPermission): void {
  if (!hasPermission(agent, permission)) throw new AppError('forbidden', `this needs the ${permission} permission`);
}

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
  // Not found rather than forbidden: an agent cannot probe other teams' conversation ids (IDOR sweep).
  if (!canView(agent, c)) throw new AppError('not_found', 'no such conversation');
}

/** Replying, transferring and resolving are for the assigned agent, or a supervisor and above. */
export function assertCanHandle(agent: Agent, c: Pick<TConversation, 'assigneeId' | 'status'>): void {
  if (c.assigneeId === agent.id || roleAtLeast(agent.role, 'supervisor')) return;
  throw new AppError('forbidden', c.status === 'queued' ? 'claim the conversation first' : 'another agent handles this conversation');
}
