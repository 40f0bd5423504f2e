import { io, type Socket } from 'socket.io-client';
import {
  CUSTOMER_NAMESPACE,
  type CustomerClientToServer,
  type CustomerServerToClient,
  type TCustomerHandshake,
} from '@kefu/shared/events';
import type { TErrorBody } from '@kefu/shared';
import { ACK_TIMEOUT_MS, TIMEOUT_ACK, type TConnect } from './customer-connection';

type TCustomerSocket = Socket<CustomerServerToClient, CustomerClientToServer>;

/** Connects to the customer namespace of the server that served this iframe. */
export const connectSocket: TConnect = (initialAuth, handlers) => {
  let auth: TCustomerHandshake = initialAuth;
  const socket: TCustomerSocket = io(`${location.origin}${CUSTOMER_NAMESPACE}`, {
    transports: ['websocket'],
    // A function, so that every reconnect uses the latest visitor token.
    auth: (cb) => cb(auth),
  });
  let everConnected = false;
  const report = () =>
    handlers.state(
      socket.connected ? 'connected' : !navigator.onLine ? 'offline' : everConnected ? 'reconnecting' : 'connecting',
    );

  socket.on('connect', () => {
    everConnected = true;
    report();
    handlers.connected();
  });
  socket.on('disconnect', (reason) => {
    report();
    // The server closed us on purpose (deploy, restart): socket.io does not retry by itself then.
    if (reason === 'io server disconnect') socket.connect();
  });
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  socket.on('connect_error', (err) => {
    report();
    // A refusal by the server's middleware stops socket.io's own retries (socket.active is false).
    if (socket.active) return;
    // The server puts the error wire shape (TErrorBody) in `data`.
    const body = (err as Error & { data?: Partial<TErrorBody> }).data;
    if (body?.code === 'unauthenticated') handlers.unauthenticated();
    else retryTimer = setTimeout(() => socket.connect(), body && !body.retryable ? 30_000 : 5000);
  });
  socket.on('message:new', handlers.message);
  socket.on('conversation:updated', handlers.conversation);
  socket.on('typing', handlers.typing);
  socket.on('survey:request', (survey) => handlers.survey?.(survey));
  addEventListener('online', report);
  addEventListener('offline', report);

  return {
    sync: (payload) =>
      socket.timeout(ACK_TIMEOUT_MS).emitWithAck('conversation:sync', payload).catch(() => TIMEOUT_ACK),
    send: (payload) =>
      socket.timeout(ACK_TIMEOUT_MS).emitWithAck('message:send', payload).catch(() => TIMEOUT_ACK),
    surveyPending: (payload) =>
      socket.timeout(ACK_TIMEOUT_MS).emitWithAck('survey:pending', payload).catch(() => TIMEOUT_ACK),
    surveyAnswer: (payload) =>
      socket.timeout(ACK_TIMEOUT_MS).emitWithAck('survey:answer', payload).catch(() => TIMEOUT_ACK),
    typing: (payload) => {
      if (socket.connected) socket.emit('typing', payload);
    },
    setAuth: (next, reconnect) => {
      auth = next;
      // Another visitor: the open socket still speaks for the old one.
      if (reconnect && socket.active) socket.disconnect();
      if (!socket.active) socket.connect();
    },
    close: () => {
      clearTimeout(retryTimer);
      removeEventListener('online', report);
      removeEventListener('offline', report);
      socket.close();
    },
  };
};
