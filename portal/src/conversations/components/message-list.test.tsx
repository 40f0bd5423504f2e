import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { aMessage } from '../../test-fixtures';
import { MessageList } from './message-list';

describe('MessageList', () => {
  it('renders customer text containing HTML as literal text', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const { container } = render(<MessageList customerName="Visitor #abcd" messages={[aMessage(1, { text: evil })]} />);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText(evil)).toBeTruthy();
  });

  it('labels internal notes and styles them apart from replies', () => {
    render(
      <MessageList customerName="Wang" messages={[
        aMessage(1),
        aMessage(2, { author: 'agent', authorName: 'Li Na', internal: true, text: 'VIP, be gentle' }),
        aMessage(3, { author: 'agent', authorName: 'Li Na', text: 'Hello!' }),
      ]} />,
    );
    const note = screen.getByText('VIP, be gentle').closest('li')!;
    expect(note.textContent).toContain('Internal note');
    expect(note.className).toContain('msg-note');
    expect(screen.getByText('Hello!').closest('li')!.textContent).not.toContain('Internal note');
  });

  it('is a log landmark and shows unsent messages as sending', () => {
    render(<MessageList customerName="Wang" messages={[]} pending={[{ conversationId: 'c', clientId: 'abcdefgh', text: 'on its way', internal: false, status: 'sending' }]} />);
    const log = screen.getByRole('log', { name: 'Messages' });
    expect(log.textContent).toContain('on its way');
    expect(log.textContent).toContain('Sending…');
  });
});
