import type { Answer } from '../core/answer.js';
import { normalizeForEval } from '../text/normalize.js';
import type { EvalCase } from './eval-case.js';

/** Why a case failed, in words a curator can act on; empty when it passed. */
export function judge(c: EvalCase, a: Answer): string[] {
  const why: string[] = [];
  const text = normalizeForEval(a.answer);
  if (c.facts && c.facts.length > 0) {
    for (const group of c.facts) {
      if (!group.some((alt) => text.includes(normalizeForEval(alt)))) why.push(`missing fact: ${group.join(' | ')}`);
    }
    if (a.citations.length === 0) why.push('no citation');
    if (a.outOfScope) why.push('marked out of scope');
  }
  if (c.cat === 'oos' && !a.outOfScope) why.push('expected outOfScope');
  if (c.route !== undefined) {
    const expected = c.route === 'none' ? null : c.route;
    if (a.route !== expected) why.push(`route ${String(a.route)} ≠ ${String(expected)}`);
  }
  if (c.escalate !== undefined && a.escalate !== c.escalate) why.push(`escalate ${a.escalate} ≠ ${c.escalate}`);
  for (const s of c.must_not ?? []) if (text.includes(normalizeForEval(s))) why.push(`contains forbidden "${s}"`);
  return why;
}
