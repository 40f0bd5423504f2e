import type { Kysely, Transaction } from 'kysely';
import type { CannedRepliesTable, SessionsTable, TeamMembersTable, TeamsTable, UsersTable } from '../agents/agents.table';
import type { SitesTable, VisitorsTable } from '../sites/sites.table';
import type {
  ConversationEventsTable,
  ConversationsTable,
  MessagesTable,
} from '../conversations/conversations.table';

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  canned_replies: CannedRepliesTable;
  sites: SitesTable;
  visitors: VisitorsTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  conversation_events: ConversationEventsTable;
}

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Either the database or an open transaction: for reads that may run inside one. */
export type DbOrTrx = Db | Trx;
