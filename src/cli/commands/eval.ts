import { existsSync } from 'node:fs';
import { EvalFileError } from '../../eval/eval-case.js';
import { formatReport, runEval } from '../../eval/run-eval.js';
import { UsageError } from '../usage-error.js';
import { botFromEnv } from '../../core/bot-from-settings.js';

export async function runEvalCommand(paths: string[], opts: { min?: string; quiet: boolean; ifPresent?: boolean }): Promise<number> {
  if (paths.length === 0) throw new UsageError('usage: telework-bot eval FILE.jsonl|DIR [--min 0.9] [--if-present]');
  const min = opts.min === undefined ? undefined : Number(opts.min);
  if (min !== undefined && !(min >= 0 && min <= 1)) throw new UsageError('--min must be a number from 0 to 1');
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length > 0 && !opts.ifPresent) throw new UsageError(`eval file not found: ${missing[0]}`);
  // --if-present: an optional sample (../shared, outside a plain clone) is skipped with one line saying so.
  if (missing.length > 0) process.stdout.write(`eval: skipped ${missing.join(', ')} (not present)\n`);
  const present = paths.filter((p) => !missing.includes(p));
  if (present.length === 0) return 0;
  const bot = await botFromEnv();
  let report;
  try {
    report = await runEval(bot, present);
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
