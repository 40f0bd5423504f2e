import type {
  TFollowUp,
  TFollowUpBatchBody,
  TFollowUpFilter,
  TFollowUpOutcomeBody,
  TMessageFlag,
  TProhibitedPhrase,
  TProhibitedPhraseBody,
  TReview,
  TReviewBody,
  TReviewQueueItem,
  TScorecardCriterion,
  TSurvey,
} from '@kefu/shared';
import { request } from '../api/api-client';

const q = encodeURIComponent;

/** REST calls of docs/api.md "Surveys", "Follow-ups" and "Quality". */
export const qualityApi = {
  surveysOf: (conversationId: string) =>
    request<{ surveys: TSurvey[] }>('GET', `/api/surveys?conversationId=${q(conversationId)}`).then((r) => r.surveys),
  flagsOf: (conversationId: string) =>
    request<{ flags: TMessageFlag[] }>('GET', `/api/quality/flags?conversationId=${q(conversationId)}`).then((r) => r.flags),
  phrases: () => request<{ phrases: TProhibitedPhrase[] }>('GET', '/api/quality/phrases').then((r) => r.phrases),
  createPhrase: (body: TProhibitedPhraseBody) => request<{ phrase: TProhibitedPhrase }>('POST', '/api/quality/phrases', body).then((r) => r.phrase),
  updatePhrase: (id: string, body: TProhibitedPhraseBody) =>
    request<{ phrase: TProhibitedPhrase }>('PUT', `/api/quality/phrases/${q(id)}`, body).then((r) => r.phrase),
  deletePhrase: (id: string) => request<object>('DELETE', `/api/quality/phrases/${q(id)}`),
  scorecard: () => request<{ criteria: TScorecardCriterion[] }>('GET', '/api/quality/scorecard').then((r) => r.criteria),
  setScorecard: (criteria: TScorecardCriterion[]) =>
    request<{ criteria: TScorecardCriterion[] }>('PUT', '/api/quality/scorecard', { criteria }).then((r) => r.criteria),
  reviewQueue: () => request<{ queue: TReviewQueueItem[] }>('GET', '/api/quality/review-queue').then((r) => r.queue),
  reviews: (agentId?: string) =>
    request<{ reviews: TReview[] }>('GET', `/api/quality/reviews${agentId ? `?agentId=${q(agentId)}` : ''}`).then((r) => r.reviews),
  review: (body: TReviewBody) => request<{ review: TReview }>('POST', '/api/quality/reviews', body).then((r) => r.review),

  myFollowUps: () => request<{ followUps: TFollowUp[] }>('GET', '/api/follow-ups/mine').then((r) => r.followUps),
  allFollowUps: () => request<{ followUps: TFollowUp[] }>('GET', '/api/follow-ups').then((r) => r.followUps),
  previewBatch: (filter: TFollowUpFilter) => request<{ count: number }>('POST', '/api/follow-ups/batches/preview', { filter }).then((r) => r.count),
  createBatch: (body: TFollowUpBatchBody) => request<{ batchId: string; followUps: TFollowUp[] }>('POST', '/api/follow-ups/batches', body),
  recordOutcome: (id: string, body: TFollowUpOutcomeBody) =>
    request<{ followUp: TFollowUp }>('POST', `/api/follow-ups/${q(id)}/outcome`, body).then((r) => r.followUp),
  surveyLink: (id: string) => request<{ url: string }>('POST', `/api/follow-ups/${q(id)}/survey-link`, {}).then((r) => r.url),
};
