import { COMPLAINT_STATUSES, COMPLAINT_TRANSITIONS, publicStatusOf, type TComplaintStatus } from '@kefu/shared';
import { describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors';
import { assertTransition } from './complaints.state';

const LEGAL: [TComplaintStatus, TComplaintStatus][] = [
  ['submitted', 'accepted'],
  ['submitted', 'rejected'],
  ['accepted', 'in_progress'],
  ['in_progress', 'resolved'],
  ['resolved', 'closed'],
  ['resolved', 'reopened'],
  ['reopened', 'in_progress'],
];

describe('complaint state machine', () => {
  const pairs = COMPLAINT_STATUSES.flatMap((from) => COMPLAINT_STATUSES.map((to) => [from, to] as const));

  it.each(LEGAL)('allows %s → %s', (from, to) => {
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it.each(pairs.filter(([f, t]) => !LEGAL.some(([a, b]) => a === f && b === t)))('refuses %s → %s with invalid_transition', (from, to) => {
    let error: unknown;
    try {
      assertTransition(from, to);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid_transition');
    expect((error as AppError).status).toBe(409);
  });

  it('lists exactly the legal transitions in the shared table', () => {
    const listed = Object.entries(COMPLAINT_TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => `${from}>${to}`));
    expect(listed.sort()).toEqual(LEGAL.map(([a, b]) => `${a}>${b}`).sort());
  });

  it('never shows the customer an internal status', () => {
    expect(COMPLAINT_STATUSES.map(publicStatusOf)).toEqual(['received', 'handling', 'not_accepted', 'handling', 'resolved', 'handling', 'closed']);
  });
});
