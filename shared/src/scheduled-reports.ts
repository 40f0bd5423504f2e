import { z } from 'zod';
import { ZId, ZTimestamp } from './common';

/** 日报 / 周报 / 月报: yesterday, last week (Monday–Sunday), last month. */
export const SCHEDULED_REPORT_KINDS = ['daily', 'weekly', 'monthly'] as const;
export const ZScheduledReportKind = z.enum(SCHEDULED_REPORT_KINDS);
export type TScheduledReportKind = z.infer<typeof ZScheduledReportKind>;

/** `making` while one server process makes it; `sent` mailed over SMTP; `stored` kept for download (no SMTP); `failed` see `error`. */
export const SCHEDULED_REPORT_STATUSES = ['making', 'sent', 'stored', 'failed'] as const;
export const ZScheduledReportStatus = z.enum(SCHEDULED_REPORT_STATUSES);
export type TScheduledReportStatus = z.infer<typeof ZScheduledReportStatus>;

/** A past scheduled report as the portal lists it (the text and CSV are downloaded separately). */
export const ZScheduledReport = z.object({
  id: ZId,
  kind: ZScheduledReportKind,
  /** Local dates (YYYY-MM-DD) in `timeZone`, both included. */
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  status: ZScheduledReportStatus,
  madeAt: ZTimestamp.nullable(),
  recipients: z.array(z.string()),
  subject: z.string().nullable(),
  error: z.string().nullable(),
});
export type TScheduledReport = z.infer<typeof ZScheduledReport>;

export const ZScheduledReportsQuery = z.object({
  kind: ZScheduledReportKind.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(60),
});

/** Download formats: the mail's plain text, or CSV (UTF-8 with BOM, so Excel reads Chinese). */
export const ZScheduledReportFormat = z.object({ format: z.enum(['txt', 'csv']).default('csv') });
