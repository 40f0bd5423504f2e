import type { Generated, Selectable } from 'kysely';

/** A file uploaded for a chat message; `message_id` is set when a message of the same party names it. */
export interface MessageAttachmentsTable {
  id: Generated<string>;
  uploaded_by: 'customer' | 'agent';
  visitor_id: string | null;
  agent_id: string | null;
  /** Null for a customer's upload before their first message opened the conversation. */
  conversation_id: string | null;
  message_id: string | null;
  file_name: string;
  /** Sniffed from the bytes, never taken from the name or the request. */
  content_type: string;
  size: number;
  created_at: Generated<Date>;
}
export type MessageAttachmentRow = Selectable<MessageAttachmentsTable>;

/** Ids of attachment files to delete once their rows' removal has committed (attachments.sweep.ts). */
export interface AttachmentDeletionsTable {
  id: string;
  queued_at: Generated<Date>;
}
