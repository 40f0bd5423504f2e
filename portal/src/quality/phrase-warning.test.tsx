import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Composer } from '../conversations/components/composer';
import { fakeFetch, uuid } from '../test-fixtures';

const phrases = [{ id: uuid(1), locale: 'zh-CN', category: 'impatient', kind: 'phrase', text: '我已经说过了', severity: 'medium', active: true }];

describe('composer check for prohibited phrases', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('warns before sending a matching reply; the agent may rephrase or send anyway', async () => {
    const fetch = fakeFetch((url) => (url.includes('/api/quality/phrases') ? { status: 200, body: { ok: true, phrases } } : { status: 404, body: {} }));
    vi.stubGlobal('fetch', fetch);
    const onSend = vi.fn();
    render(<Composer onSend={onSend} />);
    const box = screen.getByRole('textbox', { name: 'Reply' }) as HTMLTextAreaElement;
    await waitFor(() => expect(fetch.calls.map((c) => c.url)).toContain('/api/quality/phrases'));
    await new Promise((r) => setTimeout(r, 0));

    fireEvent.input(box, { target: { value: '我 已经说过了，您再看看' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSend).not.toHaveBeenCalled();
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toContain('我 已经说过了');

    fireEvent.click(screen.getByRole('button', { name: 'Rephrase' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(box.value).toBe('我 已经说过了，您再看看');

    fireEvent.keyDown(box, { key: 'Enter' });
    fireEvent.click(await screen.findByRole('button', { name: 'Send anyway' }));
    expect(onSend).toHaveBeenCalledWith(expect.objectContaining({ text: '我 已经说过了，您再看看', internal: false }));
  });

  it('does not check internal notes', async () => {
    vi.stubGlobal('fetch', fakeFetch(() => ({ status: 200, body: { ok: true, phrases } })));
    const onSend = vi.fn();
    render(<Composer onSend={onSend} noteByDefault />);
    await new Promise((r) => setTimeout(r, 0));
    const box = screen.getByRole('textbox', { name: 'Reply' });
    fireEvent.input(box, { target: { value: '我已经说过了' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSend).toHaveBeenCalledTimes(1);
  });
});
