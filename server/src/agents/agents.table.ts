import type { ColumnType, Generated, Selectable } from 'kysely';
import type { TLocale, TPresence, TRole } from '@kefu/shared';

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string;
  role: TRole;
  /** null: follows the browser in the portal; mail in zh-CN. */
  locale: TLocale | null;
  active: Generated<boolean>;
  max_concurrent: Generated<number>;
  presence: Generated<TPresence>;
  presence_changed_at: Generated<Date>;
  /** Last time a conversation was assigned to the agent: "longest idle" breaks ties. */
  last_assigned_at: Date | null;
  created_at: Generated<Date>;
}
export type UserRow = Selectable<UsersTable>;

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: Generated<Date>;
  expires_at: Date;
}

export interface TeamsTable {
  id: Generated<string>;
  name: string;
  created_at: Generated<Date>;
}

export interface TeamMembersTable {
  team_id: string;
  user_id: string;
}

export interface CannedRepliesTable {
  id: Generated<string>;
  shortcut: string;
  title: string;
  body: string;
  /** null = every agent's; otherwise only that team's agents see it. */
  team_id: Generated<string | null>;
  created_at: Generated<Date>;
}

export type Json<T> = ColumnType<T, string, string>;
