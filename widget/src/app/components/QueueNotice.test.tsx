import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/preact';
import { QueueNotice } from './QueueNotice';
import { renderWithText } from '../i18n/render-with-text';
import { testConversation } from '../transport/customer-connection.fake';

describe('QueueNotice', () => {
  it('tells the queue position and expected wait in minutes', () => {
    renderWithText(<QueueNotice conversation={testConversation({ queue: { position: 3, expectedWaitSeconds: 240 } })} />);
    expect(screen.getByRole('status').textContent).toContain('You are number 3 in the queue.');
    expect(screen.getByText('Expected wait: about 4 min.')).toBeTruthy();
  });

  it('leaves out the wait when there is no estimate', () => {
    renderWithText(<QueueNotice conversation={testConversation({ queue: { position: 1, expectedWaitSeconds: null } })} />);
    expect(screen.getByRole('status').textContent).toBe('You are number 1 in the queue.');
  });

  it('shows nothing once an agent has the conversation', () => {
    renderWithText(<QueueNotice conversation={testConversation({ status: 'active', agentName: 'Li Na' })} />);
    expect(screen.queryByRole('status')).toBeNull();
  });
});
