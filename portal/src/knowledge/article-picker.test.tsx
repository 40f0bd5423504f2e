import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import type { TKnowledgeApi } from './knowledge-api';
import { ArticlePicker } from './article-picker';

const hit = { id: 'a1', title: 'How to get a refund', category: 'After sales', locale: 'en' as const, published: true, excerpt: 'Refunds reach your card within 3 business days.', updatedAt: '2026-12-01T00:00:00.000Z', url: 'http://kefu.test/help/demo/a1' };

function fakeApi(): TKnowledgeApi {
  return { search: vi.fn(async () => [hit]) } as unknown as TKnowledgeApi;
}

describe('ArticlePicker', () => {
  it('searches the conversation’s site and inserts the article link', async () => {
    const api = fakeApi();
    const onInsert = vi.fn();
    render(<ArticlePicker siteId="site-1" onInsert={onInsert} api={api} />);
    fireEvent.click(screen.getByRole('button', { name: 'Articles' }));
    fireEvent.input(screen.getByRole('searchbox', { name: 'Search help articles' }), { target: { value: 'refund' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Insert link' }));
    expect(api.search).toHaveBeenCalledWith('refund', 'site-1');
    expect(onInsert).toHaveBeenCalledWith('How to get a refund: http://kefu.test/help/demo/a1');
    await waitFor(() => expect(screen.queryByRole('searchbox')).toBeNull());
  });

  it('inserts an excerpt followed by the link', async () => {
    const onInsert = vi.fn();
    render(<ArticlePicker siteId="site-1" onInsert={onInsert} api={fakeApi()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Articles' }));
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'refund' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Insert excerpt' }));
    expect(onInsert).toHaveBeenCalledWith('Refunds reach your card within 3 business days.\nHow to get a refund: http://kefu.test/help/demo/a1');
  });
});
