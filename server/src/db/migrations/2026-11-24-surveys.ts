import { sql, type Kysely } from 'kysely';

/** Surveys (CSAT), follow-ups (回访) and quality review (质检): issue 4. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('survey_settings')
    .addColumn('site_id', 'uuid', (c) => c.primaryKey().references('sites.id').onDelete('cascade'))
    .addColumn('enabled', 'boolean', (c) => c.notNull())
    .addColumn('question', 'jsonb', (c) => c.notNull())
    .addColumn('delay_seconds', 'integer', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull().check(sql`frequency in ('every','once_per_days')`))
    .addColumn('once_per_days', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('surveys')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('site_id', 'uuid', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('visitor_id', 'uuid', (c) => c.notNull().references('visitors.id').onDelete('cascade'))
    .addColumn('conversation_id', 'uuid', (c) => c.references('conversations.id').onDelete('cascade'))
    /** A complaint's id once complaints exist (no foreign key: that table lands separately). */
    .addColumn('complaint_id', 'uuid')
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('conversation','follow_up','complaint')`))
    .addColumn('agent_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('team_id', 'uuid', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('question', 'jsonb', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('send_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz')
    .addColumn('rating', 'integer', (c) => c.check(sql`rating between 1 and 5`))
    .addColumn('comment', 'text')
    .addColumn('answered_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('surveys_visitor_idx').on('surveys').columns(['visitor_id', 'created_at']).execute();
  await db.schema.createIndex('surveys_conversation_idx').on('surveys').column('conversation_id').execute();
  await db.schema.createIndex('surveys_due_idx').on('surveys').column('send_at').where(sql.ref('sent_at'), 'is', null).execute();

  await db.schema
    .createTable('follow_up_batches')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('filter', 'jsonb', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('follow_ups')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('low_rating','batch','complaint')`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open','done')`))
    .addColumn('visitor_id', 'uuid', (c) => c.notNull().references('visitors.id').onDelete('cascade'))
    .addColumn('conversation_id', 'uuid', (c) => c.references('conversations.id').onDelete('set null'))
    .addColumn('survey_id', 'uuid', (c) => c.references('surveys.id').onDelete('set null'))
    .addColumn('complaint_id', 'uuid')
    .addColumn('batch_id', 'uuid', (c) => c.references('follow_up_batches.id').onDelete('cascade'))
    .addColumn('assignee_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('reached','not_reached','callback')`))
    .addColumn('notes', 'text')
    .addColumn('callback_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('completed_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('follow_ups_assignee_idx').on('follow_ups').columns(['assignee_id', 'status', 'due_at']).execute();
  // One automatic follow-up per low-rated survey, however often the listener runs.
  await db.schema.createIndex('follow_ups_survey_uniq').on('follow_ups').column('survey_id').unique().where(sql.ref('reason'), '=', 'low_rating').execute();

  await db.schema
    .createTable('prohibited_phrases')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull().check(sql`category in ('contemptuous','quarrelsome','impatient','negating')`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('phrase','pattern')`))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull().check(sql`severity in ('low','medium','high')`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('prohibited_phrases_uniq').on('prohibited_phrases').columns(['locale', 'kind', 'text']).unique().execute();
  await db.insertInto('prohibited_phrases').values(DEFAULT_PHRASES.map(([locale, category, severity, text]) => ({ locale, category, kind: 'phrase', text, severity }))).execute();

  await db.schema
    .createTable('message_flags')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('message_id', 'uuid', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('conversation_id', 'uuid', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('agent_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('phrase_id', 'uuid', (c) => c.references('prohibited_phrases.id').onDelete('set null'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('phrase', 'text', (c) => c.notNull())
    .addColumn('excerpt', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('message_flags_uniq').on('message_flags').columns(['message_id', 'phrase']).unique().execute();
  await db.schema.createIndex('message_flags_conversation_idx').on('message_flags').column('conversation_id').execute();

  await db.schema
    .createTable('qa_scorecards')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('criteria', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.insertInto('qa_scorecards').values({ id: 1, criteria: JSON.stringify(DEFAULT_CRITERIA) }).execute();
  await db.schema
    .createTable('qa_reviews')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('conversation_id', 'uuid', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('agent_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('reviewer_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('criteria', 'jsonb', (c) => c.notNull())
    .addColumn('scores', 'jsonb', (c) => c.notNull())
    .addColumn('total', 'real', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('qa_reviews_agent_idx').on('qa_reviews').columns(['agent_id', 'created_at']).execute();
  await db.schema.createIndex('qa_reviews_conversation_idx').on('qa_reviews').column('conversation_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['qa_reviews', 'qa_scorecards', 'message_flags', 'prohibited_phrases', 'follow_ups', 'follow_up_batches', 'surveys', 'survey_settings']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}

const DEFAULT_CRITERIA = [
  { key: 'greeting', label: { 'zh-CN': '问候', en: 'Greeting' }, weight: 15 },
  { key: 'accuracy', label: { 'zh-CN': '准确性', en: 'Accuracy' }, weight: 25 },
  { key: 'attitude', label: { 'zh-CN': '服务态度', en: 'Attitude' }, weight: 25 },
  { key: 'resolution', label: { 'zh-CN': '问题解决', en: 'Resolution' }, weight: 25 },
  { key: 'closing', label: { 'zh-CN': '结束语', en: 'Closing' }, weight: 10 },
];

/** The seeds' 四语 (蔑视语、斗气语、烦躁语、否定语), as a starting list admins edit. */
const DEFAULT_PHRASES: [string, string, string, string][] = [
  ['zh-CN', 'contemptuous', 'high', '你懂不懂'],
  ['zh-CN', 'contemptuous', 'high', '这都不会'],
  ['zh-CN', 'contemptuous', 'high', '你是不是傻'],
  ['zh-CN', 'contemptuous', 'medium', '连这个都不知道'],
  ['zh-CN', 'contemptuous', 'medium', '说了你也不懂'],
  ['zh-CN', 'quarrelsome', 'high', '有本事你去投诉'],
  ['zh-CN', 'quarrelsome', 'high', '爱找谁找谁'],
  ['zh-CN', 'quarrelsome', 'high', '你想怎么样'],
  ['zh-CN', 'quarrelsome', 'medium', '我就这态度'],
  ['zh-CN', 'impatient', 'medium', '烦不烦'],
  ['zh-CN', 'impatient', 'medium', '快点说'],
  ['zh-CN', 'impatient', 'medium', '我已经说过了'],
  ['zh-CN', 'impatient', 'low', '听不懂吗'],
  ['zh-CN', 'impatient', 'low', '自己看'],
  ['zh-CN', 'negating', 'medium', '不可能'],
  ['zh-CN', 'negating', 'medium', '不归我管'],
  ['zh-CN', 'negating', 'low', '没办法'],
  ['zh-CN', 'negating', 'low', '这不是我的问题'],
  ['en', 'contemptuous', 'high', 'are you stupid'],
  ['en', 'contemptuous', 'high', 'even a child knows'],
  ['en', 'contemptuous', 'medium', 'obviously you'],
  ['en', 'quarrelsome', 'high', 'go ahead and complain'],
  ['en', 'quarrelsome', 'high', 'not my problem'],
  ['en', 'quarrelsome', 'medium', 'take it or leave it'],
  ['en', 'impatient', 'medium', 'i already told you'],
  ['en', 'impatient', 'medium', 'hurry up'],
  ['en', 'impatient', 'low', 'read the manual'],
  ['en', 'negating', 'medium', 'impossible'],
  ['en', 'negating', 'low', "that's not my job"],
  ['en', 'negating', 'low', 'nothing i can do'],
];
