import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { packageRoot } from '../knowledge/paths.js';
import { foldForMatch } from '../text/synonyms.js';

/**
 * A learned second opinion on a yes/no question about a message: logistic regression over character
 * n-grams (1–3) of the folded text. Two ship in models/ (trained by `npm run train:models` on the
 * development sets only, so the gated and blind sets stay unseen by them):
 * - own-case.json: is this the asker's own case, which only the office can settle? The hand-written
 *   signals in own-case.ts cover the wordings they were written from; measured on development sets
 *   written later, the model carried over to new askers' wordings better (test/eval-dev/README.md).
 * - out-of-scope.json: is this outside the knowledge's subject? It keeps a question it is sure is ours
 *   from being refused by a word list (戸籍 in the background, a term the synonyms lack).
 */

export const TextClassifierSchema = z.object({
  version: z.literal(1),
  /** Shortest and longest character n-gram. */
  ngrams: z.tuple([z.number().int().min(1), z.number().int().min(1)]),
  bias: z.number(),
  // Checked entry by entry when the model is built (a schema per entry costs ~100 ms at start for 50,000).
  weights: z.custom<Record<string, number>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'an object of n-gram weights'),
  /** Decision thresholds on the probability, by use (chosen by leave-one-set-out runs). */
  thresholds: z.record(z.string(), z.number().min(0).max(1)),
  trainedOn: z.object({
    files: z.array(z.string()),
    positives: z.number().int().nonnegative(),
    negatives: z.number().int().nonnegative(),
  }),
});
export type TextClassifierData = z.infer<typeof TextClassifierSchema>;

export const NGRAMS: [number, number] = [1, 3];

/** The distinct character n-grams of a message, folded as the knowledge is matched (width, case, kana). */
export function classifierFeatures(text: string, [min, max]: [number, number] = NGRAMS): string[] {
  const t = foldForMatch(text).replace(/\s+/g, '');
  const grams = new Set<string>();
  for (let n = min; n <= max; n++) for (let i = 0; i + n <= t.length; i++) grams.add(t.slice(i, i + n));
  return [...grams];
}

export class TextClassifier {
  private readonly weights: Map<string, number>;

  constructor(readonly data: TextClassifierData) {
    this.weights = new Map();
    for (const g in data.weights) {
      const w = data.weights[g];
      if (typeof w !== 'number' || !Number.isFinite(w)) throw new Error(`the weight of "${g}" is not a number`);
      this.weights.set(g, w);
    }
  }

  /** A model shipped with the bot (models/<name>.json), validated. */
  static shipped(name: string): TextClassifier {
    return TextClassifier.fromFile(join(packageRoot(), 'models', `${name}.json`));
  }

  static fromFile(path: string): TextClassifier {
    const parsed = TextClassifierSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!parsed.success) throw new Error(`${path}: not a text classifier: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return new TextClassifier(parsed.data);
  }

  /** A named decision threshold of the model (a missing one is a broken model file). */
  threshold(name: string): number {
    const t = this.data.thresholds[name];
    if (t === undefined) throw new Error(`the model has no "${name}" threshold`);
    return t;
  }

  /** The probability of the positive class. */
  probability(text: string): number {
    const grams = classifierFeatures(text, this.data.ngrams);
    if (grams.length === 0) return 0;
    // Binary features, scaled so a long message weighs no more than a short one.
    const scale = 1 / Math.sqrt(grams.length);
    let z = this.data.bias;
    for (const g of grams) z += (this.weights.get(g) ?? 0) * scale;
    return 1 / (1 + Math.exp(-z));
  }

  /** The n-grams that pushed hardest towards the positive class, for logs and tests. */
  signals(text: string, count = 5): string[] {
    return classifierFeatures(text, this.data.ngrams)
      .map((g) => [g, this.weights.get(g) ?? 0] as const)
      .filter(([, w]) => w > 0)
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([g]) => g);
  }
}

export interface LabelledText {
  text: string;
  positive: boolean;
}

export interface TrainOptions {
  epochs?: number;
  learningRate?: number;
  l2?: number;
  /** Weights smaller than this are dropped from the file (they change no decision). */
  prune?: number;
  seed?: number;
  files?: string[];
  thresholds?: Record<string, number>;
}

/**
 * Trains a classifier by stochastic gradient descent, classes weighted to balance (the positive class is
 * the minority in both uses). Deterministic for a seed: the same examples give the same file.
 */
export function trainTextClassifier(examples: LabelledText[], opts: TrainOptions = {}): TextClassifierData {
  const { epochs = 15, learningRate = 0.5, l2 = 1e-5, prune = 1e-3, seed = 1 } = opts;
  const positives = examples.filter((e) => e.positive).length;
  const negatives = examples.length - positives;
  if (positives === 0 || negatives === 0) throw new Error('training needs examples of both classes');
  const data = examples.map((e) => ({ grams: classifierFeatures(e.text), y: e.positive ? 1 : 0 }));
  const classWeight = [examples.length / (2 * negatives), examples.length / (2 * positives)];
  const w = new Map<string, number>();
  let bias = 0;
  let state = seed >>> 0 || 1;
  const random = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = data.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [data[i], data[j]] = [data[j]!, data[i]!];
    }
    for (const { grams, y } of data) {
      if (grams.length === 0) continue;
      const scale = 1 / Math.sqrt(grams.length);
      let z = bias;
      for (const g of grams) z += (w.get(g) ?? 0) * scale;
      const gradient = (1 / (1 + Math.exp(-z)) - y) * classWeight[y]!;
      bias -= learningRate * gradient;
      for (const g of grams) {
        const old = w.get(g) ?? 0;
        w.set(g, old - learningRate * (gradient * scale + l2 * old));
      }
    }
  }
  const weights: Record<string, number> = {};
  for (const [g, v] of [...w].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    if (Math.abs(v) >= prune) weights[g] = Math.round(v * 1e4) / 1e4;
  }
  return {
    version: 1,
    ngrams: NGRAMS,
    bias: Math.round(bias * 1e4) / 1e4,
    weights,
    thresholds: opts.thresholds ?? {},
    trainedOn: { files: opts.files ?? [], positives, negatives },
  };
}
