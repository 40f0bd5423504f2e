import type { Generated, Selectable } from 'kysely';
import type { TFollowUpFilter, TFollowUpOutcome } from '@kefu/shared';
import type { Json } from '../agents/agents.table';

export interface FollowUpBatchesTable {
  id: Generated<string>;
  name: string;
  filter: Json<TFollowUpFilter>;
  due_at: Date;
  created_by: string | null;
  created_at: Generated<Date>;
}

/** A task to contact one customer (回访), from a manager's batch or a low rating. */
export interface FollowUpsTable {
  id: Generated<string>;
  reason: 'low_rating' | 'batch' | 'complaint';
  status: Generated<'open' | 'done'>;
  visitor_id: string;
  conversation_id: string | null;
  survey_id: string | null;
  complaint_id: string | null;
  batch_id: string | null;
  assignee_id: string;
  due_at: Date;
  outcome: TFollowUpOutcome | null;
  notes: string | null;
  callback_at: Date | null;
  created_at: Generated<Date>;
  completed_at: Date | null;
}
export type FollowUpRow = Selectable<FollowUpsTable>;
