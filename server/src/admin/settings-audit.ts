import type { DbOrTrx } from '../db/database';
import { recordAudit } from '../audit/audit.service';

/** Who changes a setting, and from where. */
export type TSettingsActor = { id: string | null; ip?: string | null };

/**
 * The names of the fields whose value differs between two versions of a setting (deep compare by
 * JSON). Only names go into the audit log, never values, so secrets and keys are never written there.
 * @example changedFields({ color: '#111', name: 'a' }, { color: '#222', name: 'a' }) // ['color']
 */
export function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before?.[k] ?? null) !== JSON.stringify(after[k] ?? null)).sort();
}

/**
 * Records a 'settings.changed' entry (inside the changing transaction where there is one); nothing
 * when no field changed.
 * @example await auditSettings(trx, actor, { setting: 'site', id: site.id, fields: ['color'] }, ctx.clock())
 */
export async function auditSettings(
  db: DbOrTrx,
  actor: TSettingsActor,
  change: { setting: string; id: string | null; fields: string[]; created?: boolean; deleted?: boolean },
  now: Date,
): Promise<void> {
  if (change.fields.length === 0 && !change.created && !change.deleted) return;
  await recordAudit(
    db,
    {
      actorId: actor.id,
      action: 'settings.changed',
      targetType: change.setting,
      targetId: change.id,
      detail: { fields: change.fields, ...(change.created && { created: true }), ...(change.deleted && { deleted: true }) },
      ip: actor.ip ?? null,
    },
    now,
  );
}
