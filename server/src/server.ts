import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { migrateToLatest } from './db/migrate';
import { bootstrap } from './demo/bootstrap';
import { EventBus } from './platform/bus';
import { systemClock, type Clock } from './platform/clock';
import { openCluster } from './platform/cluster';
import type { Config } from './platform/config';
import type { Ctx } from './platform/context';
import { openDatabase, type OpenDatabase } from './platform/database';
import { createLimits } from './platform/limits';
import { createLogger } from './platform/logger';
import { attachRealtime } from './realtime/realtime';
import { startRoutingWorker } from './routing/routing.worker';
import { listenForFollowUps } from './followups/followups.listeners';
import { listenForQuality } from './quality/quality.listeners';
import { listenForSurveys } from './surveys/surveys.listeners';
import { listenForComplaints } from './complaints/complaints.listeners';
import { startScheduledReports } from './scheduled-reports/scheduled-reports.service';
import { startRetentionWorker } from './customers/customers.retention';
import { startAttachmentSweep } from './attachments/attachments.sweep';

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
  const cluster = await openCluster(config, database, log);
  const limits = createLimits(config, database, cluster.redis);
  const ctx: Ctx = { db: database.db, dbKind: database.kind, bus, clock: opts.clock ?? systemClock, config, log, limits };
  await bootstrap(ctx, opts.print);

  const app = createApp(ctx);
  const http = await new Promise<HttpServer>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s as HttpServer));
  });
  const realtime = attachRealtime(http, ctx, cluster.adapter ? { adapter: cluster.adapter } : {});
  const routing = startRoutingWorker(ctx, opts.sweepMs ? { sweepMs: opts.sweepMs } : {});
  const stopFeatureListeners = [listenForSurveys(ctx, opts.sweepMs ? { sweepMs: opts.sweepMs } : {}), listenForFollowUps(ctx), listenForQuality(ctx), listenForComplaints(ctx, opts.sweepMs ? { sweepMs: opts.sweepMs } : {}), startScheduledReports(ctx)];
  void routing.runNow();
  const stopRetention = startRetentionWorker(ctx);
  const stopAttachmentSweep = startAttachmentSweep(ctx);

  const port = (http.address() as AddressInfo).port;
  return {
    ctx,
    app,
    port,
    url: `http://localhost:${port}`,
    async close() {
      await routing.stop();
      stopFeatureListeners.forEach((stop) => stop());
      await stopRetention();
      await stopAttachmentSweep();
      await realtime.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await cluster.close();
      if (!opts.database) await database.close();
    },
  };
}
