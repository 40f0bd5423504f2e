import { z } from 'zod';

export const ZId = z.uuid();
export type TId = z.infer<typeof ZId>;

export const LOCALES = ['zh-CN', 'en'] as const;
export const ZLocale = z.enum(LOCALES);
export type TLocale = z.infer<typeof ZLocale>;

/** ISO timestamp as sent on the wire. */
export const ZTimestamp = z.string();

/** Longest text a customer or agent may send in one message. */
export const MESSAGE_MAX_LENGTH = 4000;

/** Client-generated message id: makes sending idempotent (unique per conversation). */
export const ZClientId = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);
