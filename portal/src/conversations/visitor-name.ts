import type { TConversation } from '@kefu/shared';
import type { TTranslate } from '../i18n/i18n-context';

/** The visitor's name, or "Visitor #1a2b" from their id when they gave none. */
export function visitorName(t: TTranslate, c: Pick<TConversation, 'visitor'>): string {
  return c.visitor.name?.trim() || t('inbox.visitor', { id: c.visitor.id.replace(/-/g, '').slice(0, 4) });
}
