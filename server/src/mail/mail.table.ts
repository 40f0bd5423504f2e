import type { Generated, Selectable } from 'kysely';

/** Every mail Kefu sends. Without SMTP the mail stays `held` here for admins to read. */
export interface MailOutboxTable {
  id: Generated<string>;
  to_address: string;
  subject: string;
  text: string;
  status: 'held' | 'sent' | 'failed';
  error: string | null;
  created_at: Date;
  sent_at: Date | null;
}
export type MailRow = Selectable<MailOutboxTable>;
