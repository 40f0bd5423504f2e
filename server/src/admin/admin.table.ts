import type { Generated } from 'kysely';

export interface UserInvitesTable {
  /** SHA-256 of the one-time token: a leaked table reveals no working link. */
  token_hash: string;
  user_id: string;
  created_by: string | null;
  created_at: Generated<Date>;
  expires_at: Date;
  used_at: Date | null;
}
