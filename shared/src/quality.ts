import { z } from 'zod';
import { ZId, ZLocale, ZTimestamp } from './common';

/** The seeds' 四语: contemptuous 蔑视语, quarrelsome 斗气语, impatient 烦躁语, negating 否定语. */
export const PHRASE_CATEGORIES = ['contemptuous', 'quarrelsome', 'impatient', 'negating'] as const;
export const ZPhraseCategory = z.enum(PHRASE_CATEGORIES);
export type TPhraseCategory = z.infer<typeof ZPhraseCategory>;

export const PHRASE_SEVERITIES = ['low', 'medium', 'high'] as const;
export const ZPhraseSeverity = z.enum(PHRASE_SEVERITIES);
export type TPhraseSeverity = z.infer<typeof ZPhraseSeverity>;

/** `phrase`: plain text, matched after normalisation · `pattern`: a regular expression over the normalised text. */
export const ZPhraseKind = z.enum(['phrase', 'pattern']);
export type TPhraseKind = z.infer<typeof ZPhraseKind>;

export const ZProhibitedPhrase = z.object({
  id: ZId,
  locale: ZLocale,
  category: ZPhraseCategory,
  kind: ZPhraseKind,
  text: z.string(),
  severity: ZPhraseSeverity,
  active: z.boolean(),
});
export type TProhibitedPhrase = z.infer<typeof ZProhibitedPhrase>;

export const ZProhibitedPhraseBody = z
  .object({
    locale: ZLocale,
    category: ZPhraseCategory,
    kind: ZPhraseKind.default('phrase'),
    text: z.string().trim().min(1).max(200),
    severity: ZPhraseSeverity.default('medium'),
    active: z.boolean().default(true),
  })
  .refine((p) => p.kind !== 'pattern' || compiles(p.text), { path: ['text'], message: 'not a valid regular expression' })
  .refine((p) => p.kind !== 'phrase' || normaliseForMatching(p.text).text.length > 0, {
    path: ['text'],
    message: 'the phrase has no letters',
  });
export type TProhibitedPhraseBody = z.input<typeof ZProhibitedPhraseBody>;

function compiles(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}

/** One prohibited phrase found in a text. */
export const ZPhraseMatch = z.object({
  phraseId: ZId,
  category: ZPhraseCategory,
  severity: ZPhraseSeverity,
  phrase: z.string(),
  /** The matched part of the original text, evasions included. */
  excerpt: z.string(),
});
export type TPhraseMatch = z.infer<typeof ZPhraseMatch>;

export const ZPhraseCheckBody = z.object({ text: z.string().max(4000) });

/** Characters dropped before matching: spaces, punctuation, symbols, invisible format characters. */
const IGNORED = /[\p{White_Space}\p{P}\p{S}\p{Cc}\p{Cf}]/u;

/**
 * NFKC (full-width → half-width, compatibility forms), lower case, and without the characters
 * people insert to dodge a filter ("不 耐 烦", "s-t-u-p-i-d"). `map[i]` is the index in the
 * original text of normalised character i, so a match can be shown as written.
 * @example normaliseForMatching('ＳＴＵ　ＰＩＤ！').text // 'stupid'
 */
export function normaliseForMatching(input: string): { text: string; map: number[] } {
  const map: number[] = [];
  return { text: normalise(input, map), map };
}

/** normaliseForMatching's text; the map only when asked for (a reply is matched without it, and most match nothing). */
function normalise(input: string, map?: number[]): string {
  let text = '';
  let i = 0;
  for (const ch of input) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) {
      // ASCII (most of what agents type): NFKC keeps it, and all of it but letters and digits is ignored.
      if ((code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a)) {
        text += ch;
        map?.push(i);
      } else if (code >= 0x41 && code <= 0x5a) {
        text += String.fromCharCode(code + 0x20);
        map?.push(i);
      }
      i += 1;
      continue;
    }
    if (code >= 0x4e00 && code <= 0x9fff) {
      // A CJK unified ideograph (most of the rest): NFKC and lower case keep it, and it is not ignored.
      text += ch;
      map?.push(i);
      i += 1;
      continue;
    }
    const norm = ch.normalize('NFKC').toLowerCase();
    for (const c of norm) {
      if (!IGNORED.test(c)) {
        text += c;
        map?.push(i);
      }
    }
    i += ch.length;
  }
  return text;
}

const LATIN = /[\p{Script=Latin}\p{N}]/u;

/**
 * Finds the active prohibited phrases of `phrases` in `text`. Works for Chinese (no word
 * boundaries needed), ignores width and inserted spaces/punctuation; a Latin phrase must start and
 * end on a word boundary of the original text so that "no" does not match inside "know".
 * @example matchProhibited('你 懂 不 懂', phrases) // [{ phrase: '你懂不懂', ... }]
 */
export function matchProhibited(text: string, phrases: readonly TProhibitedPhrase[]): TPhraseMatch[] {
  const normText = normalise(text);
  let map: number[] | undefined;
  const mapOf = () => (map ??= normaliseForMatching(text).map);
  const found: TPhraseMatch[] = [];
  for (const p of phrases) {
    if (!p.active) continue;
    const span = p.kind === 'pattern' ? findPattern(normText, p.text) : findPhrase(text, normText, mapOf, p.text);
    if (!span) continue;
    const at = mapOf();
    const start = at[span[0]] ?? 0;
    const last = at[span[1] - 1] ?? start;
    const end = last + (text.codePointAt(last)! > 0xffff ? 2 : 1);
    found.push({ phraseId: p.id, category: p.category, severity: p.severity, phrase: p.text, excerpt: text.slice(start, end) });
  }
  return found;
}

/** Normalised phrases and compiled patterns, by their text: the same few are matched against every reply. */
const needles = new Map<string, string>();
const patterns = new Map<string, RegExp | null>();
const remember = <V>(cache: Map<string, V>, key: string, make: () => V): V => {
  let v = cache.get(key);
  if (v === undefined && !cache.has(key)) {
    if (cache.size >= 1000) cache.clear();
    cache.set(key, (v = make()));
  }
  return v as V;
};

function findPhrase(original: string, text: string, mapOf: () => number[], phrase: string): [number, number] | null {
  const needle = remember(needles, phrase, () => normaliseForMatching(phrase).text);
  if (!needle) return null;
  const latinStart = LATIN.test(needle[0]!);
  const latinEnd = LATIN.test(needle[needle.length - 1]!);
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    const end = at + needle.length;
    const map = mapOf();
    const before = original[(map[at] ?? 0) - 1];
    const afterIndex = (map[end - 1] ?? 0) + 1;
    const after = original[afterIndex];
    const boundaryOk =
      (!latinStart || before === undefined || !LATIN.test(before)) && (!latinEnd || after === undefined || !LATIN.test(after));
    if (boundaryOk) return [at, end];
  }
  return null;
}

function findPattern(text: string, source: string): [number, number] | null {
  const re = remember(patterns, source, () => {
    try {
      return new RegExp(source, 'iu');
    } catch {
      return null;
    }
  });
  if (!re) return null;
  const m = re.exec(text);
  if (!m || m[0].length === 0) return null;
  return [m.index, m.index + m[0].length];
}

/** A sent agent message that matched prohibited phrases. */
export const ZMessageFlag = z.object({
  id: ZId,
  messageId: ZId,
  conversationId: ZId,
  agentId: ZId.nullable(),
  agentName: z.string().nullable(),
  category: ZPhraseCategory,
  severity: ZPhraseSeverity,
  phrase: z.string(),
  excerpt: z.string(),
  createdAt: ZTimestamp,
});
export type TMessageFlag = z.infer<typeof ZMessageFlag>;

// ---- QA review (质检) ----

export const ZCriterionKey = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/);
export const ZScorecardCriterion = z.object({
  key: ZCriterionKey,
  label: z.object({ 'zh-CN': z.string().trim().min(1).max(60), en: z.string().trim().min(1).max(60) }),
  /** Relative weight; the total score is the weighted mean scaled to 0–100. */
  weight: z.number().int().min(0).max(100),
});
export type TScorecardCriterion = z.infer<typeof ZScorecardCriterion>;
export const ZScorecardBody = z.object({
  criteria: z
    .array(ZScorecardCriterion)
    .min(1)
    .max(20)
    .refine((cs) => new Set(cs.map((c) => c.key)).size === cs.length, 'criterion keys must be unique')
    .refine((cs) => cs.some((c) => c.weight > 0), 'at least one criterion needs a weight'),
});
export type TScorecard = z.infer<typeof ZScorecardBody>;

/** Each criterion is scored 0–5. */
export const ZCriterionScore = z.number().int().min(0).max(5);
export const ZReviewBody = z.object({
  conversationId: ZId,
  scores: z.record(ZCriterionKey, ZCriterionScore),
  comment: z.string().trim().max(2000).default(''),
});
export type TReviewBody = z.input<typeof ZReviewBody>;

export const ZReview = z.object({
  id: ZId,
  conversationId: ZId,
  agentId: ZId,
  agentName: z.string(),
  reviewerId: ZId,
  reviewerName: z.string(),
  criteria: z.array(ZScorecardCriterion),
  scores: z.record(z.string(), z.number()),
  /** 0–100. */
  total: z.number(),
  comment: z.string(),
  createdAt: ZTimestamp,
});
export type TReview = z.infer<typeof ZReview>;

/** Why a conversation is in the review queue. */
export const ZReviewQueueItem = z.object({
  conversationId: ZId,
  agentId: ZId,
  agentName: z.string(),
  reason: z.enum(['flagged', 'sample']),
  flags: z.number().int(),
  resolvedAt: ZTimestamp.nullable(),
  lastMessageText: z.string().nullable(),
});
export type TReviewQueueItem = z.infer<typeof ZReviewQueueItem>;
