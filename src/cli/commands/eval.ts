import { formatReport, runEval } from '../../eval/run-eval.js';
import { UsageError } from '../usage-error.js';
import { botFromEnv } from '../../core/bot-from-settings.js';

export async function runEvalCommand(paths: string[], opts: { min?: string; quiet: boolean }): Promise<number> {
  if (paths.length === 0) throw new UsageError('usage: telework-bot eval FILE.jsonl|DIR [--min 0.9]');
  const min = opts.min === undefined ? undefined : Number(opts.min);
  if (min !== undefined && !(min >= 0 && min <= 1)) throw new UsageError('--min must be a number from 0 to 1');
  const bot = await botFromEnv();
  const report = await runEval(bot, paths);
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
