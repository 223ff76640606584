import { describe, expect, it } from 'vitest';
import { namedSchemes, namesOnlyUnknownSchemes } from '../../src/routing/named-schemes.js';
import { foldForMatch } from '../../src/text/synonyms.js';

const knowledge = foldForMatch('テレワーク導入経費について特別交付税措置(措置率0.5)を講ずる。');

describe('named support schemes', () => {
  it('finds proper scheme names and leaves general words out', () => {
    expect(namedSchemes(foldForMatch('キャリアアップ助成金とテレワーク補助金'))).toEqual(['キャリアアップ助成金']);
    expect(namedSchemes(foldForMatch('国の助成金はありますか'))).toEqual([]);
  });

  it.each(['雇用調整助成金の上限額は?', '震災復興交付金の対象は?', 'IT導入補助金で買えますか'])('not in the knowledge: %s', (q) => {
    expect(namesOnlyUnknownSchemes(foldForMatch(q), knowledge)).toBe(true);
  });

  it.each(['特別交付税の措置率は?', 'テレワークの補助金はある?', '特別交付税と普通交付税の違いは?'])('ours or general: %s', (q) => {
    expect(namesOnlyUnknownSchemes(foldForMatch(q), knowledge)).toBe(false);
  });
});

describe('a named agency\'s grant', () => {
  it('stands for a scheme the knowledge does not speak for, unless the knowledge names the agency', () => {
    expect(namedSchemes(foldForMatch('観光庁のワーケーション関係の補助金の公募はいつ?'))).toContain('観光庁');
    expect(namesOnlyUnknownSchemes(foldForMatch('経済産業省の補助金で機器を買えますか'), knowledge)).toBe(true);
    expect(namesOnlyUnknownSchemes(foldForMatch('総務省の交付金はありますか'), foldForMatch('総務省は特別交付税措置を講ずる'))).toBe(false);
    // 全庁 is the whole office, not an agency.
    expect(namedSchemes(foldForMatch('全庁の補助事業として進めたい'))).toEqual([]);
  });
});
