/**
 * One benchmark run in its own process (so RSS is this knowledge base's alone):
 * builds the bot on a knowledge folder, answers every question, prints JSON.
 */
import { TeleworkBot } from '../src/core/bot.js';
import { benchQuestions } from './questions.js';
import { percentile, round } from './stats.js';

// '-' means the shipped knowledge.
const kbDir = process.argv[2] === '-' ? undefined : process.argv[2];
const rounds = Number(process.argv[3] ?? '5');

const t0 = performance.now();
const bot = await TeleworkBot.create(kbDir ? { baseKnowledgeDir: kbDir } : {});
// As the server does at start (serve.ts): the passages' sentences are prepared before the first question.
bot.prepare();
const buildMs = performance.now() - t0;
const questions = benchQuestions();
// Warm-up: the first calls pay for JIT compilation and lazy ICU data.
for (const q of questions.slice(0, 20)) await bot.ask(q);
const times: number[] = [];
const started = performance.now();
for (let r = 0; r < rounds; r++) {
  for (const q of questions) {
    const s = performance.now();
    await bot.ask(q);
    times.push(performance.now() - s);
  }
}
const elapsed = performance.now() - started;
process.stdout.write(
  JSON.stringify({
    chunks: bot.stats.chunks,
    documents: bot.stats.documents,
    vocabulary: bot.stats.vocabulary,
    buildMs: round(buildMs, 1),
    questions: times.length,
    p50Ms: round(percentile(times, 50), 3),
    p99Ms: round(percentile(times, 99), 3),
    perSecond: Math.round((times.length / elapsed) * 1000),
    peakRssMb: round(process.resourceUsage().maxRSS / 1024, 1),
  }) + '\n',
);
