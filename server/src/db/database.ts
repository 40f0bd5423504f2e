import type { Kysely, Transaction } from 'kysely';
import type { ArticlesTable } from '../knowledge/knowledge.table';
import type { CannedRepliesTable, SessionsTable, TeamMembersTable, TeamsTable, UsersTable } from '../agents/agents.table';
import type { SitesTable, VisitorsTable } from '../sites/sites.table';
import type { ComplaintsTables } from '../complaints/complaints.table';
import type { MailOutboxTable } from '../mail/mail.table';
import type {
  ConversationAnnouncementsTable,
  ConversationEventsTable,
  ConversationsTable,
  MessagesTable,
} from '../conversations/conversations.table';

import type { FollowUpBatchesTable, FollowUpsTable } from '../followups/followups.table';
import type { MessageFlagsTable, ProhibitedPhrasesTable, QaReviewsTable, QaScorecardsTable } from '../quality/quality.table';
import type { SurveySettingsTable, SurveysTable } from '../surveys/surveys.table';
import type { ScheduledReportsTable } from '../scheduled-reports/scheduled-reports.table';
import type { AuditLogTable, RolePermissionsTable } from '../audit/audit.table';
import type { UserInvitesTable } from '../admin/admin.table';
import type { AttachmentDeletionsTable, MessageAttachmentsTable } from '../attachments/message-attachments.table';
import type { CustomersTables } from '../customers/customers.table';

export interface Database extends ComplaintsTables, CustomersTables {
  users: UsersTable;
  articles: ArticlesTable;
  sessions: SessionsTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  canned_replies: CannedRepliesTable;
  sites: SitesTable;
  visitors: VisitorsTable;
  conversations: ConversationsTable;
  conversation_announcements: ConversationAnnouncementsTable;
  messages: MessagesTable;
  conversation_events: ConversationEventsTable;
  mail_outbox: MailOutboxTable;
  survey_settings: SurveySettingsTable;
  surveys: SurveysTable;
  follow_up_batches: FollowUpBatchesTable;
  follow_ups: FollowUpsTable;
  prohibited_phrases: ProhibitedPhrasesTable;
  message_flags: MessageFlagsTable;
  qa_scorecards: QaScorecardsTable;
  qa_reviews: QaReviewsTable;
  scheduled_reports: ScheduledReportsTable;
  audit_log: AuditLogTable;
  role_permissions: RolePermissionsTable;
  user_invites: UserInvitesTable;
  message_attachments: MessageAttachmentsTable;
  attachment_deletions: AttachmentDeletionsTable;
}

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Either the database or an open transaction: for reads that may run inside one. */
export type DbOrTrx = Db | Trx;
