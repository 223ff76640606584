import { stat } from 'node:fs/promises';
import { EvalFileError } from '../../eval/eval-case.js';
import { DEFAULT_OVERLAP_THRESHOLD, checkOverlap, formatOverlapReport } from '../../eval/overlap.js';
import { UsageError } from '../usage-error.js';

const USAGE = 'usage: telework-bot eval-overlap BLIND_FILE|DIR GATED_FILE|DIR… [--threshold 0.6]';

/** `telework-bot eval-overlap`: exit 1 when a blind question copies or nearly copies a gated one. */
export async function runEvalOverlapCommand(paths: string[], opts: { threshold?: string }): Promise<number> {
  const [blind, ...gated] = paths;
  if (blind === undefined || gated.length === 0) throw new UsageError(USAGE);
  const threshold = opts.threshold === undefined ? DEFAULT_OVERLAP_THRESHOLD : Number(opts.threshold);
  if (opts.threshold !== undefined && (opts.threshold.trim() === '' || !(threshold > 0 && threshold <= 1))) {
    throw new UsageError('--threshold must be a number above 0 and at most 1');
  }
  for (const p of paths) {
    try {
      await stat(p);
    } catch {
      throw new UsageError(`no such eval file or folder: ${p}`);
    }
  }
  let report;
  try {
    report = await checkOverlap(blind, gated, threshold);
  } catch (e) {
    // A malformed eval file is bad input: one line naming file and line.
    if (e instanceof EvalFileError) throw new UsageError(e.message);
    throw e;
  }
  if (report.blindCount === 0) throw new UsageError(`no eval cases in ${blind}`);
  process.stdout.write(`${formatOverlapReport(report)}\n`);
  return report.pairs.length > 0 ? 1 : 0;
}
