import type { Namespace } from 'socket.io';
import { z } from 'zod';
import {
  type AgentClientToServer,
  type AgentServerToClient,
  roleAtLeast,
  ZAgentSendMessage,
  ZAgentSync,
  ZId,
  ZPresence,
  ZTyping,
} from '@kefu/shared';
import { setPresence } from '../agents/agents.service';
import type { Agent } from '../conversations/conversations.access';
import { assertAgentMaySee, detailForAgent, sendAgentMessage } from '../conversations/conversations.service';
import type { Ctx } from '../platform/context';
import { AppError, toErrorBody } from '../platform/errors';
import { agentFromToken, SESSION_COOKIE } from '../platform/http';
import { hashToken } from '../platform/secrets';
import { handler } from './handler';
import type { CustomerNamespace } from './customer.namespace';
import { visitorRoom } from './customer.namespace';

type AgentData = { agent: Agent; sessionHash: string };
export type AgentNamespace = Namespace<AgentClientToServer, AgentServerToClient, Record<string, never>, AgentData>;

export const userRoom = (id: string) => `user:${id}`;
export const teamRoom = (id: string | null) => `team:${id ?? 'none'}`;
export const conversationRoom = (id: string) => `conv:${id}`;
export const SUPERVISORS_ROOM = 'supervisors';

/** An agent whose last socket closed is set offline after this grace period (page reloads reconnect sooner). */
const OFFLINE_GRACE_MS = 30_000;

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/**
 * The agent namespace: signed in by the portal's session cookie (or `auth.token`). Each socket joins
 * its user room, its teams' rooms and, for supervisors and above, the supervisors' room; opening a
 * conversation (sync) joins its room before the history is read.
 */
export function setupAgentNamespace(ctx: Ctx, ns: AgentNamespace, customers: () => CustomerNamespace): { stop(): void } {
  const timers = new Set<NodeJS.Timeout>();

  // A revoked session (logout, deactivation, new password) closes its sockets on every process.
  const offRevoked = ctx.bus.on('agent.sessions_revoked', async ({ userId, sessionHash }) => {
    const sockets = await ns.in(userRoom(userId)).fetchSockets();
    for (const s of sockets) if (!sessionHash || s.data.sessionHash === sessionHash) s.disconnect(true);
  });

  ns.use((socket, next) => {
    const token = z.object({ token: z.string().max(200) }).safeParse(socket.handshake.auth).data?.token
      ?? cookieValue(socket.handshake.headers.cookie, SESSION_COOKIE);
    agentFromToken(ctx, token).then(
      (agent) => {
        if (!agent) {
          const err = new Error('sign in first') as Error & { data: unknown };
          err.data = toErrorBody(new AppError('unauthenticated', 'sign in first'));
          return next(err);
        }
        socket.data = { agent, sessionHash: hashToken(token ?? '') };
        next();
      },
      (err: unknown) => next(Object.assign(new Error('unavailable'), { data: toErrorBody(err) })),
    );
  });

  ns.on('connection', (socket) => {
    const { agent } = socket.data;
    void socket.join([
      userRoom(agent.id),
      teamRoom(null),
      ...agent.teamIds.map(teamRoom),
      ...(roleAtLeast(agent.role, 'supervisor') ? [SUPERVISORS_ROOM] : []),
    ]);

    socket.on(
      'conversation:sync',
      handler(ctx.log, ZAgentSync, async (p) => {
        await assertAgentMaySee(ctx, agent, p.conversationId); // permission first, then join, then read
        await socket.join(conversationRoom(p.conversationId));
        return detailForAgent(ctx, agent, p.conversationId, p.afterSeq);
      }),
    );
    socket.on('conversation:leave', (payload: unknown) => {
      const p = z.object({ conversationId: ZId }).safeParse(payload);
      if (p.success) void socket.leave(conversationRoom(p.data.conversationId));
    });
    socket.on('message:send', handler(ctx.log, ZAgentSendMessage, (p) => sendAgentMessage(ctx, agent, p, { socketId: socket.id }).then(({ message }) => ({ message }))));
    socket.on('presence:set', handler(ctx.log, z.object({ presence: ZPresence }), async (p) => {
      const user = await setPresence(ctx, agent.id, p.presence);
      return { presence: user.presence };
    }));
    socket.on('typing', (payload: unknown) => {
      const p = ZTyping.safeParse(payload);
      if (!p.success || !socket.rooms.has(conversationRoom(p.data.conversationId))) return;
      void ctx.db
        .selectFrom('conversations')
        .select('visitor_id')
        .where('id', '=', p.data.conversationId)
        .executeTakeFirst()
        .then((c) => {
          if (!c) return;
          customers().to(visitorRoom(c.visitor_id)).emit('typing', p.data);
        })
        .catch(() => {});
    });

    socket.on('disconnect', () => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        void ns
          .in(userRoom(agent.id))
          .fetchSockets()
          .then(async (left) => {
            if (left.length === 0) await setPresence(ctx, agent.id, 'offline');
          })
          .catch(() => {});
      }, OFFLINE_GRACE_MS);
      timer.unref();
      timers.add(timer);
    });
  });

  return {
    stop() {
      offRevoked();
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
