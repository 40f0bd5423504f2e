import { canTransition, type TComplaintStatus } from '@kefu/shared';
import { AppError } from '../platform/errors';

/**
 * Refuses an illegal status change with `invalid_transition` (the table is COMPLAINT_TRANSITIONS
 * in shared/src/complaints.ts, so the portal offers only the legal actions).
 * @example assertTransition(complaint.status, 'resolved')
 */
export function assertTransition(from: TComplaintStatus, to: TComplaintStatus): void {
  if (!canTransition(from, to)) {
    throw new AppError('invalid_transition', `a ${from.replace('_', ' ')} complaint cannot become ${to.replace('_', ' ')}`);
  }
}

/** Statuses in which staff work on the complaint (deadlines run, replies move it to in_progress). */
export function isBeingHandled(status: TComplaintStatus): boolean {
  return status === 'accepted' || status === 'in_progress' || status === 'reopened';
}
