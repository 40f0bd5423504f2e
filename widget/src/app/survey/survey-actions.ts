import type { TCustomerSurvey } from '@kefu/shared';
import type { CustomerConnection } from '../transport/customer-connection';
import type { TStore } from '../state/store';
import type { TChatState } from '../state/chat-state';

/** The survey card's part of the chat controller: show, fetch on (re)connect, answer, dismiss. */
export function createSurveyActions(store: TStore<TChatState>, connection: () => CustomerConnection | null) {
  const dismissed = new Set<string>();
  function show(survey: TCustomerSurvey): void {
    const current = store.get().conversation;
    if (dismissed.has(survey.id) || (current && survey.conversationId !== current.id)) return;
    store.set({ survey });
  }
  return {
    show,
    /** After a (re)connect: the survey of the resolved conversation in view, if still open. */
    async fetchPending(): Promise<void> {
      const c = connection();
      const conversation = store.get().conversation;
      if (!c?.surveyPending || conversation?.status !== 'resolved') return;
      const ack = await c.surveyPending({ conversationId: conversation.id });
      if (ack.ok && ack.survey) show(ack.survey);
    },
    /** Resolves true when stored; the card keeps the customer's input otherwise. */
    async answer(rating: number, comment: string): Promise<boolean> {
      const c = connection();
      const survey = store.get().survey;
      if (!c?.surveyAnswer || !survey) return false;
      const ack = await c.surveyAnswer({ surveyId: survey.id, rating, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      if (!ack.ok) return false;
      store.set({ survey: ack.survey });
      return true;
    },
    dismiss(): void {
      const survey = store.get().survey;
      if (survey) dismissed.add(survey.id);
      store.set({ survey: null });
    },
  };
}
