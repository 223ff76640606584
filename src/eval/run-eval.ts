import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Answer } from '../core/answer.js';
import type { TeleworkBot } from '../core/bot.js';
import { type EvalCase, parseEvalFile } from './eval-case.js';
import { judge } from './judge.js';

export interface CaseResult {
  file: string;
  case: EvalCase;
  answer: Answer;
  failures: string[];
}

export interface EvalReport {
  results: CaseResult[];
  passed: number;
  total: number;
  score: number;
  byCategory: Map<string, { passed: number; total: number }>;
}

/** The .jsonl files a path names: the file itself, or every .jsonl in a folder. */
export async function evalFiles(path: string): Promise<string[]> {
  const s = await stat(path);
  if (!s.isDirectory()) return [path];
  return (await readdir(path))
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => join(path, f));
}

export async function runEval(bot: TeleworkBot, paths: string[]): Promise<EvalReport> {
  const results: CaseResult[] = [];
  for (const path of paths) {
    for (const file of await evalFiles(path)) {
      for (const c of parseEvalFile(await readFile(file, 'utf8'), file)) {
        const { answer } = await bot.ask(c.q);
        results.push({ file, case: c, answer, failures: judge(c, answer) });
      }
    }
  }
  const byCategory = new Map<string, { passed: number; total: number }>();
  for (const r of results) {
    const row = byCategory.get(r.case.cat) ?? { passed: 0, total: 0 };
    row.total++;
    if (r.failures.length === 0) row.passed++;
    byCategory.set(r.case.cat, row);
  }
  const passed = results.filter((r) => r.failures.length === 0).length;
  return { results, passed, total: results.length, score: results.length === 0 ? 0 : passed / results.length, byCategory };
}

/**
 * The FAQ entries' own question forms as regression cases: each must be answered by its own entry,
 * with the entry's route and escalation. `entries`: a subset (the curator eval runs the stored ones).
 */
export async function runFaqEval(bot: TeleworkBot, entries = bot.faq.entries()): Promise<EvalReport> {
  const results: CaseResult[] = [];
  for (const entry of entries) {
    for (const [i, q] of entry.questions.entries()) {
      const c: EvalCase = { id: `faq:${entry.id}#${i + 1}`, cat: 'faq', q, route: entry.route, escalate: entry.escalate };
      const { answer, detail } = await bot.ask(q);
      const failures = judge(c, answer);
      if (detail.faqId !== entry.id) failures.unshift(`answered by ${detail.faqId ? `FAQ entry ${detail.faqId}` : 'passages'}, not FAQ entry ${entry.id}`);
      if (answer.citations.length === 0) failures.push('no citation');
      results.push({ file: 'faq', case: c, answer, failures });
    }
  }
  const passed = results.filter((r) => r.failures.length === 0).length;
  return {
    results,
    passed,
    total: results.length,
    score: results.length === 0 ? 0 : passed / results.length,
    byCategory: new Map(results.length === 0 ? [] : [['faq', { passed, total: results.length }]]),
  };
}

const pct = (p: number, t: number): string => (t === 0 ? '-' : `${((100 * p) / t).toFixed(1)}%`);

/** The per-category table, then the failures (id, question, why, the answer's start). */
export function formatReport(report: EvalReport, opts: { failures?: boolean } = {}): string {
  const lines = ['category      passed  total  score', '------------  ------  -----  ------'];
  for (const [cat, row] of [...report.byCategory.entries()].sort()) {
    lines.push(`${cat.padEnd(12)}  ${String(row.passed).padStart(6)}  ${String(row.total).padStart(5)}  ${pct(row.passed, row.total).padStart(6)}`);
  }
  lines.push('------------  ------  -----  ------');
  lines.push(`${'all'.padEnd(12)}  ${String(report.passed).padStart(6)}  ${String(report.total).padStart(5)}  ${pct(report.passed, report.total).padStart(6)}`);
  if (opts.failures !== false) {
    const failed = report.results.filter((r) => r.failures.length > 0);
    if (failed.length > 0) lines.push('', `failures (${failed.length}):`);
    for (const r of failed) {
      lines.push(`- ${r.case.id} [${r.case.cat}] ${r.case.q}`);
      lines.push(`    ${r.failures.join('; ')}`);
      lines.push(`    → route=${String(r.answer.route)} escalate=${r.answer.escalate} oos=${r.answer.outOfScope} conf=${r.answer.confidence} ${r.answer.answer.replace(/\n/g, ' ').slice(0, 160)}`);
    }
  }
  // A plain closing line that any CI reads.
  lines.push('', `eval: ${report.passed} passed, ${report.total - report.passed} failed`);
  return lines.join('\n');
}
