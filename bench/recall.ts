/**
 * Retrieval recall@5 on the shipped knowledge and on synthetic knowledge 10× larger (where every
 * document has near-duplicate copies). For each eval question with facts, the gold passages are the
 * shipped (not synthetic) passages that hold every fact group; a question counts when one of them is
 * among the five passages the bot composes from. Questions whose facts no single passage holds are skipped.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { TeleworkBot } from '../src/core/bot.js';
import { parseEvalFile } from '../src/eval/eval-case.js';
import { packageRoot, shippedKnowledgeDir } from '../src/knowledge/paths.js';
import { normalizeForEval } from '../src/text/normalize.js';
import { makeSyntheticKnowledge } from './synthetic-knowledge.js';

const SYNTHETIC = /-syn\d+$/;

function cases(): { q: string; facts: string[][] }[] {
  const dir = join(packageRoot(), 'test', 'eval');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => parseEvalFile(readFileSync(join(dir, f), 'utf8'), f))
    .filter((c) => c.facts && c.facts.length > 0)
    .map((c) => ({ q: c.q, facts: c.facts! }));
}

export async function recallAt5(kbDir?: string): Promise<{ recall: number; counted: number }> {
  const bot = await TeleworkBot.create(kbDir ? { baseKnowledgeDir: kbDir } : {});
  const shipped = bot.index.chunks.filter((c) => !SYNTHETIC.test(c.documentId)).map((c) => ({ c, text: normalizeForEval(`${c.sectionPath.join(' ')} ${c.text}`) }));
  let counted = 0;
  let found = 0;
  for (const { q, facts } of cases()) {
    const gold = new Set(shipped.filter(({ text }) => facts.every((g) => g.some((alt) => text.includes(normalizeForEval(alt))))).map(({ c }) => c));
    if (gold.size === 0) continue;
    counted++;
    if (bot.retrieve(q, 5).hits.some((h) => gold.has(h.chunk))) found++;
  }
  return { recall: counted === 0 ? 0 : found / counted, counted };
}

if (process.argv[1]?.endsWith('recall.js')) {
  const one = await recallAt5();
  const dir = makeSyntheticKnowledge(shippedKnowledgeDir(), 10);
  try {
    const ten = await recallAt5(dir);
    console.log(`recall@5 over ${one.counted} eval questions with facts: shipped ${one.recall.toFixed(3)}, synthetic 10× ${ten.recall.toFixed(3)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
