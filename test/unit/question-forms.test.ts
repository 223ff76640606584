import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { TeleworkBot } from '../../src/core/bot.js';
import { chunkDocuments } from '../../src/knowledge/chunker.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { KnowledgeIndex } from '../../src/retrieval/knowledge-index.js';

const MINI = fileURLToPath(new URL('../fixtures/knowledge-mini', import.meta.url));

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** The mini knowledge with the given forms files (name → YAML) in forms/. */
function miniWithForms(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kb-forms-'));
  made.push(dir);
  cpSync(MINI, dir, { recursive: true });
  mkdirSync(join(dir, 'forms'));
  for (const [name, yaml] of Object.entries(files)) writeFileSync(join(dir, 'forms', name), yaml);
  return dir;
}

const COSTS = `document: mini-support
sentences:
  - match: 対象経費には、ICT機器
    ja: [ノートパソコンを買う代金も面倒を見てもらえる?]
    en: [Are laptops we buy covered?]
`;

describe('question forms (forms/*.yaml)', () => {
  it('attaches forms to the one sentence their fragment names, in a file named like a special file too', async () => {
    const dir = miniWithForms({
      'mini-support.yaml': COSTS,
      // Named after its document: a forms file called contacts.yaml is not the offices file.
      'contacts.yaml': 'document: mini-contacts\nsentences:\n  - match: 情報セキュリティの問い合わせ先\n    en: [Who do I email about security?]\n',
    });
    const k = await loadKnowledge([dir]);
    expect(k.problems).toEqual([]);
    expect(k.contacts.offices.map((o) => o.id)).toEqual(['hr', 'security']);
    const chunks = await chunkDocuments(k.documents);
    const costs = chunks.find((c) => c.text.includes('ICT機器'))!;
    expect(costs.forms).toEqual([{ match: '対象経費には、ICT機器', forms: ['ノートパソコンを買う代金も面倒を見てもらえる?', 'Are laptops we buy covered?'] }]);
    expect(chunks.filter((c) => c.forms?.length).map((c) => c.documentId).sort()).toEqual(['mini-contacts', 'mini-support']);
  });

  it('refuses a fragment that names no sentence or several, an unknown document, a repeated fragment and an entry without forms', async () => {
    const dir = miniWithForms({
      'a.yaml': `document: mini-support
sentences:
  - match: 存在しない文
    ja: [x]
  - match: テレワーク
    ja: [y]
  - match: 措置率0.5
    ja: [z]
  - match: 措置率0.5
    ja: [w]
`,
      'c.yaml': 'document: mini-support\nsentences:\n  - match: 無料の相談\n    ja: []\n',
      'b.yaml': 'document: no-such-doc\nsentences:\n  - match: abc\n    ja: [x]\n',
    });
    const k = await loadKnowledge([dir]);
    const messages = k.problems.map((p) => `${p.file} ${p.field ?? ''} ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/forms\/a\.yaml sentences\.0\.match "存在しない文" occurs in no sentence of mini-support/),
        expect.stringMatching(/forms\/a\.yaml sentences\.1\.match "テレワーク" occurs in 2 sentences/),
        expect.stringMatching(/forms\/a\.yaml sentences\.3\.match "措置率0\.5" is given twice/),
        expect.stringMatching(/forms\/c\.yaml sentences\.0 .*at least one question form/),
        expect.stringMatching(/forms\/b\.yaml document no document with id "no-such-doc"/),
      ]),
    );
    await expect(TeleworkBot.create({ baseKnowledgeDir: dir })).rejects.toThrow(/forms\/b\.yaml/);
  });

  it('answers a question worded only as staff ask it with the sentence its forms name', async () => {
    const question = 'テレワークでノートパソコンを買う代金も面倒を見てもらえる?';
    const without = await TeleworkBot.create({ baseKnowledgeDir: MINI });
    const withForms = await TeleworkBot.create({ baseKnowledgeDir: miniWithForms({ 'mini-support.yaml': COSTS }) });
    expect((await without.ask(question)).answer.answer).not.toContain('ICT機器');
    const { answer } = await withForms.ask(question);
    expect(answer.outOfScope).toBe(false);
    expect(answer.answer).toContain('ICT機器');
    // Forms are searched, never shown.
    expect(answer.answer).not.toContain('面倒を見て');
  });

  it('finds a passage by its forms but never makes an off-topic question look covered', async () => {
    const k = await loadKnowledge([miniWithForms({ 'mini-support.yaml': COSTS })]);
    const index = KnowledgeIndex.build(await chunkDocuments(k.documents), k.synonyms.groups);
    const [hit] = index.search(index.analyze('laptops covered'));
    expect(hit!.chunk.text).toContain('ICT機器');
    expect(hit!.coverage).toBeGreaterThan(0.5);
    // The out-of-scope test weighs what the knowledge itself says: forms' words are not its vocabulary.
    expect(hit!.strictCoverage).toBe(0);
  });
});
