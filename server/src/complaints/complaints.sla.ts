import { sql } from 'kysely';
import type { TSlaPolicy, TSlaPolicyBody } from '@kefu/shared';
import type { DbOrTrx } from '../db/database';
import type { SlaPolicyRow } from './complaints.table';

const toPolicy = (r: SlaPolicyRow): TSlaPolicy => ({
  id: r.id,
  category: r.category,
  priority: r.priority,
  firstResponseMinutes: r.first_response_minutes,
  resolutionMinutes: r.resolution_minutes,
});

/** The SLA policies (one per priority, optionally per category); applied deadlines live on each complaint. */
export async function listPolicies(db: DbOrTrx): Promise<TSlaPolicy[]> {
  const rows = await db.selectFrom('complaint_sla_policies').selectAll().orderBy(sql`category nulls first`).orderBy(sql`array_position(array['urgent','high','normal','low'], priority)`).execute();
  return rows.map(toPolicy);
}

/** Creates or replaces the policy for (category, priority); new complaints use it from now on. */
export async function savePolicy(db: DbOrTrx, body: TSlaPolicyBody): Promise<TSlaPolicy> {
  const values = { category: body.category, priority: body.priority, first_response_minutes: body.firstResponseMinutes, resolution_minutes: body.resolutionMinutes };
  let q = db.updateTable('complaint_sla_policies').set(values).where('priority', '=', body.priority);
  q = body.category === null ? q.where('category', 'is', null) : q.where('category', '=', body.category);
  const updated = await q.returningAll().executeTakeFirst();
  if (updated) return toPolicy(updated);
  return toPolicy(await db.insertInto('complaint_sla_policies').values(values).returningAll().executeTakeFirstOrThrow());
}
