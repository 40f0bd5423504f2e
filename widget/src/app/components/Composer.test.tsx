import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen } from '@testing-library/preact';
import { Composer } from './Composer';
import { renderWithText } from '../i18n/render-with-text';

function typeInto(text: string) {
  const box = screen.getByLabelText('Your message');
  fireEvent.input(box, { target: { value: text } });
  return box;
}

describe('Composer', () => {
  it('sends the text on Enter and empties the box', () => {
    const onSend = vi.fn();
    renderWithText(<Composer onSend={onSend} />);
    const box = typeInto('Where is my order?');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSend).toHaveBeenCalledWith('Where is my order?');
    expect((box as HTMLTextAreaElement).value).toBe('');
  });

  it('does not send on Shift+Enter (that adds a new line)', () => {
    const onSend = vi.fn();
    renderWithText(<Composer onSend={onSend} />);
    fireEvent.keyDown(typeInto('line one'), { key: 'Enter', shiftKey: true });
    expect(onSend).not.toHaveBeenCalled();
  });

  it('sends with the labelled send button and never sends blank text', () => {
    const onSend = vi.fn();
    renderWithText(<Composer onSend={onSend} />);
    const button = screen.getByRole('button', { name: 'Send message' });
    typeInto('   ');
    fireEvent.click(button);
    expect(onSend).not.toHaveBeenCalled();
    typeInto('hello');
    fireEvent.click(button);
    expect(onSend).toHaveBeenCalledWith('hello');
  });

  it('reports typing on input', () => {
    const onTyping = vi.fn();
    renderWithText(<Composer onSend={() => {}} onTyping={onTyping} />);
    typeInto('h');
    expect(onTyping).toHaveBeenCalled();
  });
});
