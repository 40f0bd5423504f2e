import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { ZClientId } from '@kefu/shared';
import { Composer } from './composer';

const canned = [
  { id: '1', shortcut: 'hello', title: 'Greeting', body: 'Hello, how can I help you today?' },
  { id: '2', shortcut: 'bye', title: 'Closing', body: 'Thanks for contacting us!' },
];

function type(el: HTMLElement, value: string) {
  fireEvent.input(el, { target: { value } });
}

describe('Composer', () => {
  it('sends on Enter with a fresh valid clientId each time and clears the box', () => {
    const onSend = vi.fn();
    render(<Composer onSend={onSend} />);
    const box = screen.getByRole('textbox', { name: 'Reply' }) as HTMLTextAreaElement;
    type(box, 'first');
    fireEvent.keyDown(box, { key: 'Enter' });
    type(box, 'second');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSend).toHaveBeenCalledTimes(2);
    const [a, b] = onSend.mock.calls.map((c) => c[0]);
    expect(a).toMatchObject({ text: 'first', internal: false });
    expect(ZClientId.safeParse(a.clientId).success).toBe(true);
    expect(a.clientId).not.toBe(b.clientId);
    expect(box.value).toBe('');
  });

  it('does not send on Shift+Enter', () => {
    const onSend = vi.fn();
    render(<Composer onSend={onSend} />);
    const box = screen.getByRole('textbox', { name: 'Reply' });
    type(box, 'line one');
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(onSend).not.toHaveBeenCalled();
  });

  it('sends an internal note when the note mode is chosen', () => {
    const onSend = vi.fn();
    render(<Composer onSend={onSend} />);
    fireEvent.click(screen.getByRole('button', { name: 'Internal note' }));
    const box = screen.getByRole('textbox', { name: 'Reply' });
    type(box, 'check the order');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSend.mock.calls[0]?.[0]).toMatchObject({ text: 'check the order', internal: true });
  });

  it('offers canned replies for /shortcut and inserts the chosen body', () => {
    const onSend = vi.fn();
    render(<Composer onSend={onSend} cannedReplies={canned} />);
    const box = screen.getByRole('textbox', { name: 'Reply' }) as HTMLTextAreaElement;
    type(box, '/hel');
    const options = screen.getAllByRole('option');
    expect(options).toHaveLength(1);
    expect(options[0]!.textContent).toContain('/hello');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(box.value).toBe('Hello, how can I help you today?');
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('fills the customer and agent names into a canned reply as it is inserted by /shortcut', () => {
    const refund = [{ id: '00000000-0000-4000-8000-0000000000aa', shortcut: 'refund', title: 'Refund', body: '{customer.name}您好，我是{agent.name}，已为您退款。', teamId: null }];
    render(<Composer onSend={() => undefined} cannedReplies={refund} cannedContext={{ customer: { name: '王女士', email: null }, agent: { name: '小李' } }} />);
    const box = screen.getByRole('textbox', { name: 'Reply' }) as HTMLTextAreaElement;
    type(box, '/refund');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(box.value).toBe('王女士您好，我是小李，已为您退款。');
  });

  it('reports typing while the agent writes a reply', () => {
    const onTyping = vi.fn();
    render(<Composer onSend={() => undefined} onTyping={onTyping} />);
    type(screen.getByRole('textbox', { name: 'Reply' }), 'h');
    expect(onTyping).toHaveBeenCalledWith(true);
  });

  it('switches from internal note to reply once the agent may answer (after a claim)', () => {
    const onSend = vi.fn();
    const { rerender } = render(<Composer onSend={onSend} noteByDefault />);
    rerender(<Composer onSend={onSend} noteByDefault={false} />);
    const box = screen.getByRole('textbox', { name: 'Reply' });
    type(box, 'hello');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSend.mock.calls[0]?.[0]).toMatchObject({ internal: false });
  });
});
