import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { TConversationEvent } from '@kefu/shared';
import { uuid } from '../../test-fixtures';
import { EventTrail } from './event-trail';

const event = (type: TConversationEvent['type'], data: Record<string, unknown>, actorName: string | null = 'Li Na'): TConversationEvent => ({
  id: uuid(Math.floor(Math.random() * 1e9)), conversationId: uuid(50), type, actorId: uuid(1), actorName, data, createdAt: '2026-11-23T06:00:00Z',
});

describe('EventTrail', () => {
  it('shows a transfer with who from, to whom and why', () => {
    render(<EventTrail events={[event('transferred', { fromAgentId: uuid(1), toTeamName: 'VIP team', reason: 'VIP customer' })]} />);
    expect(screen.getByText('Transferred from Li Na to VIP team')).toBeTruthy();
    expect(screen.getByText('Reason: VIP customer')).toBeTruthy();
  });

  it('names the owner and the agent who let an assignment time out', () => {
    render(<EventTrail events={[event('owner_set', { ownerName: 'Li Na' }), event('assignment_timed_out', { agentName: 'Zhang Wei' }, null)]} />);
    expect(screen.getByText('Li Na became the owner')).toBeTruthy();
    expect(screen.getByText('Zhang Wei did not answer in time; back to the queue')).toBeTruthy();
  });
});
