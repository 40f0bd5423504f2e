import { sql, type Kysely } from 'kysely';

/**
 * Reports (issue 5): indexes so a month report reads only the month, an optional region on sites,
 * and `kefu_business_seconds`, the open time between two instants under a site's business hours.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table sites add column if not exists region text`.execute(db);

  // Each report source is read by its period column (a range scan), optionally per site.
  await sql`create index if not exists conversations_created_idx on conversations (created_at)`.execute(db);
  await sql`create index if not exists conversations_site_created_idx on conversations (site_id, created_at)`.execute(db);
  await sql`create index if not exists complaints_created_idx on complaints (created_at)`.execute(db);
  await sql`create index if not exists surveys_sent_idx on surveys (sent_at) where sent_at is not null`.execute(db);
  await sql`create index if not exists follow_ups_due_idx on follow_ups (due_at)`.execute(db);
  await sql`create index if not exists qa_reviews_created_idx on qa_reviews (created_at)`.execute(db);
  await sql`create index if not exists message_flags_created_idx on message_flags (created_at)`.execute(db);
  await sql`create index if not exists complaint_deadlines_due_idx on complaint_deadlines (due_at)`.execute(db);
  // Per-conversation lookups answered from the index alone (index-only scans, no table rows read):
  // the first customer message, the first public agent reply, the trail's assignment/resolution times.
  await sql`create index if not exists messages_customer_first_idx on messages (conversation_id, seq) include (created_at) where author = 'customer' and internal = false`.execute(db);
  await sql`create index if not exists messages_agent_reply_cover_idx on messages (conversation_id, seq) include (created_at, author_id) where author = 'agent' and internal = false`.execute(db);
  await sql`create index if not exists conversation_events_report_idx on conversation_events (conversation_id) include (type, created_at)`.execute(db);
  await sql`create index if not exists conversation_events_agent_transfer_idx on conversation_events (conversation_id, created_at) where type = 'transferred' and data ? 'toAgentId'`.execute(db);

  // Seconds of [t1, t2] inside the opening hours (docs/metrics.md "Business hours"); null hours = all of it.
  await sql`
    create or replace function kefu_business_seconds(t1 timestamptz, t2 timestamptz, hours jsonb)
    returns double precision language sql stable as $fn$
      select case
        when t1 is null or t2 is null then null
        when t2 <= t1 then 0::double precision
        when hours is null or jsonb_typeof(hours) <> 'object' then extract(epoch from t2 - t1)::double precision
        else coalesce((
          select sum(greatest(0, extract(epoch from
            least(t2, (d.day + (slot->>'end')::time) at time zone (hours->>'timeZone'))
            - greatest(t1, (d.day + (slot->>'start')::time) at time zone (hours->>'timeZone')))))::double precision
          from generate_series((t1 at time zone (hours->>'timeZone'))::date,
                               (t2 at time zone (hours->>'timeZone'))::date, interval '1 day') as g(ts)
          cross join lateral (select g.ts::date as day) d
          cross join lateral jsonb_array_elements(coalesce(hours->'weekly'->(extract(dow from d.day)::int), '[]'::jsonb)) as slot
          where not (coalesce(hours->'holidays', '[]'::jsonb) ? to_char(d.day, 'YYYY-MM-DD'))
        ), 0::double precision)
      end
    $fn$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function if exists kefu_business_seconds(timestamptz, timestamptz, jsonb)`.execute(db);
  for (const name of [
    'conversations_created_idx',
    'conversations_site_created_idx',
    'complaints_created_idx',
    'surveys_sent_idx',
    'follow_ups_due_idx',
    'qa_reviews_created_idx',
    'message_flags_created_idx',
    'complaint_deadlines_due_idx',
    'messages_customer_first_idx',
    'messages_agent_reply_cover_idx',
    'conversation_events_report_idx',
    'conversation_events_agent_transfer_idx',
  ]) {
    await sql`drop index if exists ${sql.ref(name)}`.execute(db);
  }
  await sql`alter table sites drop column if exists region`.execute(db);
}
