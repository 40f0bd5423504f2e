import type { TCustomerSurvey, TSurvey, TSurveySettings } from '@kefu/shared';
import { SURVEY_EDIT_WINDOW_MS } from '@kefu/shared';
import type { DbOrTrx, Trx } from '../db/database';
import type { SurveyRow, SurveySettingsRow } from './surveys.table';

/** The policy a site gets until an admin changes it. */
export const DEFAULT_SURVEY_SETTINGS: TSurveySettings = {
  enabled: true,
  question: { 'zh-CN': '您对本次服务满意吗？', en: 'How satisfied are you with our service?' },
  delaySeconds: 0,
  frequency: 'every',
  oncePerDays: 7,
};

export function toSettings(row: SurveySettingsRow | undefined): TSurveySettings {
  if (!row) return DEFAULT_SURVEY_SETTINGS;
  return { enabled: row.enabled, question: row.question, delaySeconds: row.delay_seconds, frequency: row.frequency, oncePerDays: row.once_per_days };
}

export async function findSettings(db: DbOrTrx, siteId: string): Promise<TSurveySettings> {
  return toSettings(await db.selectFrom('survey_settings').selectAll().where('site_id', '=', siteId).executeTakeFirst());
}

export async function saveSettings(db: DbOrTrx, siteId: string, s: TSurveySettings, now: Date): Promise<void> {
  const values = { enabled: s.enabled, question: JSON.stringify(s.question), delay_seconds: s.delaySeconds, frequency: s.frequency, once_per_days: s.oncePerDays, updated_at: now };
  await db
    .insertInto('survey_settings')
    .values({ site_id: siteId, ...values })
    .onConflict((oc) => oc.column('site_id').doUpdateSet(values))
    .execute();
}

/** The visitor's most recent survey, for the once-per-N-days rule. */
export async function latestSurveyAt(db: DbOrTrx, visitorId: string): Promise<Date | null> {
  const row = await db.selectFrom('surveys').select('created_at').where('visitor_id', '=', visitorId).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  return row?.created_at ?? null;
}

export async function lockSurvey(trx: Trx, where: { id: string } | { tokenHash: string }): Promise<SurveyRow | undefined> {
  let q = trx.selectFrom('surveys').selectAll();
  q = 'id' in where ? q.where('id', '=', where.id) : q.where('token_hash', '=', where.tokenHash);
  return q.forUpdate().executeTakeFirst();
}

export async function findSurvey(db: DbOrTrx, where: { id: string } | { tokenHash: string }): Promise<SurveyRow | undefined> {
  let q = db.selectFrom('surveys').selectAll();
  q = 'id' in where ? q.where('id', '=', where.id) : q.where('token_hash', '=', where.tokenHash);
  return q.executeTakeFirst();
}

export function editableUntil(row: Pick<SurveyRow, 'answered_at'>): Date | null {
  return row.answered_at ? new Date(row.answered_at.getTime() + SURVEY_EDIT_WINDOW_MS) : null;
}

export function toCustomerSurvey(row: SurveyRow, siteName: string): TCustomerSurvey {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    siteName,
    question: row.question,
    rating: row.rating,
    comment: row.comment,
    answeredAt: row.answered_at?.toISOString() ?? null,
    editableUntil: editableUntil(row)?.toISOString() ?? null,
  };
}

export async function siteName(db: DbOrTrx, siteId: string): Promise<string> {
  const row = await db.selectFrom('sites').select('name').where('id', '=', siteId).executeTakeFirst();
  return row?.name ?? '';
}

/** Surveys with the credited agent's name, newest first. */
export async function listSurveys(db: DbOrTrx, where: { conversationId?: string; visitorId?: string }): Promise<TSurvey[]> {
  let q = db.selectFrom('surveys as s').leftJoin('users as u', 'u.id', 's.agent_id').selectAll('s').select('u.name as agent_name');
  if (where.conversationId) q = q.where('s.conversation_id', '=', where.conversationId);
  if (where.visitorId) q = q.where('s.visitor_id', '=', where.visitorId);
  const rows = await q.orderBy('s.created_at', 'desc').limit(100).execute();
  return rows.map((r) => ({
    id: r.id,
    source: r.source,
    conversationId: r.conversation_id,
    visitorId: r.visitor_id,
    agentId: r.agent_id,
    agentName: r.agent_name,
    rating: r.rating,
    comment: r.comment,
    sentAt: r.sent_at?.toISOString() ?? null,
    answeredAt: r.answered_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
  }));
}
