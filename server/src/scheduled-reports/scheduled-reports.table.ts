import type { ColumnType, Generated, Selectable } from 'kysely';
import type { TScheduledReportFigures, TScheduledReportKind, TScheduledReportStatus } from '@kefu/shared';

/** One scheduled report per (kind, period): claimed (`making`) before it is made, so each is made once. */
export interface ScheduledReportsTable {
  id: Generated<string>;
  kind: TScheduledReportKind;
  /** Local dates YYYY-MM-DD in `time_zone`, both included. */
  period_from: string;
  period_to: string;
  time_zone: string;
  status: TScheduledReportStatus;
  claimed_at: Date;
  made_at: Date | null;
  recipients: ColumnType<string[], string | undefined, string>;
  subject: string | null;
  /** `{ teams: TReport, agents: TReport }` (JSON), null until made. */
  figures: ColumnType<TScheduledReportFigures | null, string | null, string | null>;
  error: string | null;
}
export type ScheduledReportRow = Selectable<ScheduledReportsTable>;
