import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runEvalOverlapCommand } from '../../src/cli/commands/eval-overlap.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { checkOverlap, findOverlaps, normalizeForOverlap, questionSimilarity } from '../../src/eval/overlap.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const c = (id: string, q: string) => ({ file: 'x.jsonl', id, q });
const line = (id: string, q: string) => JSON.stringify({ id, cat: 'fact', q });

describe('overlap measure', () => {
  it('normalises like the judge (NFKC, lower case, no white space) and ignores punctuation', () => {
    expect(normalizeForOverlap('ＬＧＷＡＮ の 申込締切日は？')).toBe(normalizeForOverlap('lgwanの申込締切日は?'));
    expect(normalizeForOverlap('ﾃﾚﾜｰｸ、導入率。')).toBe('テレワーク導入率');
  });

  it('scores copies 1, near copies high and different questions low', () => {
    expect(questionSimilarity('テレワーク相談センターの受付時間は?', 'テレワーク相談センターの受付時間は ？')).toBe(1);
    const near = questionSimilarity('国家公務員の在宅勤務等手当はいつから施行されていますか', '国家公務員の在宅勤務等手当の規則はいつから施行されていますか。');
    expect(near).toBeGreaterThanOrEqual(0.6);
    expect(near).toBeLessThan(1);
    expect(questionSimilarity('特別交付税の措置率は?', '明日の東京の天気を教えて')).toBeLessThan(0.2);
  });

  it('flags exact and near copies, names the pairs, and leaves reworded questions alone', () => {
    const gated = [c('g1', '自治体テレワーク推進実証実験の申込締切日はいつでしたか'), c('g2', 'What is the phone number of the Telework Consultation Center?')];
    const blind = [
      c('b-exact', '自治体テレワーク推進実証実験の申込締切日は、いつでしたか？'),
      c('b-near', "What's the phone number of the telework consultation center?"),
      c('b-own', 'J-LISの実証実験、令和2年の募集はいつまで申し込めた?'),
    ];
    const pairs = findOverlaps(blind, gated, 0.6);
    expect(pairs.map((p) => [p.blind.id, p.gated.id, p.exact])).toEqual([
      ['b-exact', 'g1', true],
      ['b-near', 'g2', false],
    ]);
    expect(pairs[1]!.similarity).toBeGreaterThanOrEqual(0.6);
  });
});

describe('telework-bot eval-overlap', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'eval-overlap-'));
    await writeFile(join(dir, 'gated.jsonl'), [line('g1', '市区町村のテレワーク導入率を教えてください'), line('g2', 'テレワーク相談センターの電話番号は?')].join('\n'));
    await writeFile(join(dir, 'copied.jsonl'), [line('b1', '市区町村のテレワーク導入率を教えてください。'), line('b2', '相談センターの受付は何時まで?')].join('\n'));
    await writeFile(join(dir, 'clean.jsonl'), line('b3', '政令市とか県で、まだテレワーク入れてないところってあるの?'));
    await mkdir(join(dir, 'bad'));
    await writeFile(join(dir, 'bad', 'broken.jsonl'), '{"id":"x","cat":"fact"');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function cli(args: string[], threshold?: string): Promise<{ code: number; out: string }> {
    let out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    try {
      return { code: await runEvalOverlapCommand(args, { threshold }), out };
    } finally {
      spy.mockRestore();
    }
  }

  it('exits 1 and prints the pair when a blind question copies a gated one', async () => {
    const r = await cli([join(dir, 'copied.jsonl'), join(dir, 'gated.jsonl')]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/1\.00 {2}exact {2}.*copied\.jsonl#b1 .*gated\.jsonl#g1 /);
    expect(r.out).not.toContain('#b2');
    expect(r.out).toContain('overlap: 1 exact and 0 near copies');
  });

  it('exits 0 on a clean set, and the threshold is a flag', async () => {
    expect((await cli([join(dir, 'clean.jsonl'), join(dir, 'gated.jsonl')])).code).toBe(0);
    expect((await cli([join(dir, 'copied.jsonl'), join(dir, 'gated.jsonl')], '1')).code).toBe(1); // exact copies reach 1.0
    expect((await cli([join(dir, 'clean.jsonl'), dir], '0.01')).code).toBe(1); // a folder is read like `eval` reads it
  });

  it('bad usage is a one-line UsageError (exit 2)', async () => {
    await expect(cli([join(dir, 'clean.jsonl')])).rejects.toThrow(UsageError);
    await expect(cli([join(dir, 'nope.jsonl'), join(dir, 'gated.jsonl')])).rejects.toThrow(/no such eval file or folder: .*nope\.jsonl/);
    await expect(cli([join(dir, 'clean.jsonl'), join(dir, 'gated.jsonl')], 'abc')).rejects.toThrow(/--threshold/);
    await expect(cli([join(dir, 'clean.jsonl'), join(dir, 'gated.jsonl')], '0')).rejects.toThrow(/--threshold/);
    await expect(cli([join(dir, 'bad', 'broken.jsonl'), join(dir, 'gated.jsonl')])).rejects.toThrow(/broken\.jsonl:1: not valid JSON/);
  });
});

describe("the project's blind set", () => {
  it('test/eval-blind/ has no copy or near copy of a gated question (test/eval/, shared dev set)', async () => {
    const report = await checkOverlap(join(root, 'test/eval-blind'), [join(root, 'test/eval'), join(root, 'test/eval-dev'), join(root, '../shared/eval/dev.jsonl')]);
    expect(report.blindCount).toBeGreaterThan(100);
    expect(report.gatedCount).toBeGreaterThan(500);
    expect(report.pairs.map((p) => `${p.blind.id} ~ ${p.gated.id} (${p.similarity.toFixed(2)})`)).toEqual([]);
    // Every pair of some 3,000 blind and 5,000 other questions: about 20 s on this machine's two cores.
  }, 120_000);
});
