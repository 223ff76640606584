import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type LabelledQuestion, LearnedFormsSchema, learnQuestionForms, shippedLearnedForms } from '../../src/answer/learned-forms.js';
import { TeleworkBot } from '../../src/core/bot.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { redactPersonalData } from '../../src/safety/redact.js';

const MINI = fileURLToPath(new URL('../fixtures/knowledge-mini', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const COSTS = '対象経費には、ICT機器の導入費用やソフトウェア費用が含まれます。';
const RATE = 'テレワークの導入に係る経費には、令和6年度も特別交付税措置(措置率0.5)が講じられます。';

async function miniDocuments() {
  return (await loadKnowledge([MINI])).documents;
}

describe('learned question forms (models/learned-forms.json)', () => {
  it('attaches a question to the sentence that states its facts, and learns nothing from hand-offs, refusals or vague facts', async () => {
    const questions: LabelledQuestion[] = [
      { q: 'ノートパソコン代も面倒を見てもらえる?', cat: 'paraphrase', facts: [['ICT機器']] },
      // Two facts, one sentence states both.
      { q: '国の持ち分はどれだけ、いつまで?', cat: 'fact', facts: [['0.5'], ['令和6年度']] },
      // Personal data is removed before a question is kept.
      { q: '090-1234-5678の佐藤です。ソフト代も対象ですか', cat: 'adversarial', facts: [['ソフトウェア']] },
      // The office settles it, or it is not ours: no sentence answers.
      { q: 'うちのノートパソコン代はいくら出ますか', cat: 'escalate', facts: [['ICT機器']], escalate: true },
      { q: '民間の補助金は?', cat: 'oos' },
      // A fact no sentence states, and one many sentences state (テレワーク): no evidence for any one sentence.
      { q: 'なにそれ', cat: 'fact', facts: [['存在しない語']] },
      { q: 'テレワークって何?', cat: 'fact', facts: [['テレワーク']] },
    ];
    const asked = (q: string) => redactPersonalData(q).text;
    const learned = learnQuestionForms(await miniDocuments(), questions, ['x.jsonl'], { asked, maxSentences: 1 });
    expect(LearnedFormsSchema.parse(learned)).toEqual(learned);
    expect(learned.trainedOn).toEqual({ files: ['x.jsonl'], questions: 3 });
    const bySentence = Object.fromEntries(learned.sentences.map((s) => [s.match, s.forms]));
    expect(Object.keys(bySentence).sort()).toEqual([COSTS, RATE].sort());
    expect(bySentence[COSTS]).toHaveLength(2);
    expect(bySentence[COSTS]![0]).toBe('ノートパソコン代も面倒を見てもらえる?');
    expect(bySentence[COSTS]![1]).not.toContain('090-1234-5678');
    expect(bySentence[RATE]).toEqual(['国の持ち分はどれだけ、いつまで?']);
  });

  it('lets the composer answer a question worded as staff asked for a sentence, without showing the forms', async () => {
    const question = '特別交付税って、パソコン代まで面倒見てくれるの?';
    const learnedForms = { version: 1 as const, trainedOn: { files: [], questions: 1 }, sentences: [{ document: 'mini-support', match: COSTS, forms: ['ノートパソコンを買う代金も面倒を見てもらえる?'] }] };
    const without = await TeleworkBot.create({ baseKnowledgeDir: MINI, learnedForms: null });
    const withForms = await TeleworkBot.create({ baseKnowledgeDir: MINI, learnedForms });
    expect((await without.ask(question)).answer.answer).not.toContain('ICT機器');
    const { answer } = await withForms.ask(question);
    expect(answer.escalate).toBe(false);
    expect(answer.answer).toContain('ICT機器');
    expect(answer.answer).not.toContain('面倒を見て');
    // Passage ranking does not read them: the index searches the curated forms only.
    const chunk = withForms.index.chunks.find((c) => c.text.includes('ICT機器'))!;
    expect(chunk.learnedForms).toHaveLength(1);
    expect(chunk.forms ?? []).toEqual([]);
  });

  it('prefers the sentence whose forms the question resembles, even when its concepts name neither sentence', async () => {
    const learnedForms = { version: 1 as const, trainedOn: { files: [], questions: 1 }, sentences: [{ document: 'mini-support', match: COSTS, forms: ['国はどこまで面倒を見てくれるの?ノートパソコンとか'] }] };
    const bot = await TeleworkBot.create({ baseKnowledgeDir: MINI, learnedForms });
    const { answer } = await bot.ask('特別交付税、国はどこまで面倒を見てくれるの?');
    expect(answer.answer.startsWith('対象経費には')).toBe(true);
  });

  it('ships forms learned from the development sets only, current with them', () => {
    const shipped = shippedLearnedForms();
    expect(shipped).not.toBeNull();
    expect(shipped!.sentences.length).toBeGreaterThan(50);
    expect(shipped!.trainedOn.files.every((f) => f.startsWith('test/eval-dev/'))).toBe(true);
    const run = spawnSync(process.execPath, ['scripts/train-models.mjs', '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stdout).toContain('models/learned-forms.json is current');
  });
});
