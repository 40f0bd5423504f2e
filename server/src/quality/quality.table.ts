import type { Generated, Selectable } from 'kysely';
import type { TLocale, TPhraseCategory, TPhraseKind, TPhraseSeverity, TScorecardCriterion } from '@kefu/shared';
import type { Json } from '../agents/agents.table';

export interface ProhibitedPhrasesTable {
  id: Generated<string>;
  locale: TLocale;
  category: TPhraseCategory;
  kind: TPhraseKind;
  text: string;
  severity: TPhraseSeverity;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}
export type ProhibitedPhraseRow = Selectable<ProhibitedPhrasesTable>;

/** A sent agent message that matched a prohibited phrase (the phrase is copied: lists change). */
export interface MessageFlagsTable {
  id: Generated<string>;
  message_id: string;
  conversation_id: string;
  agent_id: string | null;
  phrase_id: string | null;
  category: TPhraseCategory;
  severity: TPhraseSeverity;
  phrase: string;
  excerpt: string;
  created_at: Generated<Date>;
}

/** The one scorecard (row id 1); each review keeps the criteria it was scored with. */
export interface QaScorecardsTable {
  id: number;
  criteria: Json<TScorecardCriterion[]>;
  updated_at: Generated<Date>;
}

export interface QaReviewsTable {
  id: Generated<string>;
  conversation_id: string;
  agent_id: string;
  reviewer_id: string;
  criteria: Json<TScorecardCriterion[]>;
  scores: Json<Record<string, number>>;
  total: number;
  comment: string;
  created_at: Generated<Date>;
}
