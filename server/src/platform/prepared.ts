import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import pg from 'pg';

/**
 * Put first in a hot statement's text to have PostgreSQL plan it once per connection (a named
 * prepared statement) instead of on every run. For statements whose text is fixed — no `IN (…)` list
 * that grows with the input — and whose planning costs as much as running them: the message write
 * path spent 2.4 ms planning its CTE and 1.1 ms running it (docs/benchmarks.md). A comment to every
 * other database, so the same statement runs on PGlite unchanged.
 * @example sql`${PREPARED} select … where id = ${id}`
 */
export const PREPARED_MARK = '/* kefu:prepared */';

const nameOf = (text: string) => `kefu_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;

/**
 * The pg pool as Kysely sees it, but a statement that starts with PREPARED_MARK is sent with a name
 * derived from its text: the pg client prepares it on first use on each connection and reuses it.
 */
export function preparingPool(pool: pg.Pool): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const names = new Map<string, string>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => ({
    query: ((sqlOrCursor: unknown, parameters?: ReadonlyArray<unknown>) => {
      if (typeof sqlOrCursor === 'string' && sqlOrCursor.startsWith(PREPARED_MARK)) {
        let name = names.get(sqlOrCursor);
        if (!name) names.set(sqlOrCursor, (name = nameOf(sqlOrCursor)));
        return namedQuery(client, name, sqlOrCursor, parameters ? [...parameters] : []);
      }
      return (client.query as (a: unknown, b?: unknown) => unknown)(sqlOrCursor, parameters);
    }) as PostgresPoolClient['query'],
    release: () => client.release(),
  });
  return {
    async connect() {
      const client = await pool.connect();
      // The same wrapper for the same connection: Kysely keys its per-connection state on it.
      let w = wrapped.get(client);
      if (!w) wrapped.set(client, (w = wrap(client)));
      return w;
    },
    end: () => pool.end(),
  };
}

/**
 * A named statement, sent as `client.query({ name, text, values })` would send it. Given a config
 * object, pg copies it property by property on every call (its `cloneQueryConfig`, with
 * `Object.defineProperties`): 6 µs of CPU per message in a profile at 667 msg/s (docs/benchmarks.md,
 * "4 December, evening"). A `Query` made from the text and values is not copied; it is named after.
 */
function namedQuery(client: pg.PoolClient, name: string, text: string, values: unknown[]): Promise<pg.QueryResult> {
  return new Promise((resolve, reject) => {
    const query = new pg.Query(text, values) as pg.Query & { name: string; callback: (err: Error | undefined, result: pg.QueryResult) => void };
    query.name = name;
    query.callback = (err, result) => (err ? reject(err) : resolve(result));
    client.query(query);
  });
}
