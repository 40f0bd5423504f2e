import type { TAck } from './errors';
import type { TCustomerSurvey, TCustomerSurveyAnswer } from './surveys';
import type { TPresence } from './agents';
import type { TMonitorSnapshot } from './monitor';
import type {
  TAgentSendMessage,
  TAgentSync,
  TConversation,
  TConversationEvent,
  TCustomerConversation,
  TCustomerSendMessage,
  TCustomerSync,
  TMessage,
  TTyping,
} from './conversations';

/** socket.io namespaces. */
export const CUSTOMER_NAMESPACE = '/customer';
export const AGENT_NAMESPACE = '/agent';

/**
 * Most messages one `conversation:sync` returns. A client that gets a full page asks again from the
 * last seq it got, until a page comes back short: a long absence is caught up in pages, never cut off.
 */
export const SYNC_PAGE_SIZE = 1000;


type Ack<T extends object = object> = (ack: TAck<T>) => void;

/** Handshake `auth` of the customer namespace. */
export type TCustomerHandshake = { siteKey: string; visitorToken: string; hostOrigin: string };
/** Handshake `auth` of the agent namespace (the portal may rely on its session cookie instead). */
export type TAgentHandshake = { token?: string };

export interface CustomerClientToServer {
  'conversation:sync': (
    payload: TCustomerSync,
    ack: Ack<{ conversation: TCustomerConversation | null; messages: TMessage[] }>,
  ) => void;
  'message:send': (
    payload: TCustomerSendMessage,
    ack: Ack<{ message: TMessage; conversation: TCustomerConversation }>,
  ) => void;
  typing: (payload: TTyping) => void;
  /** The visitor's open survey (of this conversation when given), or null. */
  'survey:pending': (payload: { conversationId: string | null }, ack: Ack<{ survey: TCustomerSurvey | null }>) => void;
  'survey:answer': (payload: TCustomerSurveyAnswer, ack: Ack<{ survey: TCustomerSurvey }>) => void;
}

export interface CustomerServerToClient {
  'message:new': (message: TMessage) => void;
  'conversation:updated': (conversation: TCustomerConversation) => void;
  typing: (payload: TTyping) => void;
  /** A survey to show as a card (after a resolved conversation). */
  'survey:request': (survey: TCustomerSurvey) => void;
}

export interface AgentClientToServer {
  'conversation:sync': (
    payload: TAgentSync,
    ack: Ack<{ conversation: TConversation; messages: TMessage[]; events: TConversationEvent[] }>,
  ) => void;
  'conversation:leave': (payload: { conversationId: string }) => void;
  'message:send': (payload: TAgentSendMessage, ack: Ack<{ message: TMessage }>) => void;
  typing: (payload: TTyping) => void;
  'presence:set': (payload: { presence: TPresence }, ack: Ack<{ presence: TPresence }>) => void;
  /** Supervisors and above: join the live monitor; the ack carries a full snapshot, `monitor:snapshot` the later ones. */
  'monitor:subscribe': (payload: Record<string, never>, ack: Ack<{ snapshot: TMonitorSnapshot }>) => void;
  'monitor:unsubscribe': (payload: Record<string, never>) => void;
}

export type TAlert = {
  kind: 'assignment_timeout';
  conversationId: string;
  agentId: string;
  agentName: string;
  at: string;
};

export interface AgentServerToClient {
  'message:new': (message: TMessage) => void;
  'conversation:updated': (conversation: TConversation) => void;
  'conversation:event': (event: TConversationEvent) => void;
  typing: (payload: TTyping) => void;
  'presence:updated': (payload: { userId: string; presence: TPresence }) => void;
  alert: (alert: TAlert) => void;
  /** A complaint changed (filed, judged, replied, resolved, …): screens showing it reload it. */
  'complaint:updated': (payload: { complaintId: string }) => void;
  /** A fresh live-monitor snapshot, to subscribed supervisors (coalesced, at most every 500 ms). */
  'monitor:snapshot': (snapshot: TMonitorSnapshot) => void;
}
