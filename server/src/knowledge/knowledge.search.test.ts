import { describe, expect, it } from 'vitest';
import { excerptAround, searchTerms } from './knowledge.search';

describe('search terms', () => {
  it('splits Chinese runs into overlapping bigrams and keeps Latin words whole', () => {
    expect(searchTerms('怎么退款 Refund')).toEqual({ terms: ['怎么', '么退', '退款', 'refund'], latin: 'refund', phrase: '怎么退款 refund' });
  });

  it('keeps a lone Chinese character, folds full-width letters and drops one-letter words', () => {
    const s = searchTerms('退 ＶＩＰ a 7');
    expect(s.terms).toEqual(['退', 'vip', '7']);
    expect(s.latin).toBe('vip 7');
  });

  it('has no terms for punctuation only', () => {
    expect(searchTerms('？！…').terms).toEqual([]);
  });
});

describe('excerpts', () => {
  it('starts near the first match and marks cut text', () => {
    const text = `${'前言'.repeat(60)}退款会在三个工作日内原路退回。${'后记'.repeat(60)}`;
    const e = excerptAround(text, ['退款'], 40);
    expect(e.startsWith('…')).toBe(true);
    expect(e).toContain('退款会在三个工作日内');
    expect(e.endsWith('…')).toBe(true);
  });

  it('starts an English excerpt at a word', () => {
    const e = excerptAround(`${'Open your order page and then '.repeat(4)}choose Request refund.`, ['refund'], 40);
    expect(e.startsWith('…')).toBe(true);
    expect(['Open', 'your', 'order', 'page', 'and', 'then', 'choose', 'Request']).toContain(e.slice(1).split(' ')[0]);
  });

  it('starts at the beginning when nothing matches', () => {
    expect(excerptAround('short text', ['zzz'])).toBe('short text');
  });
});
