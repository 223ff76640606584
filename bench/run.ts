/**
 * `npm run bench`: cold start, per-question latency and throughput, index build time and
 * peak RSS on the shipped knowledge and on synthetic knowledge 10× and 100× larger.
 * Each measurement runs in a fresh process. Figures are medians unless named otherwise.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { packageRoot, shippedKnowledgeDir } from '../src/knowledge/paths.js';
import { recallAt5 } from './recall.js';
import { median, round } from './stats.js';
import { makeSyntheticKnowledge } from './synthetic-knowledge.js';

const root = packageRoot();
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const worker = join(root, 'dist', 'bench', 'core-worker.js');

function coldStartMs(runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    const r = spawnSync(process.execPath, [cli, 'ask', '--json', '特別交付税の措置率は?'], { encoding: 'utf8' });
    times.push(performance.now() - s);
    if (r.status !== 0) throw new Error(`cold start run failed: ${r.stderr}`);
  }
  return median(times);
}

function core(kbDir: string | null, rounds: number): Record<string, number> {
  const out = execFileSync(process.execPath, [worker, kbDir ?? '-', String(rounds)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').pop()!) as Record<string, number>;
}

/** Three runs of a worker, the median of each figure. */
function coreMedian(kbDir: string | null, rounds: number): Record<string, number> {
  const runs = [core(kbDir, rounds), core(kbDir, rounds), core(kbDir, rounds)];
  const keys = Object.keys(runs[0]!);
  return Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]!))]));
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
console.log(`machine: ${machine}`);
console.log(`cold start (process start → first answer, median of 7): ${round(coldStartMs(7), 0)} ms`);

const rows: [string, Record<string, number>][] = [['shipped (1×)', coreMedian(null, 5)]];
for (const factor of [10, 100]) {
  const dir = makeSyntheticKnowledge(shippedKnowledgeDir(), factor);
  try {
    rows.push([`synthetic ${factor}×`, coreMedian(dir, factor === 100 ? 1 : 3)]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log('');
console.log('knowledge       docs  chunks  vocab    build ms  p50 ms  p99 ms  answers/s  peak RSS MB');
for (const [name, r] of rows) {
  console.log(
    `${name.padEnd(14)} ${String(r.documents).padStart(5)} ${String(r.chunks).padStart(7)} ${String(r.vocabulary).padStart(6)} ${String(r.buildMs).padStart(10)} ${String(r.p50Ms).padStart(7)} ${String(r.p99Ms).padStart(7)} ${String(r.perSecond).padStart(10)} ${String(r.peakRssMb).padStart(12)}`,
  );
}
console.log('\n(one core: answering is single-threaded; medians of 3 worker processes; p50/p99 over all eval questions)');

// Retrieval quality as knowledge grows: near-duplicate copies must not crowd the originals out.
{
  const dir = makeSyntheticKnowledge(shippedKnowledgeDir(), 10);
  try {
    const one = await recallAt5();
    const ten = await recallAt5(dir);
    console.log(`recall@5 (${one.counted} eval questions with facts): shipped ${one.recall.toFixed(3)}, synthetic 10× ${ten.recall.toFixed(3)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const extra = [...(process.env.BENCH_SKIP_SERVER === '1' ? [] : ['server-bench.js']), ...(process.env.BENCH_SKIP_REMINDERS === '1' ? [] : ['reminders-bench.js']), ...(process.env.BENCH_SKIP_TICKETS === '1' ? [] : ['tickets-bench.js']), ...(process.env.BENCH_SKIP_LINEWORKS === '1' ? [] : ['lineworks-bench.js'])];
for (const file of extra) {
  const path = join(root, 'dist', 'bench', file);
  try {
    execFileSync(process.execPath, [path], { stdio: 'inherit' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') console.error(`${file}: ${(e as Error).message}`);
  }
}
