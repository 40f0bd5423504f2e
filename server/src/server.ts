import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createAdapter } from '@socket.io/postgres-adapter';
import { createApp } from './app';
import { migrateToLatest } from './db/migrate';
import { bootstrap } from './demo/bootstrap';
import { EventBus } from './platform/bus';
import { systemClock, type Clock } from './platform/clock';
import type { Config } from './platform/config';
import type { Ctx } from './platform/context';
import { openDatabase, type OpenDatabase } from './platform/database';
import { createLogger } from './platform/logger';
import { attachRealtime } from './realtime/realtime';
import { startRoutingWorker } from './routing/routing.worker';

export type RunningServer = {
  ctx: Ctx;
  url: string;
  port: number;
  app: ReturnType<typeof createApp>;
  close(): Promise<void>;
};

/**
 * Opens the database, migrates, bootstraps, and serves HTTP + socket.io + the routing worker.
 * @example const server = await startServer(readConfig()); console.log(server.url)
 */
export async function startServer(
  config: Config,
  opts: { clock?: Clock; database?: OpenDatabase; print?: (line: string) => void; sweepMs?: number } = {},
): Promise<RunningServer> {
  const log = createLogger(config.logLevel);
  const database = opts.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  await migrateToLatest(database.db);
  const bus = new EventBus();
  bus.onError((err) => log.error('event listener failed', { err: String(err) }));
  const ctx: Ctx = { db: database.db, dbKind: database.kind, bus, clock: opts.clock ?? systemClock, config, log };
  await bootstrap(ctx, opts.print);

  const app = createApp(ctx);
  const http = await new Promise<HttpServer>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s as HttpServer));
  });
  const adapter = config.cluster && database.pool ? createAdapter(database.pool, { tableName: 'socket_io_attachments' }) : undefined;
  const realtime = attachRealtime(http, ctx, adapter ? { adapter } : {});
  const routing = startRoutingWorker(ctx, opts.sweepMs ? { sweepMs: opts.sweepMs } : {});
  void routing.runNow();

  const port = (http.address() as AddressInfo).port;
  return {
    ctx,
    app,
    port,
    url: `http://localhost:${port}`,
    async close() {
      await routing.stop();
      await realtime.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      if (!opts.database) await database.close();
    },
  };
}
