import type { Generated, Selectable } from 'kysely';
import type { TChannel, TConversationEventType, TConversationStatus, TPriority } from '@kefu/shared';
import type { Json } from '../agents/agents.table';

export interface ConversationsTable {
  id: Generated<string>;
  site_id: string;
  visitor_id: string;
  team_id: string | null;
  status: TConversationStatus;
  priority: Generated<TPriority>;
  channel: Generated<TChannel>;
  assignee_id: string | null;
  owner_id: string | null;
  queued_at: Date | null;
  assigned_at: Date | null;
  resolved_at: Date | null;
  /** Last sequence number handed out; messages are 1..last_seq without gaps. */
  last_seq: Generated<number>;
  last_message_text: string | null;
  last_message_at: Date | null;
  waiting_since: Date | null;
  /** Agents who let the assignment time out; routing tries others first. */
  missed_agent_ids: Generated<string[]>;
  created_at: Generated<Date>;
}
export type ConversationRow = Selectable<ConversationsTable>;

export interface MessagesTable {
  id: Generated<string>;
  conversation_id: string;
  seq: number;
  client_id: string;
  author: 'customer' | 'agent' | 'system';
  author_id: string | null;
  internal: Generated<boolean>;
  text: string;
  created_at: Generated<Date>;
}
export type MessageRow = Selectable<MessagesTable>;

export interface ConversationEventsTable {
  id: Generated<string>;
  conversation_id: string;
  type: TConversationEventType;
  actor_id: string | null;
  data: Json<Record<string, unknown>>;
  created_at: Generated<Date>;
}
export type ConversationEventRow = Selectable<ConversationEventsTable>;

/** A committed change of state not yet known to be announced (routing.service.ts, `announceUnannounced`). */
export interface ConversationAnnouncementsTable {
  conversation_id: string;
  changed_at: Date;
}
