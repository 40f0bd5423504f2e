import { describe, expect, it } from 'vitest';
import { aConversation, aUser, uuid } from '../test-fixtures';
import { applyUpdate } from './inbox-view';

const me = aUser();

describe('applyUpdate', () => {
  it('drops a conversation from the queue once it is claimed', () => {
    const queued = aConversation();
    expect(applyUpdate([queued], { ...queued, status: 'active', assigneeId: me.id, queue: null }, 'queue', me)).toEqual([]);
  });

  it('adds a conversation assigned to me to Mine and replaces it on later updates', () => {
    const mine = aConversation({ status: 'active', assigneeId: me.id, queue: null });
    const once = applyUpdate([], mine, 'mine', me);
    const twice = applyUpdate(once, { ...mine, lastMessageText: 'new' }, 'mine', me);
    expect(twice).toHaveLength(1);
    expect(twice[0]?.lastMessageText).toBe('new');
  });

  it('orders the queue urgent first', () => {
    const a = aConversation({ id: uuid(61), priority: 'normal', queuedAt: '2026-11-23T05:00:00Z' });
    const b = aConversation({ id: uuid(62), priority: 'urgent', queuedAt: '2026-11-23T06:00:00Z' });
    expect(applyUpdate([a], b, 'queue', me).map((c) => c.id)).toEqual([b.id, a.id]);
  });
});
