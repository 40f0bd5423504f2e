import type { ColumnType, Generated, Selectable } from 'kysely';
import type { TBusinessHours, TLauncherPosition, TLocale, TRoutingRules } from '@kefu/shared';
import type { Json } from '../agents/agents.table';

export interface SitesTable {
  id: Generated<string>;
  name: string;
  key: string;
  allowed_origins: Json<string[]>;
  default_team_id: string | null;
  greeting: Json<{ 'zh-CN': string; en: string }>;
  offline_message: Json<{ 'zh-CN': string; en: string }>;
  locale: TLocale | null;
  color: string;
  business_hours: Json<TBusinessHours | null>;
  launcher_position: Generated<TLauncherPosition>;
  routing_rules: ColumnType<TRoutingRules, string | undefined, string>;
  /** Key of the HMAC in Kefu.identify; null until first used (then random, see customers.identity.ts). */
  identity_secret: string | null;
  created_at: Generated<Date>;
}
export type SiteRow = Selectable<SitesTable>;

export interface VisitorsTable {
  id: Generated<string>;
  site_id: string;
  token_hash: string;
  name: string | null;
  email: string | null;
  vip: Generated<boolean>;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  /** The customer profile this visitor belongs to (customers/). */
  customer_id: string | null;
}
export type VisitorRow = Selectable<VisitorsTable>;
