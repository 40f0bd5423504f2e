import { describe, expect, it } from 'vitest';
import { matchProhibited, normaliseForMatching, type TProhibitedPhrase } from './quality';

let n = 0;
const phrase = (text: string, kind: 'phrase' | 'pattern' = 'phrase', locale: 'zh-CN' | 'en' = 'zh-CN'): TProhibitedPhrase => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  locale,
  category: 'impatient',
  kind,
  text,
  severity: 'medium',
  active: true,
});
const found = (text: string, list: TProhibitedPhrase[]) => matchProhibited(text, list).map((m) => m.excerpt);

describe('prohibited phrase matching', () => {
  it('finds a Chinese phrase inside a sentence without word boundaries', () => {
    expect(found('我已经说过了，请您自己看一下', [phrase('我已经说过了')])).toEqual(['我已经说过了']);
  });

  it('sees through inserted spaces, punctuation and zero-width characters, and shows the text as written', () => {
    const list = [phrase('你懂不懂')];
    expect(found('你 懂 不 懂啊', list)).toEqual(['你 懂 不 懂']);
    expect(found('你，懂·不*懂', list)).toEqual(['你，懂·不*懂']);
    expect(found('你\u200b懂不\u200d懂', list)).toEqual(['你\u200b懂不\u200d懂']);
  });

  it('treats full-width and half-width forms alike, and ignores case', () => {
    expect(found('ＨＵＲＲＹ ＵＰ please', [phrase('hurry up', 'phrase', 'en')])).toEqual(['ＨＵＲＲＹ ＵＰ']);
    expect(found('Hurry   Up!', [phrase('ｈｕｒｒｙ ｕｐ', 'phrase', 'en')])).toEqual(['Hurry   Up']);
    expect(normaliseForMatching('ＳＴＵ　ＰＩＤ！').text).toBe('stupid');
  });

  it('keeps Chinese as written and maps every kept character back to where it was written', () => {
    // Ideographs, a compatibility ideograph (NFKC changes it), full-width Latin, an astral character.
    expect(normaliseForMatching('您好，請稍等 ＯＫ 😀吧')).toEqual({ text: '您好請稍等ok吧', map: [0, 1, 3, 4, 5, 7, 8, 12] });
    expect(normaliseForMatching('\uf900').text).toBe('\u8c48');
    expect(found('好的，你 懂 不 懂？😀', [phrase('你懂不懂')])).toEqual(['你 懂 不 懂']);
  });

  it('catches spelled-out English evasions but not a phrase inside a longer word', () => {
    const list = [phrase('impossible', 'phrase', 'en')];
    expect(found('that is i m p o s s i b l e', list)).toEqual(['i m p o s s i b l e']);
    expect(found('that is i-m-p-o-s-s-i-b-l-e.', list)).toEqual(['i-m-p-o-s-s-i-b-l-e']);
    expect(found('mission impossibleness', list)).toEqual([]);
    expect(found('I know', [phrase('no', 'phrase', 'en')])).toEqual([]);
  });

  it('matches admin patterns against the normalised text and skips inactive phrases', () => {
    expect(found('你 烦 不 烦 啊', [phrase('烦不?烦', 'pattern')])).toEqual(['烦 不 烦']);
    expect(found('烦不烦', [{ ...phrase('烦不烦'), active: false }])).toEqual([]);
    expect(found('一切正常，祝您愉快', [phrase('不可能'), phrase('烦不?烦', 'pattern')])).toEqual([]);
  });
});
