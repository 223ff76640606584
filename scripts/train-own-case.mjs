#!/usr/bin/env node
// `npm run train:own-case`: retrains models/own-case.json from the development sets' labelled
// questions (escalate true/false). Only test/eval-dev is read: the gated and blind sets stay unseen
// by the model, so their scores still measure it on questions it was not trained on.
// `--check`: retrain in memory and exit 1 when the shipped file is not what the sets give (a set
// changed without retraining).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEvalFile } from '../dist/src/eval/eval-case.js';
import { trainOwnCaseModel } from '../dist/src/routing/own-case-model.js';
import { redactPersonalData } from '../dist/src/safety/redact.js';

const DIR = 'test/eval-dev';
const OUT = 'models/own-case.json';
// The bot judges a question with its personal data removed: the model learns from the same text.
const asked = (q) => redactPersonalData(q).text.replace(/\[[^\]]*削除\]/g, ' ');
const files = readdirSync(DIR).filter((f) => f.endsWith('.jsonl')).sort();
const examples = files.flatMap((f) =>
  parseEvalFile(readFileSync(join(DIR, f), 'utf8'), f)
    // Out-of-scope questions are refused before any hand-off is considered: they teach nothing here.
    .filter((c) => c.cat !== 'oos' && c.escalate !== undefined)
    .map((c) => ({ text: asked(c.q), own: c.escalate === true })),
);
const model = trainOwnCaseModel(examples, { files: files.map((f) => join(DIR, f)) });
const text = `${JSON.stringify(model)}\n`;
const { positives, negatives } = model.trainedOn;
if (process.argv.includes('--check')) {
  if (existsSync(OUT) && readFileSync(OUT, 'utf8') === text) {
    console.log(`${OUT} is current (${files.length} files, ${positives} hand-offs, ${negatives} other questions)`);
    process.exit(0);
  }
  console.error(`${OUT} is not what test/eval-dev gives: run npm run train:own-case and commit the result`);
  process.exit(1);
}
writeFileSync(OUT, text);
console.log(`${OUT}: ${Object.keys(model.weights).length} weights from ${files.length} files (${positives} hand-offs, ${negatives} other questions)`);
