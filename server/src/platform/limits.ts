import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Socket } from 'socket.io';
import type { RedisClient } from './cluster';
import type { Config } from './config';
import type { OpenDatabase } from './database';
import { AppError } from './errors';

/**
 * Every rate limit: `points` requests per `duration` seconds per key; `block` seconds of lockout once
 * exceeded. Counted in Redis (REDIS_URL) or PostgreSQL, so they hold across server processes; in
 * memory on PGlite (one process). KEFU_RATE_LIMIT_SCALE multiplies the points.
 */
export const LIMITS = {
  /** New anonymous visitors (widget sessions) per client address. */
  visitor_ip: { points: 120, duration: 3600, block: 0, what: 'new chat sessions' },
  /** New conversations per visitor and per client address. */
  conversation_visitor: { points: 10, duration: 3600, block: 0, what: 'new conversations' },
  conversation_ip: { points: 100, duration: 3600, block: 0, what: 'new conversations' },
  /** Customer messages per visitor and per client address. */
  message_visitor: { points: 60, duration: 60, block: 0, what: 'messages' },
  message_ip: { points: 600, duration: 60, block: 0, what: 'messages' },
  /** Complaints filed per visitor and per client address (for the complaints feature). */
  complaint_visitor: { points: 5, duration: 3600, block: 0, what: 'complaints' },
  complaint_ip: { points: 30, duration: 3600, block: 0, what: 'complaints' },
  /** Sign-in attempts per account and per client address; a success clears the account's count. */
  login_account: { points: 10, duration: 900, block: 900, what: 'sign-in attempts' },
  login_ip: { points: 50, duration: 900, block: 900, what: 'sign-in attempts' },
} as const;
export type LimitName = keyof typeof LIMITS;

export type Limits = {
  /** Counts one request for `key`; throws a retryable `rate_limited` AppError when over the limit. */
  consume(name: LimitName, key: string): Promise<void>;
  /** Forgets `key`'s count (a successful sign-in clears the account's failures). */
  reset(name: LimitName, key: string): Promise<void>;
  /** Gives back one counted request (a successful sign-in does not count against its address). */
  refund(name: LimitName, key: string): Promise<void>;
  /** Where the counters live. */
  store: 'redis' | 'postgres' | 'memory' | 'off';
};

// The PostgreSQL store's key column is varchar(255): long keys (emails) are hashed.
const storeKey = (key: string) => (key.length > 64 ? createHash('sha256').update(key).digest('base64url') : key);

/**
 * Builds the rate limiters on the cluster's shared store. A store that fails (Redis or PostgreSQL
 * down) falls back to in-memory counting in this process rather than refusing everything.
 * @example await ctx.limits.consume('message_visitor', visitor.id)
 */
export function createLimits(config: Config, database: OpenDatabase, redis: RedisClient | undefined): Limits {
  const scale = config.rateLimitScale;
  if (scale === 0) return { store: 'off', consume: async () => {}, reset: async () => {}, refund: async () => {} };
  const store: Limits['store'] = redis ? 'redis' : database.pool ? 'postgres' : 'memory';
  const limiters = new Map<LimitName, RateLimiterAbstract>();
  for (const [name, l] of Object.entries(LIMITS) as [LimitName, (typeof LIMITS)[LimitName]][]) {
    const opts = { keyPrefix: `kefu_${name}`, points: Math.max(1, Math.round(l.points * scale)), duration: l.duration, blockDuration: l.block };
    const insuranceLimiter = new RateLimiterMemory(opts);
    limiters.set(
      name,
      redis
        ? new RateLimiterRedis({ ...opts, storeClient: redis, useRedisPackage: true, insuranceLimiter })
        : database.pool
          ? new RateLimiterPostgres({ ...opts, storeClient: database.pool, storeType: 'pool', tableName: 'rate_limits', tableCreated: true, clearExpiredByTimeout: false, insuranceLimiter })
          : insuranceLimiter,
    );
  }
  return {
    store,
    async consume(name, key) {
      try {
        await limiters.get(name)!.consume(storeKey(key));
      } catch (res) {
        if (!(res instanceof RateLimiterRes)) throw res;
        const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
        throw new AppError('rate_limited', `too many ${LIMITS[name].what}: slow down and try again in ${seconds} s`, undefined, true);
      }
    },
    async reset(name, key) {
      await limiters.get(name)!.delete(storeKey(key)).catch(() => {});
    },
    async refund(name, key) {
      await limiters.get(name)!.reward(storeKey(key), 1).catch(() => {});
    },
  };
}

/** The client address of an HTTP request (the last X-Forwarded-For hop when KEFU_TRUST_PROXY is on). */
export function requestIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const hop = lastHop(c.req.header('x-forwarded-for'));
    if (hop) return hop;
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

/** The client address of a socket.io connection, by the same rule. */
export function socketIp(socket: Pick<Socket, 'handshake'>, trustProxy: boolean): string {
  if (trustProxy) {
    const header = socket.handshake.headers['x-forwarded-for'];
    const hop = lastHop(Array.isArray(header) ? header.join(',') : header);
    if (hop) return hop;
  }
  return socket.handshake.address || 'unknown';
}

function lastHop(header: string | undefined): string | undefined {
  const hops = header?.split(',').map((h) => h.trim()).filter(Boolean) ?? [];
  return hops[hops.length - 1]?.slice(0, 64);
}
