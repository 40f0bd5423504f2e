import { z } from 'zod';
import { ZId, ZTimestamp } from './common';
import { ZComplaintCategory, ZComplaintStatus } from './complaints';
import { ZChannel, ZConversationStatus } from './conversations';
import { ZFollowUpOutcome, ZFollowUpReason, ZFollowUpStatus, ZSurvey } from './surveys';

/**
 * 客户档案: one customer per site. `verified` customers were identified by the host site with a
 * valid HMAC (`Kefu.identify({ id, …, hash })`); the others are one anonymous visitor (and whatever
 * that visitor typed into forms — never matched to anyone else by email). Phone and email are
 * masked in every portal response (`138****5678`, `w***@example.com`); see docs/confidentiality.md.
 */
export const ZCustomer = z.object({
  id: ZId,
  siteId: ZId,
  siteName: z.string(),
  externalId: z.string().nullable(),
  verified: z.boolean(),
  name: z.string().nullable(),
  /** Masked. */
  email: z.string().nullable(),
  /** Masked. */
  phone: z.string().nullable(),
  vip: z.boolean(),
  region: z.string().nullable(),
  tags: z.array(z.string()),
  createdAt: ZTimestamp,
  lastSeenAt: ZTimestamp,
  /** Set when the customer was erased (data subject request or retention). */
  erasedAt: ZTimestamp.nullable(),
});
export type TCustomer = z.infer<typeof ZCustomer>;

export const ZCustomerNote = z.object({
  id: ZId,
  authorId: ZId.nullable(),
  authorName: z.string().nullable(),
  body: z.string(),
  createdAt: ZTimestamp,
});
export type TCustomerNote = z.infer<typeof ZCustomerNote>;

/** The customer's history, newest first (metadata only: transcripts open in the inbox, by its access rules). */
export const ZCustomerProfile = z.object({
  customer: ZCustomer,
  notes: z.array(ZCustomerNote),
  conversations: z.array(
    z.object({
      id: ZId,
      status: ZConversationStatus,
      channel: ZChannel,
      teamName: z.string().nullable(),
      assigneeName: z.string().nullable(),
      createdAt: ZTimestamp,
      resolvedAt: ZTimestamp.nullable(),
    }),
  ),
  complaints: z.array(
    z.object({ id: ZId, number: z.string(), status: ZComplaintStatus, category: ZComplaintCategory, rating: z.number().int().nullable(), createdAt: ZTimestamp }),
  ),
  surveys: z.array(ZSurvey),
  followUps: z.array(
    z.object({
      id: ZId,
      reason: ZFollowUpReason,
      status: ZFollowUpStatus,
      outcome: ZFollowUpOutcome.nullable(),
      assigneeName: z.string(),
      dueAt: ZTimestamp,
      completedAt: ZTimestamp.nullable(),
    }),
  ),
  /** Mean of answered survey ratings (null without any). */
  averageRating: z.number().nullable(),
});
export type TCustomerProfile = z.infer<typeof ZCustomerProfile>;

export const ZCustomerSearch = z.object({
  /** Matches name, email, phone or external id (case-insensitive, part of the value). */
  q: z.string().trim().max(100).optional(),
  siteId: ZId.optional(),
  vip: z.enum(['1', 'true']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TCustomerSearch = z.infer<typeof ZCustomerSearch>;

const ZTag = z.string().trim().min(1).max(40);
export const ZCustomerUpdateBody = z.object({
  vip: z.boolean().optional(),
  region: z.string().trim().max(100).nullable().optional(),
  tags: z.array(ZTag).max(30).optional(),
});
export type TCustomerUpdateBody = z.infer<typeof ZCustomerUpdateBody>;

export const ZCustomerNoteBody = z.object({ body: z.string().trim().min(1).max(2000) });

export const REVEALABLE_FIELDS = ['phone', 'email'] as const;
export const ZRevealBody = z.object({ field: z.enum(REVEALABLE_FIELDS) });
export type TRevealField = z.infer<typeof ZRevealBody>['field'];

/**
 * What a host site passes to `Kefu.identify` (forwarded by the widget to POST /api/widget/session).
 * `hash` = hex HMAC-SHA256 of `id` with the site's identity secret; without a valid one, everything
 * here is ignored. Malformed fields make the whole identity ignored, never the session fail.
 */
export const ZCustomerIdentity = z.object({
  id: z.string().trim().min(1).max(200),
  hash: z.string().max(200).optional(),
  name: z.string().trim().max(100).optional(),
  email: z.email().max(200).optional(),
  phone: z.string().trim().regex(/^[+0-9 ()-]{5,30}$/).optional(),
  vip: z.boolean().optional(),
  region: z.string().trim().max(100).optional(),
  tags: z.array(ZTag).max(30).optional(),
});
export type TCustomerIdentity = z.infer<typeof ZCustomerIdentity>;

/** Masks a phone number: the first 3 and last 4 digits stay (13812345678 → 138****5678). */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 8) return '*'.repeat(Math.max(digits.length, 4));
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** Masks an email address: the first letter and the domain stay (wang@example.com → w***@example.com). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** What replaces a customer's own words (messages, complaint text) once their personal data is erased. */
export const ERASED_TEXT = '[erased]';

/** What erasing one customer changed (data subject request or retention). */
export const ZErasureCounts = z.object({
  customers: z.number().int(),
  visitors: z.number().int(),
  messages: z.number().int(),
  complaints: z.number().int(),
  /** Files the customer had uploaded (chat and complaints), deleted. */
  files: z.number().int(),
});
export type TErasureCounts = z.infer<typeof ZErasureCounts>;
