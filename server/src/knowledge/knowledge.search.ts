/**
 * How a search query becomes match terms (docs/knowledge.md). Chinese has no spaces, so a run of
 * Han characters becomes its overlapping bigrams (退款流程 → 退款 款流 流程), the usual way to index
 * CJK without a dictionary; Latin words stay words and also drive the trigram (typos) and English
 * stemming (refunds → refund) parts of the score.
 */
export type TSearchTerms = {
  /** Bigrams of CJK runs (a lone character stays itself) and Latin words, lower case, deduplicated. */
  terms: string[];
  /** The Latin words joined by spaces: for word_similarity() and the English tsquery; '' when none. */
  latin: string;
  /** The whole query, normalised: a bonus when it appears as written. */
  phrase: string;
};

const MAX_TERMS = 24;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Splits a query into search terms.
 * @example searchTerms('怎么退款 refund') // { terms: ['怎么', '么退', '退款', 'refund'], latin: 'refund', phrase: '怎么退款 refund' }
 */
export function searchTerms(query: string): TSearchTerms {
  const phrase = query.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  const terms = new Set<string>();
  for (const [run] of phrase.matchAll(CJK)) {
    const chars = [...run];
    if (chars.length === 1) terms.add(run);
    for (let i = 0; i + 1 < chars.length; i++) terms.add(chars[i]! + chars[i + 1]!);
  }
  const words = [...phrase.replace(CJK, ' ').matchAll(WORD)].map(([w]) => w).filter((w) => w.length > 1 || /\d/.test(w));
  for (const w of words) terms.add(w);
  return { terms: [...terms].slice(0, MAX_TERMS), latin: words.join(' '), phrase };
}

/**
 * A plain-text window around the first place a term appears (the start when none does).
 * @example excerptAround('… 退款会在 3 个工作日内原路退回 …', ['退款'], 20)
 */
export function excerptAround(text: string, terms: readonly string[], size = 160): string {
  const lower = text.toLowerCase();
  const found = terms
    .map((t) => lower.indexOf(t))
    .filter((i) => i >= 0)
    .sort((a, b) => a - b)[0];
  let start = found === undefined || found < size / 4 ? 0 : found - Math.floor(size / 4);
  // Latin text: begin at a word, not in the middle of one (Chinese has no spaces and needs none).
  const space = start > 0 ? text.slice(start, start + 20).search(/\s/) : -1;
  if (space >= 0) start += space + 1;
  const chars = [...text.slice(start)];
  const body = chars.slice(0, size).join('');
  return `${start > 0 ? '…' : ''}${body}${chars.length > size ? '…' : ''}`;
}
