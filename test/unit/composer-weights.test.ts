import { describe, expect, it } from 'vitest';
import { composeExtractive } from '../../src/answer/extractive-composer.js';
import type { KnowledgeChunk } from '../../src/knowledge/model.js';
import { KnowledgeIndex } from '../../src/retrieval/knowledge-index.js';

const chunk = (n: number, section: string, text: string): KnowledgeChunk => ({
  id: `doc#${n}`,
  documentId: 'doc',
  title: 'テスト用の資料',
  section,
  sectionPath: [section],
  text,
  url: null,
  issued: null,
  issuedWareki: null,
  page: null,
  kind: 'guideline',
  tags: [],
  office: null,
  secondary: false,
});

describe('sentence choice weights (measured on the development sets)', () => {
  it('gives a sentence no bonus for a bare digit when the question says 何 but asks for no figure', () => {
    const index = KnowledgeIndex.build(
      [
        // The first sentence lacks only 職員, a word every passage has: a digit bonus would put it first.
        chunk(0, '導入の進め方', '小規模な団体の導入は、令和5年度に100団体が始めました。小規模な団体の導入は、職員ができる業務から始めます。'),
        chunk(1, '別の話題', '職員の休暇の取得は、所属長に申請します。'),
      ],
      [],
    );
    const analysis = index.analyze('小規模な団体の導入は、職員が何から始めればよいですか');
    const c = composeExtractive(analysis, index.search(analysis, 5), { maxSentences: 1 });
    expect(c.parts[0]!.sentences).toEqual(['小規模な団体の導入は、職員ができる業務から始めます。']);
  });
});
