import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TeleworkBot } from '../../src/core/bot.js';
import { toReply } from '../../src/core/to-reply.js';
import { runFaqEval } from '../../src/eval/run-eval.js';
import { FaqMatcher } from '../../src/faq/matcher.js';
import type { FaqEntry } from '../../src/faq/model.js';
import { FaqEntryInputSchema, FaqEntrySchema } from '../../src/faq/schema.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { shippedKnowledgeDir } from '../../src/knowledge/paths.js';
import { renderReplyForTerminal } from '../../adapters/terminal/render.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A knowledge folder holding only faq/extra.yaml (read on top of the shipped one). */
function faqFolder(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'faq-test-'));
  made.push(dir);
  mkdirSync(join(dir, 'faq'));
  writeFileSync(join(dir, 'faq', 'extra.yaml'), yaml);
  return dir;
}

const entry = (over: Partial<FaqEntry> = {}): FaqEntry =>
  FaqEntrySchema.parse({
    id: 'test-entry',
    questions: ['テレワーク相談センターの所在地は?'],
    answer: 'テスト回答です。',
    source: { documentId: 'mhlw-telework-consultation-center', section: '相談の受け方と連絡先' },
    route: 'hr',
    ...over,
  });

describe('FAQ entry schema (the shape of the curator console body)', () => {
  it('accepts {questions, answer, source, route, escalate?}; a bare answer is the Japanese one', () => {
    const body = FaqEntryInputSchema.parse({ questions: ['措置率は?'], answer: '0.5です。', source: { documentId: 'special-allocation-tax' }, route: 'hr' });
    expect(body).toEqual({ questions: ['措置率は?'], answer: { ja: '0.5です。' }, source: { documentId: 'special-allocation-tax' }, route: 'hr', escalate: false });
    expect(FaqEntryInputSchema.parse({ ...body, answer: { ja: 'はい', en: 'Yes' }, escalate: true }).answer).toEqual({ ja: 'はい', en: 'Yes' });
  });
  it.each([
    [{ questions: [], answer: 'a', source: { documentId: 'x' }, route: 'hr' }, 'questions'],
    [{ questions: ['措置率は?'], answer: '', source: { documentId: 'x' }, route: 'hr' }, 'answer'],
    [{ questions: ['措置率は?'], answer: 'a', source: { documentId: 'Bad Id' }, route: 'hr' }, 'source'],
    [{ questions: ['措置率は?'], answer: 'a', source: { documentId: 'x' }, route: 'hr', extra: 1 }, ''],
  ])('refuses %o', (body, field) => {
    const r = FaqEntryInputSchema.safeParse(body);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path.join('.')).toContain(field);
  });
});

describe('knowledge check of FAQ entries', () => {
  it('the shipped entries cite existing sections and claim distinct question forms', async () => {
    const k = await loadKnowledge([shippedKnowledgeDir()]);
    expect(k.problems).toEqual([]);
    expect(k.faq.length).toBeGreaterThanOrEqual(10);
  });

  it('reports an unknown document, an unknown section, an unknown office and a question form claimed twice', async () => {
    const dir = faqFolder(`entries:
  - id: bad-doc
    questions: [存在しない資料の質問ですか?]
    answer: 回答
    source: { documentId: no-such-document }
    route: hr
  - id: bad-section
    questions: [存在しない節の質問ですか?]
    answer: 回答
    source: { documentId: special-allocation-tax, section: 存在しない節 }
    route: nowhere
  - id: duplicate-form
    questions: ["特別交付税措置の 措置率は？"]
    answer: 回答
    source: { documentId: special-allocation-tax }
    route: hr
`);
    const k = await loadKnowledge([shippedKnowledgeDir(), dir]);
    const lines = k.problems.map((p) => `${p.file} ${p.field}: ${p.message}`);
    expect(lines).toEqual([
      expect.stringMatching(/^faq\/extra\.yaml entries\[bad-doc\]\.source\.documentId: unknown document "no-such-document"/),
      expect.stringMatching(/entries\[bad-section\]\.source\.section: document "special-allocation-tax" has no section "存在しない節"/),
      expect.stringMatching(/entries\[bad-section\]\.route: unknown office "nowhere"/),
      expect.stringMatching(/entries\[duplicate-form\]\.questions\.0: question "特別交付税措置の 措置率は？" is also claimed by FAQ entry "special-tax-rate"/),
    ]);
    await expect(TeleworkBot.create({ knowledgeDirs: [dir] })).rejects.toThrow(/unknown document "no-such-document"/);
  });
});

describe('matching questions to FAQ entries', () => {
  let bot: TeleworkBot;
  beforeAll(async () => {
    bot = await TeleworkBot.create();
  });

  it('answers an entry before passages, cited like a passage, with its route', async () => {
    const { answer, detail } = await bot.ask('市町村のテレワークの導入率を教えて');
    expect(detail.faqId).toBe('adoption-rate-municipalities');
    expect(answer.answer).toBe(
      '令和5年10月1日現在、市区町村でテレワークを導入しているのは1,035団体(60.1%)で、前年の1,083団体(62.9%)から減少し、約4割の市区町村が未導入です。[1]',
    );
    expect(answer.citations).toEqual([
      { documentId: 'survey-telework-status', title: '地方公共団体におけるテレワークの取組状況調査(結果の要点)', section: '令和5年10月1日現在の導入状況', url: null },
    ]);
    expect([answer.route, answer.escalate, detail.kind]).toEqual(['hr', false, 'answer']);
  });

  it('answers with the entry of a synonym (在宅勤務 for テレワーク) and in English when asked in English', async () => {
    expect((await bot.ask('在宅勤務の相談センターの受付時間は?')).detail.faqId).toBe('consultation-center-hours');
    const en = await bot.ask('What is the special allocation tax rate for telework costs?');
    expect(en.detail.faqId).toBe('special-tax-rate');
    expect(en.answer.answer).toMatch(/^Costs of introducing telework .*of 0\.5;.*\[1\]$/);
    // An entry without English text answers in English with its Japanese text, introduced as such.
    const local = await TeleworkBot.create();
    local.faq.set(entry());
    const fallback = await local.ask('テレワーク相談センターの所在地は?', { lang: 'en' });
    expect([fallback.detail.faqId, fallback.answer.answer]).toEqual(['test-entry', 'From the Japanese sources: テスト回答です。[1]']);
  });

  it.each([
    '民間企業のテレワーク助成金はありますか',
    '住民票の写しの交付手数料はいくらですか',
    '令和4年の市区町村のテレワーク導入率は?',
    'テレワーク中の残業代は出ますか',
    '手引きの10のステップの名前は?',
    'LGWANの端末を家に持ち帰っていいですか',
  ])('does not take an unrelated or different question for an entry: %s', async (q) => {
    expect(bot.faq.match(q)).toBeNull();
    expect((await bot.ask(q)).detail.faqId).toBeUndefined();
  });

  it('leaves questions that need a person to the office (no FAQ answer)', async () => {
    const { answer, detail } = await bot.ask('特別交付税の措置率について総務省の担当者に確認したい');
    expect(detail.faqId).toBeUndefined();
    expect(answer.escalate).toBe(true);
  });

  it('entries can be added, replaced and removed at run time', async () => {
    const m = new FaqMatcher(bot.faq.entries(), bot.index.synonyms);
    const size = m.size;
    m.set(entry());
    expect(m.size).toBe(size + 1);
    expect(m.match('テレワーク相談センターの所在地を教えて')?.entry.id).toBe('test-entry');
    m.set(entry({ questions: ['テレワーク相談センターの建物はどこ?'] }));
    expect(m.size).toBe(size + 1);
    expect(m.match('テレワーク相談センターの所在地を教えて')).toBeNull();
    expect(m.remove('test-entry')).toBe(true);
    expect(m.remove('test-entry')).toBe(false);
    expect(m.get('test-entry')).toBeUndefined();
  });

  it('an entry that escalates proposes the office, and the bot uses entries changed at run time', async () => {
    const local = await TeleworkBot.create();
    local.faq.set(entry({ id: 'escalating', escalate: true, route: 'security', answer: { ja: '所在地は資料にありません。' } }));
    const { answer, detail } = await local.ask('テレワーク相談センターの所在地は?');
    expect(detail.faqId).toBe('escalating');
    expect([answer.route, answer.escalate, detail.kind]).toEqual(['security', true, 'escalation']);
    expect(answer.answer).toContain('担当窓口(住民制度課 デジタル基盤推進室)へのお問い合わせをご提案します');
    expect(answer.answer).toContain('lg-security@soumu.go.jp');
  });

  it("runs the entries' own question forms as regression cases (eval --faq)", async () => {
    const report = await runFaqEval(bot);
    expect(report.total).toBe(bot.faq.entries().reduce((s, e) => s + e.questions.length, 0));
    expect(report.results.filter((r) => r.failures.length > 0).map((r) => `${r.case.id}: ${r.failures.join('; ')}`)).toEqual([]);
  });
});

describe('secondary sources and "latest" questions', () => {
  let bot: TeleworkBot;
  beforeAll(async () => {
    bot = await TeleworkBot.create();
  });

  it('marks a passage from a secondary source in the answer, the citation and the rendered sources', async () => {
    const question = '三層の対策とは何ですか';
    const result = await bot.ask(question);
    const secondary = result.answer.citations.filter((c) => c.secondary === true);
    expect(secondary.map((c) => c.section)).toContain('三層の対策(二次情報)');
    expect(result.answer.answer).toMatch(/\[\d\]（二次資料）/);
    expect(renderReplyForTerminal(toReply(result, question, bot))).toMatch(/三層の対策\(二次情報\).*（二次資料）/);
    // Primary passages carry no mark.
    const primary = await bot.ask('特別交付税の対象経費は?');
    expect(primary.answer.citations.every((c) => c.secondary === undefined)).toBe(true);
  });

  it('adds a note that newer figures may exist when asked for the latest, and not otherwise', async () => {
    const latest = await bot.ask('最新の市区町村のテレワーク導入率は?');
    expect(latest.answer.answer).toContain('令和5年12月27日時点の資料に基づいています。その後、より新しい数値や情報が公表されている場合があります');
    const plain = await bot.ask('市区町村のテレワーク導入率は?');
    expect(plain.answer.answer).not.toContain('より新しい数値');
  });
});

describe('a question that asks for something else than a form', () => {
  it('scores lower against it, though it shares the topic words', () => {
    const m = new FaqMatcher([
      entry({ id: 'what', questions: ['事例集とは何ですか?'] }),
      entry({ id: 'which', questions: ['事例集にはどの団体が載っていますか?'] }),
    ]);
    const ranked = m.rank('事例集にはどこの団体が出ているの?');
    expect(ranked[0]!.entry.id).toBe('which');
    // The same words asking the same thing keep their similarity.
    expect(m.rank('事例集とは何ですか?')[0]!.score).toBe(1);
  });
  it('answers a share or rate asked with the entry that names the rate, not with what the rate applies to', async () => {
    const bot = await TeleworkBot.create();
    for (const q of ['What proportion of telework implementation expenditure is covered by the 特別交付税, i.e. what is the 措置率?', 'For telework PCs and licences, what share of the cost does the 特交 cover?']) {
      expect(bot.faq.rank(q)[0]!.entry.id, q).toBe('special-tax-rate');
      expect((await bot.ask(q)).answer.answer, q).toContain('0.5');
    }
    // What is covered is still the eligible costs.
    expect(bot.faq.match('特別交付税措置の対象になるのはどんな経費ですか?')?.entry.id).toBe('special-tax-eligible-costs');
  });
});
