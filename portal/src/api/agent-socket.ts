import { io, type Socket } from 'socket.io-client';
import { AGENT_NAMESPACE, type AgentClientToServer, type AgentServerToClient } from '@kefu/shared';

export type AgentSocket = Socket<AgentServerToClient, AgentClientToServer>;

/** What the top bar shows: connecting (first time), connected, reconnecting (after a drop). */
export type TConnectionState = 'connecting' | 'connected' | 'reconnecting';

/** Opens the agent namespace on the same origin; the session cookie authenticates the handshake. */
export function connectAgentSocket(): AgentSocket {
  return io(AGENT_NAMESPACE, { transports: ['websocket'], withCredentials: true });
}
