import type { Generated, Selectable } from 'kysely';
import type { TSurveyFrequency } from '@kefu/shared';
import type { Json } from '../agents/agents.table';

type Wording = { 'zh-CN': string; en: string };

/** A site's survey policy. */
export interface SurveySettingsTable {
  site_id: string;
  enabled: boolean;
  question: Json<Wording>;
  delay_seconds: number;
  frequency: TSurveyFrequency;
  once_per_days: number;
  updated_at: Generated<Date>;
}
export type SurveySettingsRow = Selectable<SurveySettingsTable>;

/** One survey sent (or scheduled) to one customer; the policy applied is copied onto it. */
export interface SurveysTable {
  id: Generated<string>;
  site_id: string;
  visitor_id: string;
  conversation_id: string | null;
  complaint_id: string | null;
  source: 'conversation' | 'follow_up' | 'complaint';
  /** The agent credited: the conversation's owner when the survey was created. */
  agent_id: string | null;
  team_id: string | null;
  question: Json<Wording>;
  token_hash: string;
  send_at: Date;
  sent_at: Date | null;
  rating: number | null;
  comment: string | null;
  answered_at: Date | null;
  updated_at: Date | null;
  created_at: Generated<Date>;
}
export type SurveyRow = Selectable<SurveysTable>;
