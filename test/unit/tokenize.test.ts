import { describe, expect, it } from 'vitest';
import { bigramTokens, tokenize, wordTokens, wordTokensJoined } from '../../src/text/tokenize.js';

describe('tokenization', () => {
  it('segments Japanese into dictionary words and drops function words', () => {
    const words = wordTokens('テレワーク導入経費の特別交付税の措置率は');
    expect(words).toEqual(expect.arrayContaining(['導入', '経費', '特別', '交付', '措置', '率']));
    expect(words).not.toContain('の');
    expect(words).not.toContain('は');
  });
  it('adds character bigrams over kanji and katakana runs, so split compounds still match', () => {
    const grams = bigramTokens('テレワーク');
    expect(grams).toEqual(['~テレ', '~レワ', '~ワー', '~ーク']);
    expect(bigramTokens('の')).toEqual([]);
  });
  it('tokenizes the same text the same way whatever its width or case', () => {
    expect(tokenize('ﾃﾚﾜｰｸ　ＬＧＷＡＮ')).toEqual(tokenize('テレワーク LGWAN'));
  });
  it('handles English with stopwords removed and plurals folded', () => {
    expect(tokenize('Is there financial support for telework costs?')).toEqual(['financial', 'support', 'telework', 'cost']);
  });
  it('drops English clitics, function words and request verbs, and folds only real plurals', () => {
    expect(tokenize("What's the ministry's number? We're asking because it's urgent")).toEqual(['ministry', 'number', 'urgent']);
    expect(tokenize("I'd like to know the previous status")).toEqual(['previous', 'status']);
    expect(tokenize("Our team won't need the devices")).toEqual(['team', 'device']);
    // The letters of a name stay: the j of J-LIS.
    expect(tokenize('J-LIS')).toEqual(['j', 'lis']);
  });
  it('matches hiragana-typed loanwords to katakana', () => {
    expect(tokenize('てれわーく')).toEqual(expect.arrayContaining(['~テレ', '~ワー']));
  });
  it('never returns an empty or whitespace token', () => {
    for (const t of tokenize(' 。、!? ・ -- ')) expect(t.trim()).not.toBe('');
  });
});

describe('compounds split into single kanji', () => {
  const known = (pair: string) => ['庁内'].includes(pair);

  it('are one word again when the knowledge has them', () => {
    expect(wordTokens('庁内のファイル')).toEqual(['庁', '内', 'ファイル']);
    expect(wordTokensJoined('庁内のファイル', known)).toEqual(['庁内', 'ファイル']);
  });

  it('stay apart when the pair is unknown or not adjacent', () => {
    expect(wordTokensJoined('庁 内', known)).toEqual(['庁', '内']);
    expect(wordTokensJoined('国の手引き', known)).toEqual(wordTokens('国の手引き'));
  });
});
