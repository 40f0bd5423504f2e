import type { Namespace } from 'socket.io';
import { roleAtLeast, ZMonitorSubscribe } from '@kefu/shared';
import type { BusEvents } from '../platform/bus';
import type { Ctx } from '../platform/context';
import { AppError } from '../platform/errors';
import { monitorSnapshot } from '../monitor/monitor.service';
import type { AgentNamespace } from './agent.namespace';
import { coalesced } from './coalesce';
import { handler } from './handler';

export const MONITOR_ROOM = 'monitor';

/** Bus events after which the monitor may look different (presence, messages, queues, assignments, resolutions, complaints). */
const RELEVANT: (keyof BusEvents)[] = [
  'agent.presence_changed',
  // A plain message publishes no `conversation.updated`; who is waiting follows from it.
  'message.created',
  'conversation.updated',
  'queue.changed',
  'conversation.resolved',
  'routing.requested',
  'complaint.changed',
  'complaint.filed',
  'complaint.deadline_alert',
];

/** The inter-process message (socket.io's serverSideEmit through the adapter) saying "something changed". */
const CHANGED = 'monitor:changed';
type WithServerEvents = Namespace<never, never, { [CHANGED]: () => void }>;

export type MonitorOptions = {
  /** Several processes share the adapter: tell the others when something changed here. */
  clustered: boolean;
  /** At most one snapshot (and one announcement to the other processes) per this many ms. */
  coalesceMs?: number;
};

/**
 * The live monitor over the agent namespace. A supervisor's `monitor:subscribe` joins the local
 * `monitor` room and gets a full snapshot in its ack; later snapshots follow changes.
 *
 * Across processes: bus events are per process, so a process that sees a relevant event (a) marks
 * its own monitor stale and (b) tells the other processes through the adapter (`serverSideEmit`,
 * coalesced). Each process that has watchers recomputes the snapshot itself and emits it only to its
 * own sockets (`local`), so a watcher gets one ordered stream from one process, no process computes
 * for nobody, and a lost announcement is repaired by the refresh timer. See docs/deployment.md.
 */
export function setupMonitor(ctx: Ctx, agents: AgentNamespace, opts: MonitorOptions): { stop(): void } {
  const coalesceMs = opts.coalesceMs ?? 500;
  const watched = () => (agents.adapter.rooms.get(MONITOR_ROOM)?.size ?? 0) > 0;
  const others = agents as unknown as WithServerEvents;

  const push = coalesced(coalesceMs, async () => {
    if (!watched()) return;
    try {
      const snapshot = await monitorSnapshot(ctx.db, ctx.clock(), { timeZone: ctx.config.timeZone });
      agents.local.to(MONITOR_ROOM).emit('monitor:snapshot', snapshot);
    } catch (err) {
      ctx.log.warn('monitor snapshot failed', { err: String(err) });
    }
  });
  const announce = coalesced(coalesceMs, async () => {
    // Through the adapter directly: its promise (a NOTIFY or a Redis PUBLISH) is awaited and its failure logged.
    await Promise.resolve(agents.adapter.serverSideEmit([CHANGED])).catch((err: unknown) => ctx.log.warn('monitor announcement failed', { err: String(err) }));
  });
  const changedHere = () => {
    if (watched()) push.request();
    if (opts.clustered) announce.request();
  };
  const changedElsewhere = () => {
    if (watched()) push.request();
  };

  const offs = RELEVANT.map((name) => ctx.bus.on(name, changedHere));
  if (opts.clustered) others.on(CHANGED, changedElsewhere);
  const refresh = setInterval(changedElsewhere, ctx.config.monitor.refreshMs);
  refresh.unref();

  agents.on('connection', (socket) => {
    const { agent } = socket.data;
    socket.on(
      'monitor:subscribe',
      handler(ctx.log, ZMonitorSubscribe, async () => {
        if (!roleAtLeast(agent.role, 'supervisor')) throw new AppError('forbidden', 'the live monitor is for supervisors and above');
        // Join first: a change committed while the snapshot is read is pushed afterwards, never lost.
        await socket.join(MONITOR_ROOM);
        return { snapshot: await monitorSnapshot(ctx.db, ctx.clock(), { timeZone: ctx.config.timeZone }) };
      }),
    );
    socket.on('monitor:unsubscribe', () => void socket.leave(MONITOR_ROOM));
  });

  return {
    stop() {
      offs.forEach((off) => off());
      if (opts.clustered) others.off(CHANGED, changedElsewhere);
      clearInterval(refresh);
      push.stop();
      announce.stop();
    },
  };
}
