import type { TCustomerConversation, TLocale, TMessage } from '@kefu/shared';
import { SYNC_PAGE_SIZE } from '@kefu/shared/events';
import { pickLocale } from '@kefu/shared/i18n';
import type { CustomerConnection, TConnect, TConnectionHandlers } from '../transport/customer-connection';
import { Outbox, outboxKey } from '../transport/outbox';
import { OutboxSender } from '../transport/outbox-sender';
import { visitorTokenKey, type TEndSession, type TStartSession } from '../transport/session-api';
import type { TFrameMessage } from '../host/host-messages';
import { lastSeq, mergeMessages } from './merge-messages';
import { createStore, type TStore } from './store';
import type { TChatState } from './chat-state';
import { createSurveyActions } from '../survey/survey-actions';
import { setAttachmentAuth } from '../attachments/attachments-auth';
import { loadFiles } from '../attachments/lazy-files';

export type TChatDeps = {
  siteKey: string;
  hostOrigin: string;
  hostLocale: TLocale | null;
  storage: Storage;
  startSession: TStartSession;
  /** Kefu.reset's request to revoke the old token (absent in tests that do not need it). */
  endSession?: TEndSession;
  connect: TConnect;
  /** Posts to the host page (the loader). */
  postToHost(message: TFrameMessage): void;
  languages: readonly string[];
};

export type TChatController = ReturnType<typeof createChatController>;

const TYPING_IDLE_MS = 3000;
const TYPING_REPEAT_MS = 2000;

/** The identity to send to the server: only one with an id (a plain name/email only prefills forms). */
function verifiableIdentity(identity: Record<string, unknown> | null): Record<string, unknown> | undefined {
  return identity && typeof identity.id === 'string' && identity.id ? identity : undefined;
}

/** Wires session, socket, outbox and state together; components call its actions and read its store. */
export function createChatController(deps: TChatDeps) {
  const outbox = new Outbox(deps.storage, outboxKey(deps.siteKey));
  const store: TStore<TChatState> = createStore<TChatState>({
    phase: 'idle',
    failure: null,
    connection: 'connecting',
    config: null,
    hostLocale: deps.hostLocale,
    browserLocale: pickLocale(deps.languages),
    conversation: null,
    messages: [],
    outbox: outbox.list(),
    agentTyping: false,
    freshStart: false,
    offlineSent: false,
    open: false,
    unread: 0,
    identity: null,
    resets: 0,
  });
  let connection: CustomerConnection | null = null;
  /** The token this page's session speaks with (the stored one can change under it: another tab's reset). */
  let sessionToken: string | null = null;
  /** Bumped by reset: a session request begun before it must not bring the old visitor back. */
  let generation = 0;
  let sessionRetryMs = 2000;
  outbox.subscribe(() => store.set({ outbox: outbox.list() }));

  const sender = new OutboxSender(outbox, {
    send: (payload) => (connection as CustomerConnection).send(payload),
    canSend: () => !!connection && store.get().connection === 'connected',
    onAcked: (ack) => {
      const current = store.get().conversation;
      const isNew = current?.id !== ack.conversation.id;
      store.set({ freshStart: false });
      // The ack tells the conversation as this message left it. A state already here that includes
      // this message (its lastSeq) came later — the assignment can overtake the ack: keep it.
      const later = !isNew && current !== null && current.lastSeq >= ack.conversation.lastSeq;
      applyConversation(later ? current : ack.conversation, [ack.message]);
      // Events of a conversation we did not know yet were ignored until now: fetch them.
      if (isNew) void sync(true);
    },
  });

  /** Adopts `conversation` (replacing the view when it is another one) and merges its messages. */
  function applyConversation(conversation: TCustomerConversation, messages: TMessage[]): void {
    const s = store.get();
    const same = s.conversation?.id === conversation.id;
    const merged = mergeMessages(same ? s.messages : [], messages);
    store.set({
      conversation,
      messages: merged,
      agentTyping: conversation.status === 'active' && same && s.agentTyping,
    });
  }

  /** Would an event about `conversation` concern what the customer is looking at? */
  function concerns(conversationId: string, status?: TCustomerConversation['status']): boolean {
    const s = store.get();
    if (s.conversation) return s.conversation.id === conversationId;
    return !(s.freshStart && status === 'resolved');
  }

  /** Conversation states received live; a sync answer read before one of them must not undo it. */
  let statesHeard = 0;

  /** Fetches what this view misses (`fromStart`: the whole conversation, for one just adopted). */
  async function sync(fromStart = false): Promise<void> {
    if (!connection) return;
    const s = store.get();
    const heardBefore = statesHeard;
    const ack = await connection.sync({
      conversationId: s.freshStart ? null : (s.conversation?.id ?? null),
      afterSeq: fromStart || s.freshStart || !s.conversation ? 0 : lastSeq(s.messages),
    });
    if (!ack.ok || !ack.conversation) return;
    if (!concerns(ack.conversation.id, ack.conversation.status)) return;
    store.set({ freshStart: false });
    // A state told live while the sync was on its way (resolved, assigned) is at least as new as
    // the answer's, which may have been read before it: keep it, take the messages and the seq.
    const current = store.get().conversation;
    const overtaken = statesHeard !== heardBefore && current?.id === ack.conversation.id;
    applyConversation(overtaken ? { ...current, lastSeq: Math.max(current.lastSeq, ack.conversation.lastSeq) } : ack.conversation, ack.messages);
    // A full page means there is more (a long absence): continue from where this page ended.
    if (ack.messages.length >= SYNC_PAGE_SIZE) await sync();
  }

  const handlers: TConnectionHandlers = {
    state: (connectionState) => store.set({ connection: connectionState }),
    connected: () => {
      void sync().finally(() => {
        void sender.flush();
        void survey.fetchPending();
      });
    },
    survey: (s) => survey.show(s),
    message: (message) => {
      const s = store.get();
      if (message.internal || !s.conversation || s.conversation.id !== message.conversationId) return;
      applyConversation(s.conversation, [message]);
      if (message.author !== 'agent') return;
      store.set({ agentTyping: false });
      deps.postToHost({
        kefu: 'event',
        name: 'message',
        data: { id: message.id, author: message.author, authorName: message.authorName, createdAt: message.createdAt },
      });
      if (!store.get().open) setUnread(store.get().unread + 1);
    },
    conversation: (conversation) => {
      if (!concerns(conversation.id, conversation.status)) return;
      statesHeard++;
      const adopted = !store.get().conversation;
      applyConversation(conversation, []);
      // Started elsewhere (another tab): fetch its messages.
      if (adopted) void sync(true);
    },
    typing: (payload) => {
      if (store.get().conversation?.id === payload.conversationId) store.set({ agentTyping: payload.typing });
    },
    unauthenticated: () => void renewSession(),
  };

  const survey = createSurveyActions(store, () => connection);

  function setUnread(unread: number): void {
    store.set({ unread });
    deps.postToHost({ kefu: 'unread', count: unread });
  }

  async function renewSession(): Promise<boolean> {
    const tokenKey = visitorTokenKey(deps.siteKey);
    const visitorToken = deps.storage.getItem(tokenKey) ?? undefined;
    const identity = verifiableIdentity(store.get().identity);
    const began = generation;
    const res = await deps.startSession({
      siteKey: deps.siteKey,
      hostOrigin: deps.hostOrigin,
      ...(visitorToken ? { visitorToken } : {}),
      ...(identity ? { identity } : {}),
    });
    if (began !== generation) {
      // Kefu.reset came while this was on its way: that visitor is over.
      if (res.ok) void deps.endSession?.({ siteKey: deps.siteKey, visitorToken: res.session.visitorToken });
      return false;
    }
    if (!res.ok) {
      store.set({ phase: connection ? 'ready' : 'failed', failure: res.code });
      if (res.retryable) setTimeout(() => void renewSession(), (sessionRetryMs = Math.min(sessionRetryMs * 2, 60_000)));
      return false;
    }
    try {
      deps.storage.setItem(tokenKey, res.session.visitorToken);
    } catch {
      // Blocked storage: this page still works, a reload starts as a new visitor.
    }
    // Identified as someone else than this device's visitor, or the old token was revoked (Kefu.reset
    // in another tab): the server gave a new visitor, whose history is empty.
    const previous = sessionToken ?? visitorToken;
    const switched = !!previous && previous !== res.session.visitorToken;
    sessionToken = res.session.visitorToken;
    store.set({ phase: 'ready', failure: null, config: res.session.config, ...(switched && { conversation: null, messages: [], agentTyping: false, freshStart: false, offlineSent: false }) });
    const auth = { siteKey: deps.siteKey, visitorToken: res.session.visitorToken, hostOrigin: deps.hostOrigin };
    setAttachmentAuth(auth);
    if (connection) connection.setAuth(auth, switched);
    else connection = deps.connect(auth, handlers);
    return true;
  }

  let typingSentAt = 0;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  function emitTyping(typing: boolean): void {
    const id = store.get().conversation?.id;
    if (id && connection) connection.typing({ conversationId: id, typing });
  }

  let identifyAfterStart = false;
  function start(): Promise<void> {
    const phase = store.get().phase;
    if (phase === 'starting' || phase === 'ready') return Promise.resolve();
    store.set({ phase: 'starting', failure: null });
    return renewSession()
      .then(async (ok) => {
        // Kefu.identify arrived while the first session was being opened: open it again with the identity.
        if (ok && identifyAfterStart) await renewSession();
      })
      .finally(() => {
        identifyAfterStart = false;
      });
  }

  function stopTyping(): void {
    clearTimeout(typingTimer);
    if (!typingSentAt) return;
    typingSentAt = 0;
    emitTyping(false);
  }

  function queueMessage(text: string, email: string | undefined): boolean {
    const body = text.trim();
    if (!body) return false;
    const s = store.get();
    outbox.add({
      text: body,
      conversationId: s.freshStart ? null : (s.conversation?.id ?? null),
      ...(email ? { email } : {}),
    });
    stopTyping();
    void sender.flush();
    void start();
    return true;
  }

  return {
    store,

    /** Asks for a session and connects (once); called on the first open, or at load for a returning visitor. */
    start,

    /** Has this browser talked to the site before (then connect at load, for unread badges)? */
    isReturningVisitor(): boolean {
      return !!deps.storage.getItem(visitorTokenKey(deps.siteKey)) || outbox.list().length > 0;
    },

    setOpen(open: boolean): void {
      store.set({ open });
      if (!open) return;
      if (store.get().unread) setUnread(0);
      void start();
    },

    setHostLocale: (hostLocale: TLocale) => store.set({ hostLocale }),
    /**
     * Kefu.identify: name/email prefill the forms; with an `id` (and its HMAC) the session is opened
     * again so the server can link this visitor to the host's customer.
     */
    identify(identity: Record<string, unknown>): void {
      store.set({ identity });
      if (!verifiableIdentity(identity)) return;
      const phase = store.get().phase;
      if (phase === 'ready') void renewSession();
      else if (phase === 'starting') identifyAfterStart = true;
    },

    /**
     * Kefu.reset (the host's user signed out): this browser forgets the visitor — token, unsent
     * messages, the conversation on screen, the identity — and the server revokes the token, so the
     * next person here starts as a new visitor and sees none of it. Their conversations stay with the agents.
     */
    reset(): void {
      generation++;
      const token = sessionToken ?? deps.storage.getItem(visitorTokenKey(deps.siteKey));
      connection?.close();
      connection = null;
      sessionToken = null;
      clearTimeout(typingTimer);
      typingSentAt = 0;
      try {
        deps.storage.removeItem(visitorTokenKey(deps.siteKey));
      } catch {
        // Blocked storage: nothing was kept.
      }
      outbox.clear();
      store.set({
        survey: null,
        phase: 'idle',
        failure: null,
        connection: 'connecting',
        conversation: null,
        messages: [],
        agentTyping: false,
        freshStart: false,
        offlineSent: false,
        identity: null,
        resets: store.get().resets + 1,
      });
      setUnread(0);
      if (token) void deps.endSession?.({ siteKey: deps.siteKey, visitorToken: token });
      deps.postToHost({ kefu: 'reset' });
      if (store.get().open) void start();
    },

    /** Queues a message (shown at once as sending) and sends the outbox. */
    send(text: string): void {
      queueMessage(text, undefined);
    },

    /** The offline form: a message with an optional email; the conversation waits in the queue. */
    leaveMessage(text: string, email: string): void {
      if (queueMessage(text, email.trim() || undefined)) store.set({ offlineSent: true });
    },

    /** Uploads a file, then queues a message naming it (attachments/send-file.ts; loaded on the first file). */
    attach(file: File): void {
      void loadFiles().then((m) => m.sendFile({ store, outbox, start, flush: () => void sender.flush() }, file));
    },

    retry(clientId: string): void {
      outbox.retry(clientId);
      void sender.flush();
    },

    /** Clears the resolved conversation: the next message opens a new one. */
    startNew(): void {
      store.set({ conversation: null, messages: [], freshStart: true, agentTyping: false, offlineSent: false });
    },

    /** Called on composer input: "typing" at most every 2 s, "stopped" after 3 s without input. */
    noteTyping(): void {
      const now = Date.now();
      if (now - typingSentAt > TYPING_REPEAT_MS) {
        typingSentAt = now;
        emitTyping(true);
      }
      clearTimeout(typingTimer);
      typingTimer = setTimeout(stopTyping, TYPING_IDLE_MS);
    },

    stopTyping,

    /** Answers (or changes) the survey shown in the card. */
    answerSurvey: survey.answer,
    dismissSurvey: survey.dismiss,
  };
}
