import type { Generated, Selectable } from 'kysely';
import type {
  TComplaintCategory,
  TComplaintChannel,
  TComplaintEventType,
  TComplaintStatus,
  TDeadlineKind,
  TLocale,
  TPriority,
} from '@kefu/shared';
import type { Json } from '../agents/agents.table';

export interface ComplaintsTable {
  id: Generated<string>;
  /** KS + day + per-day sequence, e.g. KS20261122-0007: unique and sortable. */
  number: string;
  status: TComplaintStatus;
  channel: TComplaintChannel;
  category: TComplaintCategory;
  priority: TPriority;
  description: string;
  customer_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  locale: TLocale;
  site_id: string | null;
  visitor_id: string | null;
  conversation_id: string | null;
  /** 首问: the first agent who took it up; stays on record through reassignments. */
  owner_id: string | null;
  /** 责任部门, named at acceptance. */
  team_id: string | null;
  handler_id: string | null;
  judged_by: string | null;
  judged_at: Date | null;
  rejection_reason: string | null;
  resolution: string | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  close_reason: 'satisfied' | 'auto' | 'staff' | null;
  reopen_count: Generated<number>;
  rating: number | null;
  rating_comment: string | null;
  created_at: Date;
  updated_at: Date;
  /** When retention or a data subject request erased the contact fields (customers/). */
  personal_erased_at: Date | null;
}
export type ComplaintRow = Selectable<ComplaintsTable>;

export interface ComplaintNumberDaysTable {
  day: string;
  last: number;
}

export interface ComplaintTrackingTokensTable {
  token_hash: string;
  complaint_id: string;
  created_at: Generated<Date>;
  expires_at: Date;
}

export interface ComplaintEventsTable {
  id: Generated<string>;
  seq: Generated<number>;
  complaint_id: string;
  type: TComplaintEventType;
  public: boolean;
  actor_id: string | null;
  text: string | null;
  data: Json<Record<string, unknown>>;
  created_at: Date;
}
export type ComplaintEventRow = Selectable<ComplaintEventsTable>;

export interface ComplaintSlaPoliciesTable {
  id: Generated<string>;
  category: TComplaintCategory | null;
  priority: TPriority;
  first_response_minutes: number;
  resolution_minutes: number;
}
export type SlaPolicyRow = Selectable<ComplaintSlaPoliciesTable>;

export interface ComplaintDeadlinesTable {
  id: Generated<string>;
  complaint_id: string;
  kind: TDeadlineKind;
  starts_at: Date;
  due_at: Date;
  met_at: Date | null;
  warned_at: Date | null;
  breached_at: Date | null;
}
export type DeadlineRow = Selectable<ComplaintDeadlinesTable>;

export interface ComplaintAttachmentsTable {
  id: Generated<string>;
  complaint_id: string;
  uploaded_by: 'customer' | 'agent';
  actor_id: string | null;
  file_name: string;
  /** Sniffed from the bytes, never taken from the name or the request. */
  content_type: string;
  size: number;
  created_at: Date;
}
export type AttachmentRow = Selectable<ComplaintAttachmentsTable>;

/** The complaint feature's tables, joined into `Database` in db/database.ts. */
export interface ComplaintsTables {
  complaints: ComplaintsTable;
  complaint_number_days: ComplaintNumberDaysTable;
  complaint_tracking_tokens: ComplaintTrackingTokensTable;
  complaint_events: ComplaintEventsTable;
  complaint_sla_policies: ComplaintSlaPoliciesTable;
  complaint_deadlines: ComplaintDeadlinesTable;
  complaint_attachments: ComplaintAttachmentsTable;
}
