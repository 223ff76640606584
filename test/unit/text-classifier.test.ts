import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { TeleworkBot } from '../../src/core/bot.js';
import { classifierFeatures, TextClassifier, trainTextClassifier } from '../../src/routing/text-classifier.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

// A toy corpus: stories of one's own situation against plain questions about the rules.
const TOY = [
  { text: '私の端末が壊れてしまいました', positive: true },
  { text: '私の申請が却下されてしまいました', positive: true },
  { text: '私の手当が減ってしまいました', positive: true },
  { text: '私のパスワードを入力してしまいました', positive: true },
  { text: '導入率は何%ですか', positive: false },
  { text: '措置率は何%ですか', positive: false },
  { text: '通知の日付は何日ですか', positive: false },
  { text: '手引きは何ステップですか', positive: false },
];

describe('text classifier: training', () => {
  it('learns from its examples and generalises to an unseen sentence of each kind', () => {
    const model = new TextClassifier(trainTextClassifier(TOY));
    expect(model.probability('私のスマホを落としてしまいました')).toBeGreaterThan(0.5);
    expect(model.probability('実施率は何%ですか')).toBeLessThan(0.5);
    expect(model.signals('私のスマホを落としてしまいました')).toContain('私');
  });

  it('is deterministic: the same examples give the same file', () => {
    expect(JSON.stringify(trainTextClassifier(TOY))).toBe(JSON.stringify(trainTextClassifier(TOY)));
  });

  it('needs examples of both kinds', () => {
    expect(() => trainTextClassifier(TOY.filter((e) => e.positive))).toThrow(/both classes/);
  });

  it('reads a question folded as the knowledge is matched (width and case)', () => {
    expect(classifierFeatures('ＶＰＮが')).toEqual(classifierFeatures('vpnが'));
  });

  it('refuses a file that is not a model, saying what is wrong', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'classifier-')), 'model.json');
    writeFileSync(file, JSON.stringify({ version: 1, bias: 0, weights: {} }));
    expect(() => TextClassifier.fromFile(file)).toThrow(/not a text classifier: .*ngrams/);
    expect(() => new TextClassifier(trainTextClassifier(TOY)).threshold('keep')).toThrow(/no "keep" threshold/);
  });

  it('ships the models that the development sets give (retrained after any change to them)', () => {
    const run = spawnSync(process.execPath, ['scripts/train-models.mjs', '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

// Questions written for this test, not taken from an eval set.
describe('own-case model in the bot', () => {
  let withModel: TeleworkBot;
  let signalsOnly: TeleworkBot;
  beforeAll(async () => {
    [withModel, signalsOnly] = await Promise.all([TeleworkBot.create(), TeleworkBot.create({ ownCaseModel: null, scopeModel: null })]);
  });

  it.each([
    ['先週から在宅勤務に切り替えたのですが、自宅の回線が遅くてVPNが何度も切れてしまい、仕事になりません。', 'security'],
    ['育児中で週3日の在宅勤務を申請したのですが、まだ返事がありません。手当も付くのか気になっています。', 'hr'],
  ])('hands a story the signals miss to the owning office: %s', async (q, office) => {
    expect((await signalsOnly.ask(q)).answer.escalate).toBe(false);
    const { answer } = await withModel.ask(q);
    expect(answer).toMatchObject({ escalate: true, route: office, outOfScope: false });
  });

  it('answers a general question the signals took for a case (which version to use)', async () => {
    const q = '当市のポリシー改定で参照する総務省のガイドラインは、令和5年3月版のままで大丈夫ですか';
    expect((await signalsOnly.ask(q)).answer.escalate).toBe(true);
    const { answer } = await withModel.ask(q);
    expect(answer.escalate).toBe(false);
    expect(answer.answer).toContain('令和6年10月');
    expect(answer.answer).not.toContain('個別の判断が必要');
  });

  it('leaves general questions and topics outside the knowledge as they were', async () => {
    for (const q of ['テレワークの導入率を知りたいのですが、小規模団体だとどれくらいですか', '昨日から家の冷蔵庫が冷えなくなってしまい、困っています。']) {
      const [a, b] = await Promise.all([withModel.ask(q), signalsOnly.ask(q)]);
      expect({ escalate: a.answer.escalate, outOfScope: a.answer.outOfScope }).toEqual({ escalate: b.answer.escalate, outOfScope: b.answer.outOfScope });
    }
    expect((await withModel.ask('昨日から家の冷蔵庫が冷えなくなってしまい、困っています。')).answer.outOfScope).toBe(true);
  });
});

describe('scope model in the bot', () => {
  let withModel: TeleworkBot;
  let listsOnly: TeleworkBot;
  beforeAll(async () => {
    [withModel, listsOnly] = await Promise.all([TeleworkBot.create(), TeleworkBot.create({ scopeModel: null })]);
  });

  it('keeps a telework question that an off-topic word in its background would have refused', async () => {
    const q = '戸籍や住民票の担当が多いので、在宅勤務の対象から個人情報を扱う仕事を外すか迷っています。そういう決まりを置いている市の例を知りたいです';
    expect((await listsOnly.ask(q)).answer.outOfScope).toBe(true);
    const { answer } = await withModel.ask(q);
    expect(answer).toMatchObject({ outOfScope: false, route: 'hr' });
    expect(answer.answer).toContain('小美玉市');
  });

  it('still refuses what is not ours, and a company\'s telework however sure it is', async () => {
    for (const q of ['年末調整の書類を家でやりたいんだけど、持ち帰っていい?', 'うちの会社で使えるテレワークの補助金はありますか']) {
      expect((await withModel.ask(q)).answer.outOfScope, q).toBe(true);
    }
  });
});
