import { z } from 'zod';

/** One line of an eval file (shared/eval/README.md). */
export const EvalCaseSchema = z.object({
  id: z.string().min(1),
  cat: z.string().min(1),
  q: z.string(),
  facts: z.array(z.array(z.string().min(1)).min(1)).optional(),
  route: z.enum(['hr', 'security', 'none']).or(z.string().min(1)).optional(),
  escalate: z.boolean().optional(),
  must_not: z.array(z.string().min(1)).optional(),
});
export type EvalCase = z.infer<typeof EvalCaseSchema>;

export class EvalFileError extends Error {}

/** Parses JSONL; a bad line stops with its file and line number (an eval must not silently shrink). */
export function parseEvalFile(text: string, file: string): EvalCase[] {
  const cases: EvalCase[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (e) {
      throw new EvalFileError(`${file}:${i + 1}: not valid JSON (${(e as Error).message})`);
    }
    const parsed = EvalCaseSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new EvalFileError(`${file}:${i + 1}: ${issue.path.join('.') || 'case'}: ${issue.message}`);
    }
    cases.push(parsed.data);
  });
  return cases;
}
