import { CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREPARED_MARK, preparingPool } from './prepared';

const url = process.env.TEST_DATABASE_URL;

// Named statements are a PostgreSQL matter (on PGlite the mark is a comment).
describe.skipIf(!url)('named statements on PostgreSQL', () => {
  let pool: pg.Pool;
  let db: Kysely<unknown>;
  beforeAll(() => {
    // One connection: every run after the first reuses the statement parsed on it.
    pool = new pg.Pool({ connectionString: url, max: 1 });
    db = new Kysely({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
  });
  afterAll(() => db.destroy());

  const STATEMENT = `${PREPARED_MARK} select $1::int + 1 as next, $2::timestamptz as at, $3::text as label, null::uuid as nothing, 1 / $1::int as inverse`;
  const run = (n: number, at: Date, label: string) => db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(STATEMENT, [n, at, label]));

  it('gives the same rows, typed the same, on every run of a statement prepared once', async () => {
    const at = new Date('2026-12-04T10:00:00.123Z');
    const first = await run(1, at, 'one');
    const later = await Promise.all([run(2, at, 'two'), run(3, at, 'three')]);
    expect(first.rows).toEqual([{ next: 2, at, label: 'one', nothing: null, inverse: 1 }]);
    expect(later.map((r) => r.rows)).toEqual([[{ next: 3, at, label: 'two', nothing: null, inverse: 0 }], [{ next: 4, at, label: 'three', nothing: null, inverse: 0 }]]);
    expect((await pool.query(`select count(*)::int as n from pg_prepared_statements where statement like '%kefu:prepared%'`)).rows).toEqual([{ n: 1 }]);
  });

  it('reports an error of a later run and keeps the connection usable', async () => {
    const at = new Date();
    await run(1, at, 'warm');
    await expect(run(0, at, 'zero')).rejects.toMatchObject({ code: '22012' });
    expect((await run(4, at, 'after')).rows).toEqual([{ next: 5, at, label: 'after', nothing: null, inverse: 0 }]);
  });
});
