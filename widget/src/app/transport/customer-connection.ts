import type {
  TAck,
  TCustomerConversation,
  TCustomerHandshake,
  TCustomerSendMessage,
  TCustomerSurvey,
  TCustomerSurveyAnswer,
  TCustomerSync,
  TMessage,
  TTyping,
} from '@kefu/shared';

/** connecting: first attempt · connected · reconnecting: lost, trying again · offline: the browser has no network. */
export type TConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export type TSyncResult = TAck<{ conversation: TCustomerConversation | null; messages: TMessage[] }>;
export type TSendResult = TAck<{ message: TMessage; conversation: TCustomerConversation }>;

export type TConnectionHandlers = {
  state(state: TConnectionState): void;
  /** Each successful (re)connect: the place to sync and flush the outbox. */
  connected(): void;
  message(message: TMessage): void;
  conversation(conversation: TCustomerConversation): void;
  typing(payload: TTyping): void;
  /** A survey card to show (issue 4). */
  survey?(survey: TCustomerSurvey): void;
  /** The handshake was refused (unknown or expired visitor token): start a new session. */
  unauthenticated(): void;
};

/** The customer socket as the app sees it; the real one is socket.io, tests use a fake. */
export interface CustomerConnection {
  sync(payload: TCustomerSync): Promise<TSyncResult>;
  send(payload: TCustomerSendMessage): Promise<TSendResult>;
  typing(payload: TTyping): void;
  surveyPending?(payload: { conversationId: string | null }): Promise<TAck<{ survey: TCustomerSurvey | null }>>;
  surveyAnswer?(payload: TCustomerSurveyAnswer): Promise<TAck<{ survey: TCustomerSurvey }>>;
  /** Replaces the handshake used for the next connection attempt. */
  /** `reconnect`: the visitor changed, so an open socket must reconnect with the new token. */
  setAuth(auth: TCustomerHandshake, reconnect?: boolean): void;
  close(): void;
}

export type TConnect = (auth: TCustomerHandshake, handlers: TConnectionHandlers) => CustomerConnection;

/** How long an ack may take before the request counts as lost (and stays in the outbox). */
export const ACK_TIMEOUT_MS = 10_000;

/** The ack used when the server did not answer in time: retryable by definition. */
export const TIMEOUT_ACK = { ok: false, code: 'unavailable', message: 'timeout', retryable: true } as const;
