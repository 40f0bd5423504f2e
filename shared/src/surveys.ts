import { z } from 'zod';
import { ZId, ZTimestamp } from './common';

/** Ask after every resolved conversation, or at most once per N days per customer. */
export const SURVEY_FREQUENCIES = ['every', 'once_per_days'] as const;
export const ZSurveyFrequency = z.enum(SURVEY_FREQUENCIES);
export type TSurveyFrequency = z.infer<typeof ZSurveyFrequency>;

/** How long after the first answer the customer may still change it. */
export const SURVEY_EDIT_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Ratings at or below this create a follow-up for a supervisor. */
export const LOW_RATING = 2;

const ZWording = z.object({ 'zh-CN': z.string().trim().min(1).max(300), en: z.string().trim().min(1).max(300) });

/** A site's survey policy (what is applied to each case is stored on the survey itself). */
export const ZSurveySettings = z.object({
  enabled: z.boolean(),
  question: ZWording,
  /** Seconds between resolution and asking. */
  delaySeconds: z.number().int().min(0).max(7 * 24 * 3600),
  frequency: ZSurveyFrequency,
  /** With `once_per_days`: at most one survey per customer in this many days. */
  oncePerDays: z.number().int().min(1).max(365),
});
export type TSurveySettings = z.infer<typeof ZSurveySettings>;
export const ZSurveySettingsBody = ZSurveySettings.partial();
export type TSurveySettingsBody = z.infer<typeof ZSurveySettingsBody>;

export const ZRating = z.number().int().min(1).max(5);
export const ZSurveyAnswerBody = z.object({
  rating: ZRating,
  comment: z.string().trim().max(1000).optional(),
});
export type TSurveyAnswerBody = z.infer<typeof ZSurveyAnswerBody>;

/** What a customer sees of a survey (widget card, /s/<token> page): nothing else of the case. */
export const ZCustomerSurvey = z.object({
  id: ZId,
  conversationId: ZId.nullable(),
  siteName: z.string(),
  question: z.object({ 'zh-CN': z.string(), en: z.string() }),
  rating: ZRating.nullable(),
  comment: z.string().nullable(),
  answeredAt: ZTimestamp.nullable(),
  /** Until when the answer may be changed; null before the first answer. */
  editableUntil: ZTimestamp.nullable(),
});
export type TCustomerSurvey = z.infer<typeof ZCustomerSurvey>;

export const SURVEY_SOURCES = ['conversation', 'follow_up', 'complaint'] as const;
export const ZSurveySource = z.enum(SURVEY_SOURCES);

/** A survey as agents see it; `agentId` is the owner credited when it was sent. */
export const ZSurvey = z.object({
  id: ZId,
  source: ZSurveySource,
  conversationId: ZId.nullable(),
  visitorId: ZId,
  agentId: ZId.nullable(),
  agentName: z.string().nullable(),
  rating: ZRating.nullable(),
  comment: z.string().nullable(),
  sentAt: ZTimestamp.nullable(),
  answeredAt: ZTimestamp.nullable(),
  createdAt: ZTimestamp,
});
export type TSurvey = z.infer<typeof ZSurvey>;

/** Customer socket payloads. */
export const ZSurveyPendingQuery = z.object({ conversationId: ZId.nullable() });
export const ZCustomerSurveyAnswer = ZSurveyAnswerBody.extend({ surveyId: ZId });
export type TCustomerSurveyAnswer = z.infer<typeof ZCustomerSurveyAnswer>;

export const ZSurveyToken = z.string().min(20).max(128).regex(/^[A-Za-z0-9_-]+$/);

// ---- Follow-ups (回访) ----

export const FOLLOW_UP_OUTCOMES = ['reached', 'not_reached', 'callback'] as const;
export const ZFollowUpOutcome = z.enum(FOLLOW_UP_OUTCOMES);
export type TFollowUpOutcome = z.infer<typeof ZFollowUpOutcome>;
export const FOLLOW_UP_REASONS = ['low_rating', 'batch', 'complaint'] as const;
export const ZFollowUpReason = z.enum(FOLLOW_UP_REASONS);
export const ZFollowUpStatus = z.enum(['open', 'done']);

export const ZFollowUp = z.object({
  id: ZId,
  reason: ZFollowUpReason,
  status: ZFollowUpStatus,
  visitorId: ZId,
  visitorName: z.string().nullable(),
  visitorEmail: z.string().nullable(),
  vip: z.boolean(),
  conversationId: ZId.nullable(),
  surveyId: ZId.nullable(),
  rating: ZRating.nullable(),
  ratingComment: z.string().nullable(),
  batchId: ZId.nullable(),
  batchName: z.string().nullable(),
  assigneeId: ZId,
  assigneeName: z.string(),
  dueAt: ZTimestamp,
  overdue: z.boolean(),
  outcome: ZFollowUpOutcome.nullable(),
  notes: z.string().nullable(),
  callbackAt: ZTimestamp.nullable(),
  createdAt: ZTimestamp,
  completedAt: ZTimestamp.nullable(),
});
export type TFollowUp = z.infer<typeof ZFollowUp>;

/** Which customers a batch targets; every given condition must hold. */
export const ZFollowUpFilter = z.object({
  /** Customers who rated at most this (in the resolved range when one is given). */
  maxRating: ZRating.optional(),
  resolvedFrom: z.iso.datetime({ offset: true }).optional(),
  resolvedTo: z.iso.datetime({ offset: true }).optional(),
  vip: z.boolean().optional(),
  /** The date range applies to complaints closed in it (客诉回访) instead of resolved conversations. */
  closedComplaints: z.boolean().optional(),
  siteId: ZId.optional(),
});
export type TFollowUpFilter = z.infer<typeof ZFollowUpFilter>;

export const ZFollowUpBatchBody = z.object({
  name: z.string().trim().min(1).max(100),
  filter: ZFollowUpFilter,
  dueAt: z.iso.datetime({ offset: true }),
  /** Customers are spread evenly (round robin) over these agents; one agent takes them all. */
  agentIds: z.array(ZId).min(1).max(200),
  /** Named assignments that override the even spread: visitor id → agent id. */
  assignments: z.record(ZId, ZId).optional(),
});
export type TFollowUpBatchBody = z.infer<typeof ZFollowUpBatchBody>;

export const ZFollowUpBatch = z.object({
  id: ZId,
  name: z.string(),
  dueAt: ZTimestamp,
  createdAt: ZTimestamp,
  total: z.number().int(),
  done: z.number().int(),
});
export type TFollowUpBatch = z.infer<typeof ZFollowUpBatch>;

export const ZFollowUpOutcomeBody = z.object({
  outcome: ZFollowUpOutcome,
  notes: z.string().trim().max(2000).default(''),
  /** With `callback`: when to call again (the task stays open and moves to that date). */
  callbackAt: z.iso.datetime({ offset: true }).optional(),
});
export type TFollowUpOutcomeBody = z.input<typeof ZFollowUpOutcomeBody>;
