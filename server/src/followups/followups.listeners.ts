import { LOW_RATING } from '@kefu/shared';
import type { Ctx } from '../platform/context';
import { followUpLowRating } from './followups.service';

/** A low rating (≤ 2) creates a follow-up for a supervisor. Complaints can call `followUpLowRating` too. */
export function listenForFollowUps(ctx: Ctx): () => void {
  return ctx.bus.on('survey.answered', async ({ surveyId, rating }) => {
    if (rating <= LOW_RATING) await followUpLowRating(ctx, surveyId);
  });
}
