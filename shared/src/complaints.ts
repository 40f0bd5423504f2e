import { z } from 'zod';
import { ZId, ZLocale, ZTimestamp } from './common';
import { ZPriority } from './conversations';

/**
 * 客诉单 lifecycle (docs/complaints.md). `rejected` and `closed` are final.
 * submitted → accepted | rejected; accepted → in_progress → resolved → closed;
 * resolved → reopened → in_progress (customer not satisfied).
 */
export const COMPLAINT_STATUSES = ['submitted', 'accepted', 'rejected', 'in_progress', 'resolved', 'reopened', 'closed'] as const;
export const ZComplaintStatus = z.enum(COMPLAINT_STATUSES);
export type TComplaintStatus = z.infer<typeof ZComplaintStatus>;

/** Every legal transition; anything else is refused with `invalid_transition`. */
export const COMPLAINT_TRANSITIONS: Record<TComplaintStatus, readonly TComplaintStatus[]> = {
  submitted: ['accepted', 'rejected'],
  accepted: ['in_progress'],
  rejected: [],
  in_progress: ['resolved'],
  resolved: ['closed', 'reopened'],
  reopened: ['in_progress'],
  closed: [],
};

/** True when a complaint may go from `from` to `to`. */
export function canTransition(from: TComplaintStatus, to: TComplaintStatus): boolean {
  return COMPLAINT_TRANSITIONS[from].includes(to);
}

/** What the customer is shown: several internal statuses share one plain-words status. */
export const PUBLIC_COMPLAINT_STATUSES = ['received', 'handling', 'not_accepted', 'resolved', 'closed'] as const;
export const ZPublicComplaintStatus = z.enum(PUBLIC_COMPLAINT_STATUSES);
export type TPublicComplaintStatus = z.infer<typeof ZPublicComplaintStatus>;

/** The customer-facing status of an internal status (customers never see the internal one). */
export function publicStatusOf(status: TComplaintStatus): TPublicComplaintStatus {
  switch (status) {
    case 'submitted':
      return 'received';
    case 'accepted':
    case 'in_progress':
    case 'reopened':
      return 'handling';
    case 'rejected':
      return 'not_accepted';
    case 'resolved':
      return 'resolved';
    case 'closed':
      return 'closed';
  }
}

/** Statuses in which the customer may still add information. */
export function isComplaintOpen(status: TComplaintStatus): boolean {
  return status !== 'rejected' && status !== 'closed';
}

export const COMPLAINT_CATEGORIES = ['product', 'service', 'delivery', 'billing', 'staff', 'other'] as const;
export const ZComplaintCategory = z.enum(COMPLAINT_CATEGORIES);
export type TComplaintCategory = z.infer<typeof ZComplaintCategory>;

/** `widget`: filed by the customer · `conversation`: converted from a chat · `phone`: registered by an agent. */
export const COMPLAINT_CHANNELS = ['widget', 'conversation', 'phone'] as const;
export const ZComplaintChannel = z.enum(COMPLAINT_CHANNELS);
export type TComplaintChannel = z.infer<typeof ZComplaintChannel>;

export const COMPLAINT_EVENT_TYPES = [
  'created',
  'accepted',
  'rejected',
  'started',
  'assigned',
  'reply',
  'note',
  'customer_info',
  'resolved',
  'reopened',
  'closed',
  'rated',
  'priority_changed',
  'deadline_warning',
  'deadline_breached',
  'attachment_added',
] as const;
export const ZComplaintEventType = z.enum(COMPLAINT_EVENT_TYPES);
export type TComplaintEventType = z.infer<typeof ZComplaintEventType>;

/** Which deadline of the applied SLA: first response (judgement or first public reply) or resolution. */
export const DEADLINE_KINDS = ['first_response', 'resolution'] as const;
export const ZDeadlineKind = z.enum(DEADLINE_KINDS);
export type TDeadlineKind = z.infer<typeof ZDeadlineKind>;

/** on_time · at_risk (past the warning share of the time) · breached. */
export const ZDeadlineState = z.enum(['on_time', 'at_risk', 'breached']);
export type TDeadlineState = z.infer<typeof ZDeadlineState>;

export const ZAppliedDeadline = z.object({
  kind: ZDeadlineKind,
  startsAt: ZTimestamp,
  dueAt: ZTimestamp,
  metAt: ZTimestamp.nullable(),
  warnedAt: ZTimestamp.nullable(),
  breachedAt: ZTimestamp.nullable(),
});
export type TAppliedDeadline = z.infer<typeof ZAppliedDeadline>;

export const ZComplaintEvent = z.object({
  id: ZId,
  type: ZComplaintEventType,
  /** Public events appear on the customer's tracking page. */
  public: z.boolean(),
  actorId: ZId.nullable(),
  actorName: z.string().nullable(),
  text: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  at: ZTimestamp,
});
export type TComplaintEvent = z.infer<typeof ZComplaintEvent>;

/** A complaint as agents see it on the board. */
export const ZComplaint = z.object({
  id: ZId,
  number: z.string(),
  status: ZComplaintStatus,
  channel: ZComplaintChannel,
  category: ZComplaintCategory,
  priority: ZPriority,
  description: z.string(),
  customerName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  locale: ZLocale,
  siteId: ZId.nullable(),
  visitorId: ZId.nullable(),
  conversationId: ZId.nullable(),
  ownerId: ZId.nullable(),
  ownerName: z.string().nullable(),
  teamId: ZId.nullable(),
  teamName: z.string().nullable(),
  handlerId: ZId.nullable(),
  handlerName: z.string().nullable(),
  rejectionReason: z.string().nullable(),
  resolution: z.string().nullable(),
  reopenCount: z.number().int(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  /** The open deadline that falls first (or the last one when all are met), and its state now. */
  dueAt: ZTimestamp.nullable(),
  deadlineState: ZDeadlineState.nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
  resolvedAt: ZTimestamp.nullable(),
  closedAt: ZTimestamp.nullable(),
});
export type TComplaint = z.infer<typeof ZComplaint>;

export const ZComplaintDetail = z.object({
  complaint: ZComplaint,
  events: z.array(ZComplaintEvent),
  deadlines: z.array(ZAppliedDeadline),
  attachments: z.array(z.lazy(() => ZAttachment)),
});
export type TComplaintDetail = z.infer<typeof ZComplaintDetail>;

export const ZComplaintBoardQuery = z.object({
  status: ZComplaintStatus.optional(),
  category: ZComplaintCategory.optional(),
  priority: ZPriority.optional(),
  teamId: ZId.optional(),
  handlerId: ZId.optional(),
  overdue: z.enum(['1', 'true']).optional(),
  /** `due` (soonest deadline first, the default) or `created` (newest first). */
  sort: z.enum(['due', 'created']).default('due'),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type TComplaintBoardQuery = z.infer<typeof ZComplaintBoardQuery>;

export const ZComplaintBoard = z.object({
  complaints: z.array(ZComplaint),
  /** Counts per status over the whole board the agent may see (filters other than status applied). */
  counts: z.record(ZComplaintStatus, z.number().int()),
});
export type TComplaintBoard = z.infer<typeof ZComplaintBoard>;

const ZText = (max: number) => z.string().trim().min(1).max(max);
const ZPhone = z.string().trim().regex(/^[+0-9 ()-]{5,30}$/, 'a phone number');
const ZEmail = z.email().max(200);

/** The customer's complaint from the widget. */
export const ZWidgetComplaintBody = z
  .object({
    siteKey: z.string().min(1).max(64),
    visitorToken: z.string().min(10).max(200),
    hostOrigin: z.string().max(300),
    category: ZComplaintCategory,
    description: ZText(4000),
    name: z.string().trim().max(100).optional(),
    phone: ZPhone.optional(),
    email: ZEmail.optional(),
    locale: ZLocale.default('zh-CN'),
  })
  .refine((b) => b.phone || b.email, { message: 'give a phone number or an email address', path: ['phone'] });
export type TWidgetComplaintBody = z.input<typeof ZWidgetComplaintBody>;

/** An agent registers a complaint made by phone (channel `phone`). */
export const ZPhoneComplaintBody = z.object({
  customerName: ZText(100),
  phone: ZPhone,
  email: ZEmail.optional(),
  category: ZComplaintCategory,
  priority: ZPriority.default('normal'),
  description: ZText(4000),
  locale: ZLocale.default('zh-CN'),
});
export type TPhoneComplaintBody = z.input<typeof ZPhoneComplaintBody>;

/** An agent turns a conversation into a complaint; the transcript stays linked. */
export const ZConvertComplaintBody = z.object({
  conversationId: ZId,
  category: ZComplaintCategory,
  priority: ZPriority.default('normal'),
  description: ZText(4000),
  phone: ZPhone.optional(),
  email: ZEmail.optional(),
});
export type TConvertComplaintBody = z.input<typeof ZConvertComplaintBody>;

/** 投诉判断: accept naming the responsible team (and optionally a handler), or reject with a polite explanation. */
export const ZJudgeComplaintBody = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('accept'), teamId: ZId, handlerId: ZId.nullable().default(null), priority: ZPriority.optional() }),
  z.object({ decision: z.literal('reject'), reason: ZText(2000) }),
]);
export type TJudgeComplaintBody = z.input<typeof ZJudgeComplaintBody>;

export const ZAssignComplaintBody = z.object({ teamId: ZId, handlerId: ZId.nullable() });
export type TAssignComplaintBody = z.infer<typeof ZAssignComplaintBody>;

/** `public: true` is a reply the customer sees; false an internal note. */
export const ZComplaintReplyBody = z.object({ text: ZText(4000), public: z.boolean() });
export type TComplaintReplyBody = z.infer<typeof ZComplaintReplyBody>;

export const ZResolveComplaintBody = z.object({ resolution: ZText(4000) });
export const ZCloseComplaintBody = z.object({ reason: ZText(1000) });
export const ZComplaintPatchBody = z.object({ priority: ZPriority.optional(), category: ZComplaintCategory.optional() });
export type TComplaintPatchBody = z.infer<typeof ZComplaintPatchBody>;

export const ZSlaPolicy = z.object({
  id: ZId,
  /** null: any category. A category-specific row wins over the general one. */
  category: ZComplaintCategory.nullable(),
  priority: ZPriority,
  firstResponseMinutes: z.number().int().positive(),
  resolutionMinutes: z.number().int().positive(),
});
export type TSlaPolicy = z.infer<typeof ZSlaPolicy>;
export const ZSlaPolicyBody = ZSlaPolicy.omit({ id: true }).extend({
  firstResponseMinutes: z.number().int().min(1).max(60 * 24 * 60),
  resolutionMinutes: z.number().int().min(1).max(60 * 24 * 120),
});
export type TSlaPolicyBody = z.infer<typeof ZSlaPolicyBody>;

/** A public timeline entry: only what the customer may see, with no agent identities beyond a role. */
export const ZPublicComplaintEvent = z.object({
  type: z.enum(['created', 'accepted', 'rejected', 'reply', 'customer_info', 'resolved', 'reopened', 'closed', 'rated', 'attachment_added']),
  text: z.string().nullable(),
  at: ZTimestamp,
});
export type TPublicComplaintEvent = z.infer<typeof ZPublicComplaintEvent>;

/** The complaint as its customer sees it on the tracking page and in "My complaints". */
export const ZPublicComplaint = z.object({
  number: z.string(),
  status: ZPublicComplaintStatus,
  category: ZComplaintCategory,
  description: z.string(),
  locale: ZLocale,
  createdAt: ZTimestamp,
  /** When we promised a resolution (null once resolved or closed). */
  dueAt: ZTimestamp.nullable(),
  canAddInfo: z.boolean(),
  /** True after resolution until the customer answers "satisfied?". */
  awaitingFeedback: z.boolean(),
  rating: z.number().int().nullable(),
  timeline: z.array(ZPublicComplaintEvent),
  attachments: z.array(z.lazy(() => ZAttachment)),
});
export type TPublicComplaint = z.infer<typeof ZPublicComplaint>;

export const ZTrackingInfoBody = z.object({ text: ZText(4000) });
export const ZTrackingFeedbackBody = z.discriminatedUnion('satisfied', [
  z.object({ satisfied: z.literal(true), rating: z.number().int().min(1).max(5), comment: z.string().trim().max(1000).optional() }),
  z.object({ satisfied: z.literal(false), comment: z.string().trim().max(1000).optional() }),
]);
export type TTrackingFeedbackBody = z.infer<typeof ZTrackingFeedbackBody>;

/** A complaint in the widget's "My complaints", with its id to ask for a tracking link. */
export const ZVisitorComplaint = z.object({ id: ZId, number: z.string(), status: ZPublicComplaintStatus, category: ZComplaintCategory, createdAt: ZTimestamp });
export type TVisitorComplaint = z.infer<typeof ZVisitorComplaint>;

export const ZOutboxMail = z.object({
  id: ZId,
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  status: z.enum(['held', 'sent', 'failed']),
  error: z.string().nullable(),
  createdAt: ZTimestamp,
  sentAt: ZTimestamp.nullable(),
});
export type TOutboxMail = z.infer<typeof ZOutboxMail>;

/** Files customers may attach: images, PDF and office documents, recognised from their bytes. */
export const ATTACHMENT_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] as const;

/** A file attached to a complaint; `url` is relative to the API that listed it (portal or tracking). */
export const ZAttachment = z.object({
  id: ZId,
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  uploadedBy: z.enum(['customer', 'agent']),
  /** Images are shown inline as thumbnails; everything else is a download. */
  image: z.boolean(),
  createdAt: ZTimestamp,
});
export type TAttachment = z.infer<typeof ZAttachment>;
