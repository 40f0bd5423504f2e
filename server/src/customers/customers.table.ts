import type { Generated, Selectable } from 'kysely';
import type { Json } from '../agents/agents.table';

export interface CustomersTable {
  id: Generated<string>;
  site_id: string;
  /** The host site's user id; set only through a verified identify (HMAC). */
  external_id: string | null;
  verified: Generated<boolean>;
  name: string | null;
  email: string | null;
  phone: string | null;
  vip: Generated<boolean>;
  region: string | null;
  tags: Json<string[]>;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  erased_at: Date | null;
}
export type CustomerRow = Selectable<CustomersTable>;

export interface CustomerNotesTable {
  id: Generated<string>;
  customer_id: string;
  author_id: string | null;
  body: string;
  created_at: Generated<Date>;
}

export type CustomersTables = { customers: CustomersTable; customer_notes: CustomerNotesTable };
