import { z } from 'zod';
import { MESSAGE_MAX_LENGTH, ZClientId, ZId, ZTimestamp } from './common';

/** queued: waiting for an agent · active: assigned to an agent · resolved: done (a customer message reopens it). */
export const CONVERSATION_STATUSES = ['queued', 'active', 'resolved'] as const;
export const ZConversationStatus = z.enum(CONVERSATION_STATUSES);
export type TConversationStatus = z.infer<typeof ZConversationStatus>;

/** 轻重缓急: orders queues (urgent first). */
export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export const ZPriority = z.enum(PRIORITIES);
export type TPriority = z.infer<typeof ZPriority>;

export const CHANNELS = ['widget', 'phone'] as const;
export const ZChannel = z.enum(CHANNELS);
export type TChannel = z.infer<typeof ZChannel>;

export const AUTHOR_KINDS = ['customer', 'agent', 'system'] as const;
export const ZAuthorKind = z.enum(AUTHOR_KINDS);

/** A file on a chat message (docs/protocol.md): images are thumbnails, everything else a download. */
export const ZMessageAttachment = z.object({
  id: ZId,
  fileName: z.string(),
  /** Sniffed from the bytes at upload. */
  contentType: z.string(),
  size: z.number().int().nonnegative(),
  image: z.boolean(),
});
export type TMessageAttachment = z.infer<typeof ZMessageAttachment>;

/** At most this many files on one message. */
export const MESSAGE_MAX_ATTACHMENTS = 5;

export const ZMessage = z.object({
  id: ZId,
  conversationId: ZId,
  /** Gap-free, per conversation, starting at 1: the order everyone sees. */
  seq: z.number().int().positive(),
  clientId: z.string(),
  author: ZAuthorKind,
  authorName: z.string().nullable(),
  /** Internal notes are never sent to the customer. */
  internal: z.boolean(),
  text: z.string(),
  /** Present only when the message carries files (uploaded first, referenced by id when sending). */
  attachments: z.array(ZMessageAttachment).optional(),
  createdAt: ZTimestamp,
});
export type TMessage = z.infer<typeof ZMessage>;

export const ZQueueInfo = z.object({
  position: z.number().int().positive(),
  /** Estimated from recently served conversations of the team; null when there is no history. */
  expectedWaitSeconds: z.number().int().nonnegative().nullable(),
});
export type TQueueInfo = z.infer<typeof ZQueueInfo>;

/** The conversation as its customer sees it: no internal detail. */
export const ZCustomerConversation = z.object({
  id: ZId,
  status: ZConversationStatus,
  agentName: z.string().nullable(),
  lastSeq: z.number().int().nonnegative(),
  queue: ZQueueInfo.nullable(),
  createdAt: ZTimestamp,
});
export type TCustomerConversation = z.infer<typeof ZCustomerConversation>;

/** The conversation as agents see it in inboxes. */
export const ZConversation = z.object({
  id: ZId,
  siteId: ZId,
  siteName: z.string(),
  teamId: ZId.nullable(),
  teamName: z.string().nullable(),
  visitor: z.object({
    id: ZId,
    name: z.string().nullable(),
    email: z.string().nullable(),
    vip: z.boolean(),
  }),
  status: ZConversationStatus,
  priority: ZPriority,
  channel: ZChannel,
  assigneeId: ZId.nullable(),
  assigneeName: z.string().nullable(),
  /** 首问责任制: the first agent who replied; kept through transfers. */
  ownerId: ZId.nullable(),
  ownerName: z.string().nullable(),
  lastSeq: z.number().int().nonnegative(),
  lastMessageText: z.string().nullable(),
  lastMessageAt: ZTimestamp.nullable(),
  /** Since when the customer waits for an agent's answer; null when the agent spoke last. */
  waitingSince: ZTimestamp.nullable(),
  queuedAt: ZTimestamp.nullable(),
  assignedAt: ZTimestamp.nullable(),
  resolvedAt: ZTimestamp.nullable(),
  createdAt: ZTimestamp,
  queue: ZQueueInfo.nullable(),
});
export type TConversation = z.infer<typeof ZConversation>;

/** What a conversation's preview shows of a message: its first 200 characters (a clip for files only). */
export const messagePreview = (text: string): string => (text || '📎').slice(0, 200);

/**
 * A conversation after one more message that changes nothing else (no reopen, no new owner): the
 * sequence number, the preview and who is waiting — exactly what the server stores with it. Agents
 * who receive the message itself derive this instead of getting a second event (docs/protocol.md).
 * An older or another conversation's message changes nothing.
 */
export function conversationWithMessage(c: TConversation, m: TMessage): TConversation {
  if (m.conversationId !== c.id || m.seq <= c.lastSeq) return c;
  if (m.internal) return { ...c, lastSeq: m.seq };
  return {
    ...c,
    lastSeq: m.seq,
    lastMessageText: messagePreview(m.text),
    lastMessageAt: m.createdAt,
    waitingSince: m.author === 'customer' ? (c.waitingSince ?? m.createdAt) : null,
  };
}

export const CONVERSATION_EVENT_TYPES = [
  'created',
  'queued',
  'assigned',
  'claimed',
  'owner_set',
  'transferred',
  'assignment_timed_out',
  'resolved',
  'reopened',
  'priority_changed',
] as const;
export const ZConversationEventType = z.enum(CONVERSATION_EVENT_TYPES);
export type TConversationEventType = z.infer<typeof ZConversationEventType>;

/** One entry of a conversation's event trail (assignments, owner, transfers, resolution). */
export const ZConversationEvent = z.object({
  id: ZId,
  conversationId: ZId,
  type: ZConversationEventType,
  actorId: ZId.nullable(),
  actorName: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: ZTimestamp,
});
export type TConversationEvent = z.infer<typeof ZConversationEvent>;

/** Text of a message that may carry files: empty text is allowed only with at least one attachment. */
const ZTextOrEmpty = z.string().trim().max(MESSAGE_MAX_LENGTH, `at most ${MESSAGE_MAX_LENGTH} characters`).default('');
/** Ids of attachments the sender uploaded (POST …/attachments) to this conversation. */
const ZAttachmentIds = z.array(ZId).max(MESSAGE_MAX_ATTACHMENTS).optional();
const textOrFiles = { message: 'empty message', path: ['text'] };
const hasTextOrFiles = (m: { text: string; attachmentIds?: string[] | undefined }) => m.text.length > 0 || (m.attachmentIds?.length ?? 0) > 0;

export const INBOX_VIEWS = ['mine', 'queue', 'all'] as const;
export const ZInboxView = z.enum(INBOX_VIEWS);
export type TInboxView = z.infer<typeof ZInboxView>;

// ---- customer namespace payloads ----

export const ZCustomerSendMessage = z.object({
  /** null starts a conversation (or joins the visitor's open one: never two at once). */
  conversationId: ZId.nullable(),
  clientId: ZClientId,
  text: ZTextOrEmpty,
  attachmentIds: ZAttachmentIds,
  /** Optional contact for offline messages. */
  email: z.email().max(200).optional(),
}).refine(hasTextOrFiles, textOrFiles);
export type TCustomerSendMessage = z.infer<typeof ZCustomerSendMessage>;

export const ZCustomerSync = z.object({
  /** null: the visitor's latest conversation. */
  conversationId: ZId.nullable(),
  afterSeq: z.number().int().nonnegative(),
});
export type TCustomerSync = z.infer<typeof ZCustomerSync>;

export const ZTyping = z.object({ conversationId: ZId, typing: z.boolean() });
export type TTyping = z.infer<typeof ZTyping>;

// ---- agent namespace payloads ----

export const ZAgentSendMessage = z.object({
  conversationId: ZId,
  clientId: ZClientId,
  text: ZTextOrEmpty,
  attachmentIds: ZAttachmentIds,
  internal: z.boolean().default(false),
}).refine(hasTextOrFiles, textOrFiles);
export type TAgentSendMessage = z.input<typeof ZAgentSendMessage>;

export const ZAgentSync = z.object({ conversationId: ZId, afterSeq: z.number().int().nonnegative() });
export type TAgentSync = z.infer<typeof ZAgentSync>;

export const ZTransferBody = z
  .object({
    toAgentId: ZId.nullable().default(null),
    toTeamId: ZId.nullable().default(null),
    reason: z.string().trim().min(1).max(500),
  })
  .refine((b) => (b.toAgentId === null) !== (b.toTeamId === null), {
    message: 'name exactly one agent or one team',
  });
export type TTransferBody = z.input<typeof ZTransferBody>;

export const ZConversationPatch = z.object({ priority: ZPriority });

export const ZConversationDetail = z.object({
  conversation: ZConversation,
  messages: z.array(ZMessage),
  events: z.array(ZConversationEvent),
});
export type TConversationDetail = z.infer<typeof ZConversationDetail>;
