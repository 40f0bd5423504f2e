import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
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
  // Per pool, that is per database: the descriptions name its tables and types by their ids.
  const shapes = new Map<string, Shape>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => ({
    query: ((sqlOrCursor: unknown, parameters?: ReadonlyArray<unknown>) => {
      if (typeof sqlOrCursor === 'string' && sqlOrCursor.startsWith(PREPARED_MARK)) {
        let name = names.get(sqlOrCursor);
        if (!name) names.set(sqlOrCursor, (name = nameOf(sqlOrCursor)));
        return namedQuery(client, shapes, name, sqlOrCursor, parameters ? [...parameters] : []);
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

/** pg's own value serialiser for Bind (Dates, arrays, JSON…), as its `Query.prepare` uses it. */
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue: (v: unknown) => unknown };

/** What pg makes of a statement's RowDescription: the same for every run of a named statement. */
type Shape = { fields: unknown[]; parsers: unknown[]; empty: object };

/** The parts of pg's `Query` that `NamedQuery` takes over (pg/lib/query.js). */
type QueryInternals = {
  name: string;
  portal: string;
  values: unknown[];
  binary: boolean | undefined;
  rows: number | undefined;
  callback: (err: Error | undefined, result: pg.QueryResult) => void;
  _result: { fields: unknown[]; _parsers: unknown[]; _prebuiltEmptyResultObject: object };
  _accumulateRows: boolean;
  hasBeenParsed(connection: PgConnection): boolean;
  handleRowDescription(msg: unknown): void;
  handleError(err: unknown, connection: PgConnection): void;
  prepare(connection: PgConnection): void;
  _getRows(connection: PgConnection, rows: number | undefined): void;
};
type PgConnection = {
  bind(config: { portal: string; statement: string; values: unknown[]; binary: boolean | undefined; valueMapper: (v: unknown) => unknown }): void;
  close(config: { type: 'S'; name: string }): void;
  sync(): void;
};
const PgQuery = pg.Query as unknown as new (text: string, values: unknown[]) => QueryInternals;

/**
 * A named statement, run as `client.query({ name, text, values })` would run it, with two costs of
 * pg's left out (4 December, evening, docs/benchmarks.md):
 * - pg copies a config object property by property on every call (`cloneQueryConfig`, with
 *   `Object.defineProperties`): 6 µs of CPU per message. A query made from the text and values is
 *   not copied; it is named after.
 * - pg asks for the result's description (Describe) on every run and rebuilds its row parsers from
 *   the answer (`addFields`): 13–15 µs per message. A named statement's columns are the same every
 *   time, so after its first run on any of the pool's connections the description is kept and not
 *   asked again.
 *   (A migration that changed those columns would restart the server.)
 */
class NamedQuery extends PgQuery {
  constructor(
    private readonly shapes: Map<string, Shape>,
    name: string,
    text: string,
    values: unknown[],
    callback: QueryInternals['callback'],
  ) {
    super(text, values);
    this.name = name;
    this.callback = callback;
  }

  override handleRowDescription(msg: unknown): void {
    super.handleRowDescription(msg);
    const r = this._result;
    this.shapes.set(this.name, { fields: r.fields, parsers: r._parsers, empty: r._prebuiltEmptyResultObject });
  }

  override prepare(connection: PgConnection): void {
    const shape = this.shapes.get(this.name);
    // The first run on this connection parses the statement; pg's own path, Describe included.
    if (!shape || !this.hasBeenParsed(connection)) return super.prepare(connection);
    // pg's Query.prepare for a parsed statement, without the Describe.
    try {
      connection.bind({ portal: this.portal, statement: this.name, values: this.values, binary: this.binary, valueMapper: prepareValue });
    } catch (err) {
      connection.close({ type: 'S', name: this.name });
      connection.sync();
      this.handleError(err, connection);
      return;
    }
    const r = this._result;
    r.fields = shape.fields;
    r._parsers = shape.parsers;
    r._prebuiltEmptyResultObject = shape.empty;
    this._accumulateRows = true;
    this._getRows(connection, this.rows);
  }
}

function namedQuery(client: pg.PoolClient, shapes: Map<string, Shape>, name: string, text: string, values: unknown[]): Promise<pg.QueryResult> {
  return new Promise((resolve, reject) => {
    client.query(new NamedQuery(shapes, name, text, values, (err, result) => (err ? reject(err) : resolve(result))) as unknown as pg.Submittable);
  });
}
