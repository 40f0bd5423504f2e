import { z } from 'zod';
import { ZId, ZLocale, ZTimestamp } from './common';
import { ZReport } from './reports';

/** 日报 / 周报 / 月报: yesterday, last week (Monday–Sunday), last month. */
export const SCHEDULED_REPORT_KINDS = ['daily', 'weekly', 'monthly'] as const;
export const ZScheduledReportKind = z.enum(SCHEDULED_REPORT_KINDS);
export type TScheduledReportKind = z.infer<typeof ZScheduledReportKind>;

/** `making` while one server process makes it; `sent` mailed over SMTP; `stored` kept for download (no SMTP); `failed` see `error`. */
export const SCHEDULED_REPORT_STATUSES = ['making', 'sent', 'stored', 'failed'] as const;
export const ZScheduledReportStatus = z.enum(SCHEDULED_REPORT_STATUSES);
export type TScheduledReportStatus = z.infer<typeof ZScheduledReportStatus>;

/** What a scheduled report holds: the period's report by team and by agent (each with its total). */
export const ZScheduledReportFigures = z.object({ teams: ZReport, agents: ZReport });
export type TScheduledReportFigures = z.infer<typeof ZScheduledReportFigures>;

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

/** When reports are made (server configuration), for the portal to explain. */
export const ZReportSchedule = z.object({ enabled: z.boolean(), dailyAt: z.string(), timeZone: z.string(), mail: z.boolean() });
export type TReportSchedule = z.infer<typeof ZReportSchedule>;

export const ZScheduledReportsQuery = z.object({
  kind: ZScheduledReportKind.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(60),
});

/** Download: the mail's plain text, or CSV (UTF-8 with BOM, so Excel reads Chinese), in a language (default: the reader's Accept-Language). */
export const ZScheduledReportDownload = z.object({ format: z.enum(['txt', 'csv']).default('csv'), locale: ZLocale.optional() });
