#!/usr/bin/env node
// Answer identity check for engine changes that must not change any answer (performance work):
// asks every eval question (test/eval, ../shared/eval/dev.jsonl, test/eval-blind) and writes one
// hash per question of the whole Answer plus its detail (kind, sources, route reason; the random
// answerId left out). Questions are keyed by file and line only, so that comparing two snapshots
// never shows anyone a blind question or its answer.
//
//   node scripts/answers-snapshot.mjs [--synthetic N] [--out file] [--compare file]
//
// --synthetic N: answer from bench/synthetic-knowledge's N× knowledge instead of the shipped one
// (tie-breaks and caps matter more when there are many near-duplicate passages).
// Needs `npm run build` first.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const { TeleworkBot } = await import(join(root, 'dist', 'src', 'core', 'bot.js'));
const { shippedKnowledgeDir } = await import(join(root, 'dist', 'src', 'knowledge', 'paths.js'));
const { makeSyntheticKnowledge } = await import(join(root, 'dist', 'bench', 'synthetic-knowledge.js'));

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const factor = Number(option('--synthetic') ?? '1');
const out = option('--out');
const compare = option('--compare');

function evalFiles() {
  const files = [];
  for (const dir of [join(root, 'test', 'eval'), join(root, 'test', 'eval-blind')]) {
    if (existsSync(dir)) files.push(...readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().map((f) => join(dir, f)));
  }
  const dev = join(root, '..', 'shared', 'eval', 'dev.jsonl');
  if (existsSync(dev)) files.push(dev);
  return files;
}

const hash = (value) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

const kbDir = factor > 1 ? makeSyntheticKnowledge(shippedKnowledgeDir(), factor) : undefined;
const hashes = {};
try {
  const bot = await TeleworkBot.create(kbDir ? { baseKnowledgeDir: kbDir } : {});
  for (const file of evalFiles()) {
    const name = relative(root, file);
    const lines = readFileSync(file, 'utf8').split(/\r?\n/);
    for (const [i, line] of lines.entries()) {
      if (line.trim() === '') continue;
      const { answer, detail } = await bot.ask(JSON.parse(line).q);
      const { answerId: _random, ...stable } = detail;
      hashes[`${name}:${i + 1}`] = hash({ answer, detail: stable });
    }
  }
} finally {
  if (kbDir) rmSync(kbDir, { recursive: true, force: true });
}

const all = hash(hashes);
if (out) writeFileSync(out, `${JSON.stringify({ synthetic: factor, all, hashes }, null, 1)}\n`);
console.log(`${Object.keys(hashes).length} answers (knowledge ${factor}×), combined hash ${all}`);
if (compare) {
  const before = JSON.parse(readFileSync(compare, 'utf8')).hashes;
  const keys = new Set([...Object.keys(before), ...Object.keys(hashes)]);
  const differ = [...keys].filter((k) => before[k] !== hashes[k]);
  for (const k of differ) console.log(`differs: ${k}`);
  console.log(differ.length === 0 ? 'identical to the snapshot' : `${differ.length} of ${keys.size} answers differ`);
  process.exitCode = differ.length === 0 ? 0 : 1;
}
