import { existsSync } from 'node:fs';
import { EvalFileError } from '../../eval/eval-case.js';
import { type EvalReport, formatReport, runEval, runFaqEval } from '../../eval/run-eval.js';
import { UsageError } from '../usage-error.js';
import { botFromEnv } from '../../core/bot-from-settings.js';

export async function runEvalCommand(paths: string[], opts: { min?: string; quiet: boolean; ifPresent?: boolean; faq?: boolean }): Promise<number> {
  if (paths.length === 0 && !opts.faq) throw new UsageError('usage: telework-bot eval FILE.jsonl|DIR [--min 0.9] [--if-present] | eval --faq');
  const min = opts.min === undefined ? undefined : Number(opts.min);
  if (min !== undefined && !(min >= 0 && min <= 1)) throw new UsageError('--min must be a number from 0 to 1');
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length > 0 && !opts.ifPresent) throw new UsageError(`eval file not found: ${missing[0]}`);
  // --if-present: an optional sample (../shared, outside a plain clone) is skipped with one line saying so.
  if (missing.length > 0) process.stdout.write(`eval: skipped ${missing.join(', ')} (not present)\n`);
  const present = paths.filter((p) => !missing.includes(p));
  if (present.length === 0 && !opts.faq) return 0;
  const bot = await botFromEnv();
  let report: EvalReport;
  try {
    // --faq: the curated entries' own question forms (the files given, if any, are run as well).
    const files = present.length > 0 ? await runEval(bot, present) : null;
    report = opts.faq ? merge(await runFaqEval(bot), files) : (files as EvalReport);
  } catch (e) {
    // A bad line is bad input (exit 2 naming file and line), not a crash.
    if (e instanceof EvalFileError) throw new UsageError(e.message);
    throw e;
  }
  process.stdout.write(`${formatReport(report, { failures: !opts.quiet })}\n`);
  if (report.total === 0) {
    process.stderr.write('error: no eval cases found\n');
    return 1;
  }
  if (min !== undefined && report.score < min) {
    process.stderr.write(`eval score ${(report.score * 100).toFixed(1)}% is below --min ${(min * 100).toFixed(1)}%\n`);
    return 1;
  }
  return 0;
}

function merge(a: EvalReport, b: EvalReport | null): EvalReport {
  if (b === null) return a;
  const results = [...a.results, ...b.results];
  const passed = a.passed + b.passed;
  return { results, passed, total: results.length, score: results.length === 0 ? 0 : passed / results.length, byCategory: new Map([...a.byCategory, ...b.byCategory]) };
}
