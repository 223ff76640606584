import { describe, expect, it } from 'vitest';
import {
  expandEraInitials,
  foldRomajiMacrons,
  halfAsNumber,
  kanjiNumbersAsDigits,
  expandEraYears,
  foldLoanwordHiragana,
  nfkc,
  normalizeForEval,
  stripThousandsSeparators,
  warekiToYear,
  yearToWareki,
} from '../../src/text/normalize.js';

describe('normalisation', () => {
  it('folds full-width ASCII and half-width katakana (NFKC)', () => {
    expect(nfkc('ﾘﾓｰﾄﾜｰｸ ＬＧＷＡＮ １２３')).toBe('リモートワーク LGWAN 123');
  });
  it('unifies dash-like characters so phone numbers compare equal', () => {
    expect(nfkc('03－5253－5546')).toBe('03-5253-5546');
    expect(nfkc('03ー5253')).not.toBe('03-5253'); // the long-vowel mark is not a dash
  });
  it('removes thousands separators between digits only', () => {
    expect(stripThousandsSeparators('1,102団体と12,345,678円、a,b')).toBe('1102団体と12345678円、a,b');
    expect(stripThousandsSeparators('1,02')).toBe('1,02');
  });
  it('folds hiragana loanwords to katakana but leaves grammar alone', () => {
    expect(foldLoanwordHiragana('てれわーくの相談')).toBe('テレワークの相談');
    expect(foldLoanwordHiragana('導入している')).toBe('導入している');
  });
  it('normalises for the eval exactly as shared/eval/README.md says', () => {
    expect(normalizeForEval('1,102 団体（６１．６％）')).toBe('1102団体(61.6%)');
    expect(normalizeForEval('LG-Security@Soumu.go.jp')).toBe('lg-security@soumu.go.jp');
  });
  it('converts between 和暦 and 西暦', () => {
    expect(warekiToYear('令和', 5)).toBe(2023);
    expect(warekiToYear('平成', 31)).toBe(2019);
    expect(yearToWareki(2024)).toEqual({ era: '令和', year: 6 });
    expect(yearToWareki(2000)).toEqual({ era: '平成', year: 12 });
  });
  it('adds the other calendar to year mentions in a query', () => {
    expect(expandEraYears('2024年度の措置')).toContain('令和6年');
    expect(expandEraYears('令和元年の調査')).toContain('2019年');
    expect(expandEraYears('措置率')).toBe('措置率');
  });
  it('writes out era initials staff type (R5, R6年度, H30, R5.3) and leaves other letters alone', () => {
    expect(expandEraInitials('R3とR5で比べたい')).toBe('令和3年と令和5年で比べたい');
    expect(expandEraInitials('来年度(R7)も')).toBe('来年度(令和7年)も');
    expect(expandEraInitials('R6年度の申請')).toBe('令和6年度の申請');
    expect(expandEraInitials('H30の調査')).toBe('平成30年の調査');
    expect(expandEraInitials('R5.3版のガイドライン')).toBe('令和5年3月版のガイドライン');
    expect(expandEraInitials('ＳＲ５とR2D2とWindows 10')).toBe('ＳＲ５とR2D2とWindows 10');
  });
});

describe('half as a number', () => {
  it('adds 0.5 beside "half" in a question about costs', () => {
    expect(halfAsNumber('経費の半分を国が持ってくれますか')).toBe('経費の半分(0.5)を国が持ってくれますか');
    expect(halfAsNumber('Does the state fund half of the cost?')).toBe('Does the state fund half(0.5) of the cost?');
  });

  it('leaves half of the staff or of the days alone', () => {
    expect(halfAsNumber('職員の半分が在宅勤務してもいいですか')).toBe('職員の半分が在宅勤務してもいいですか');
  });
});

describe('romaji long vowels', () => {
  it('match the plain letters', () => {
    expect(foldRomajiMacrons('tokubetsu kōfuzei, Sōmushō, chûô')).toBe('tokubetsu kofuzei, Somusho, chuo');
  });
});

describe('numbers in kanji', () => {
  it('are read as digits before a counter, as the knowledge writes them', () => {
    expect(kanjiNumbersAsDigits('職員二百五十人ほどの町')).toBe('職員250人ほどの町');
    expect(kanjiNumbersAsDigits('千百二団体って全体の何割')).toBe('1102団体って全体の何割');
    expect(kanjiNumbersAsDigits('令和五年十月一日時点')).toBe('令和5年10月1日時点');
    expect(kanjiNumbersAsDigits('措置率は五割、朝九時から')).toBe('措置率は5割、朝9時から');
    expect(kanjiNumbersAsDigits('二〇二三年')).toBe('2023年');
  });
  it('leave words that hold a numeral alone (一人ひとり, 一日中, 十分, 一般)', () => {
    for (const w of ['職員一人ひとり', '一日中', '十分です', '一般行政職', '三層の対策']) expect(kanjiNumbersAsDigits(w)).toBe(w);
  });
});
