import { createAdapter as createPostgresAdapter } from '@socket.io/postgres-adapter';
import { createAdapter as createRedisAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Config } from './config';
import type { OpenDatabase } from './database';
import type { Logger } from './logger';

export type RedisClient = ReturnType<typeof createClient>;

export type Cluster = {
  /** socket.io adapter for fan-out between processes; undefined on one process (PGlite, or KEFU_CLUSTER=0). */
  adapter: ReturnType<typeof createRedisAdapter> | ReturnType<typeof createPostgresAdapter> | undefined;
  kind: 'redis' | 'postgres' | 'none';
  /** The Redis client (when REDIS_URL is set), shared with the rate limiters. */
  redis: RedisClient | undefined;
  close(): Promise<void>;
};

/**
 * Picks socket.io's adapter: Redis when REDIS_URL is set, else PostgreSQL LISTEN/NOTIFY on the pool
 * when clustering is on (the default with DATABASE_URL), else none (one process).
 * @example const cluster = await openCluster(config, database, log); attachRealtime(http, ctx, { adapter: cluster.adapter })
 */
export async function openCluster(config: Config, database: OpenDatabase, log: Logger): Promise<Cluster> {
  if (config.redisUrl) {
    const pub: RedisClient = createClient({ url: config.redisUrl });
    const sub = pub.duplicate();
    // A Redis outage must not crash the process: the client reconnects by itself.
    let lastError = 0;
    const onError = (err: unknown) => {
      if (Date.now() - lastError > 5000) log.warn('redis connection error', { err: String(err) });
      lastError = Date.now();
    };
    pub.on('error', onError);
    sub.on('error', onError);
    await Promise.all([pub.connect(), sub.connect()]);
    return {
      adapter: createRedisAdapter(pub, sub, { key: 'kefu' }),
      kind: 'redis',
      redis: pub,
      async close() {
        await Promise.allSettled([pub.quit(), sub.quit()]);
      },
    };
  }
  if (config.cluster && database.pool) {
    return {
      adapter: createPostgresAdapter(database.pool, { tableName: 'socket_io_attachments' }),
      kind: 'postgres',
      redis: undefined,
      async close() {},
    };
  }
  return { adapter: undefined, kind: 'none', redis: undefined, async close() {} };
}
