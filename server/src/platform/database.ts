import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database, Db } from '../db/database';
import { preparingPool } from './prepared';

export type DatabaseKind = 'pglite' | 'postgres';

export type OpenDatabase = {
  db: Db;
  kind: DatabaseKind;
  /** The pg pool, for socket.io's PostgreSQL adapter (absent on PGlite). */
  pool?: pg.Pool;
  close(): Promise<void>;
};

// Timestamps as Date, counts as numbers: bigint counts are cast to int in queries.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/**
 * Opens PostgreSQL when a URL is given, otherwise embedded PGlite in `dataDir` (`memory://` for tests).
 * @example const { db } = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: '.kefu-data' })
 */
export async function openDatabase(opts: { databaseUrl?: string | undefined; dataDir: string; poolSize?: number }): Promise<OpenDatabase> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10, connectionTimeoutMillis: 5000 });
    // A dropped connection must not crash the process: the pool replaces it.
    pool.on('error', () => {});
    // A checked-out client that loses its connection (the adapter's LISTEN client, a query in flight)
    // emits 'error' too: its query rejects on its own, and an unheard 'error' would kill the process.
    pool.on('connect', (client) => client.on('error', () => {}));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
    return { db, kind: 'postgres', pool, close: () => db.destroy() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGliteDialect } = await import('kysely-pglite-dialect');
  if (!opts.dataDir.startsWith('memory://')) mkdirSync(opts.dataDir, { recursive: true });
  // pg_trgm for help-article search (docs/knowledge.md); the migration runs `create extension`.
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const pglite = await PGlite.create(opts.dataDir, { extensions: { pg_trgm } });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return { db, kind: 'pglite', close: () => db.destroy() };
}

/** True when the database answers a trivial query. */
export async function pingDatabase(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
