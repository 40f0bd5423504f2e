import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import type { TArticleHit } from '@kefu/shared';
import HelpPanel from './HelpPanel';
import type { THelpApi } from './help-api';

const hit = (id: string, title: string, excerpt: string): TArticleHit => ({
  id, title, excerpt, category: '售后', locale: 'zh-CN', published: true, updatedAt: '2026-11-30T08:00:00.000Z', url: `http://kefu.test/help/demo/${id}`,
});

function fakeApi(): THelpApi {
  return {
    search: vi.fn(async (q: string) => ({
      ok: true as const,
      articles: q === '' ? [hit('a1', '如何申请退款', '在订单页点击申请退款'), hit('a2', '修改收货地址', '发货前可修改')] : q.includes('退款') ? [hit('a1', '如何申请退款', '在订单页点击申请退款')] : [],
    })),
    article: vi.fn(async (id: string) => ({
      ok: true as const,
      article: { id, title: '如何申请退款', category: '售后', locale: 'zh-CN' as const, updatedAt: '2026-11-30T08:00:00.000Z', url: `http://kefu.test/help/demo/${id}`, html: '<p>在<strong>订单页</strong>点击。</p>' },
    })),
  };
}

describe('HelpPanel', () => {
  it('lists articles, searches once the visitor stops typing, and shows “no results” for unknown words', async () => {
    const api = fakeApi();
    render(<HelpPanel locale="zh-CN" api={api} debounceMs={30} />);
    await screen.findByText('修改收货地址');
    const box = screen.getByRole('searchbox', { name: '搜索帮助文章' });
    fireEvent.input(box, { target: { value: '退' } });
    fireEvent.input(box, { target: { value: '退款' } });
    await waitFor(() => expect(screen.queryByText('修改收货地址')).toBeNull());
    expect(screen.getByText('如何申请退款')).toBeTruthy();
    // Debounced: the keystrokes in between were not each sent.
    expect(vi.mocked(api.search).mock.calls.map((c) => c[0])).toEqual(['', '退款']);
    fireEvent.input(box, { target: { value: '量子' } });
    await screen.findByText('没有与“量子”相关的文章。换个说法试试，或在在线咨询中问我们。');
  });

  it('opens an article with its rendered body and a link that opens safely, and goes back to the list', async () => {
    const api = fakeApi();
    render(<HelpPanel locale="zh-CN" api={api} debounceMs={0} />);
    fireEvent.click(await screen.findByRole('button', { name: /如何申请退款/ }));
    await screen.findByRole('heading', { name: '如何申请退款' });
    expect(api.article).toHaveBeenCalledWith('a1');
    expect(screen.getByText('订单页').tagName).toBe('STRONG');
    const page = screen.getByRole('link', { name: '在新标签页打开' });
    expect(page.getAttribute('href')).toBe('http://kefu.test/help/demo/a1');
    expect(page.getAttribute('rel')).toBe('noopener noreferrer');
    fireEvent.click(screen.getByRole('button', { name: /返回文章列表/ }));
    await screen.findByRole('searchbox');
    expect(screen.getByText('修改收货地址')).toBeTruthy();
  });

  it('offers a retry when the articles cannot be loaded', async () => {
    const api = fakeApi();
    vi.mocked(api.search).mockResolvedValueOnce({ ok: false, code: 'network', message: 'network' });
    render(<HelpPanel locale="en" api={api} debounceMs={0} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Try again' }));
    await screen.findByText('修改收货地址');
  });
});
