import { sql, type Insertable, type RawBuilder, type Updateable } from 'kysely';
import type { TLocale } from '@kefu/shared';
import type { DbOrTrx } from '../db/database';
import type { TSearchTerms } from './knowledge.search';
import type { ArticleRow, ArticlesTable } from './knowledge.table';

export type ArticleWithAuthor = ArticleRow & { author_name: string | null };

/** Which articles a read may see. `siteId`: that site's and the global ones; absent: all. */
export type ArticleScope = { siteId?: string | undefined; locale?: TLocale | undefined; publishedOnly?: boolean };

function scoped(db: DbOrTrx, scope: ArticleScope) {
  let q = db.selectFrom('articles as a').leftJoin('users as u', 'u.id', 'a.author_id').selectAll('a').select('u.name as author_name');
  if (scope.siteId) {
    const siteId = scope.siteId;
    q = q.where((eb) => eb.or([eb('a.site_id', 'is', null), eb('a.site_id', '=', siteId)]));
  }
  if (scope.locale) q = q.where('a.locale', '=', scope.locale);
  if (scope.publishedOnly) q = q.where('a.published', '=', true);
  return q;
}

export async function insertArticle(db: DbOrTrx, values: Insertable<ArticlesTable>): Promise<ArticleRow> {
  return db.insertInto('articles').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateArticleRow(db: DbOrTrx, id: string, set: Updateable<ArticlesTable>): Promise<ArticleRow | undefined> {
  return db.updateTable('articles').set(set).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deleteArticleRow(db: DbOrTrx, id: string): Promise<boolean> {
  const res = await db.deleteFrom('articles').where('id', '=', id).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

export async function findArticle(db: DbOrTrx, id: string, scope: ArticleScope = {}): Promise<ArticleWithAuthor | undefined> {
  return scoped(db, scope).where('a.id', '=', id).executeTakeFirst();
}

/** Every article in scope, by category then title (no search text). */
export async function listArticleRows(db: DbOrTrx, scope: ArticleScope, limit = 200): Promise<ArticleWithAuthor[]> {
  return scoped(db, scope).orderBy('a.category').orderBy('a.title').limit(limit).execute();
}

/** Share of the terms found in `column`, 0..1 (strpos: exact, case-folded, works for CJK bigrams). */
function coverage(column: RawBuilder<string>, terms: readonly string[]): RawBuilder<number> {
  const hits = terms.map((t) => sql`(strpos(${column}, ${t}) > 0)::int`);
  return sql<number>`((${sql.join(hits, sql` + `)})::float8 / ${terms.length})`;
}

/**
 * The relevance of each article to the query (docs/knowledge.md): title matches weigh more than
 * body matches; Latin words add trigram word similarity (typos) and English stemming.
 */
function relevance(s: TSearchTerms): RawBuilder<number> {
  const title = sql<string>`lower(a.title)`;
  const body = sql<string>`lower(a.category || ' ' || a.body)`;
  const parts: RawBuilder<number>[] = [
    sql`4 * ${coverage(title, s.terms)}`,
    sql`1.5 * ${coverage(body, s.terms)}`,
    sql`2 * (strpos(${title}, ${s.phrase}) > 0)::int`,
  ];
  if (s.latin) {
    const gate = (x: RawBuilder<number>) => sql`(case when ${x} >= 0.45 then ${x} else 0 end)`;
    const tsq = sql`websearch_to_tsquery('english', ${s.latin})`;
    // Weighted by the Latin share of the terms, so a mixed query (退款 refund) favours neither language.
    const share = Math.min(1, s.latin.split(' ').length / s.terms.length);
    parts.push(
      sql`${share}::float8 * (
        2 * ${gate(sql`word_similarity(${s.latin}, ${title})`)}
        + ${gate(sql`word_similarity(${s.latin}, ${body})`)}
        + 2 * (to_tsvector('english', a.title) @@ ${tsq})::int
        + (to_tsvector('english', a.body) @@ ${tsq})::int)`,
    );
  }
  return sql<number>`(${sql.join(parts, sql` + `)})`;
}

/** Articles in scope matching the query, best first (ties: most recently updated). */
export async function searchArticleRows(db: DbOrTrx, scope: ArticleScope, s: TSearchTerms, limit = 20): Promise<(ArticleWithAuthor & { score: number })[]> {
  if (s.terms.length === 0) return [];
  const ranked = scoped(db, scope).select(relevance(s).as('score'));
  return db
    .selectFrom(ranked.as('r'))
    .selectAll('r')
    .where('r.score', '>', 0)
    .orderBy('r.score', 'desc')
    .orderBy('r.updated_at', 'desc')
    .limit(limit)
    .execute();
}
