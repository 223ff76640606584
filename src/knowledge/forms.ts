import { splitSentences } from '../text/sentences.js';
import type { KnowledgeDocument, KnowledgeProblem } from './model.js';
import type { QuestionForms } from './schema.js';

/**
 * Attach question forms (forms/*.yaml) to their documents' sentences. Each entry names its sentence by a
 * fragment that must occur in exactly one sentence of the document: a form on the wrong sentence would
 * steer answers to it, so an ambiguous or stale fragment is a problem, not a guess.
 */
export function attachForms(documents: KnowledgeDocument[], files: { forms: QuestionForms; file: string }[]): KnowledgeProblem[] {
  const problems: KnowledgeProblem[] = [];
  const byId = new Map(documents.map((d) => [d.meta.id, d]));
  files.forEach(({ forms, file }) => {
    const doc = byId.get(forms.document);
    if (doc === undefined) {
      problems.push({ file, field: 'document', message: `no document with id "${forms.document}"` });
      return;
    }
    const sentences = doc.sections.flatMap((s) => splitSentences(s.text));
    const seen = new Set<string>();
    forms.sentences.forEach((entry, i) => {
      const field = `sentences.${i}.match`;
      const found = sentences.filter((s) => s.includes(entry.match)).length;
      if (found !== 1) {
        const where = found === 0 ? 'no sentence' : `${found} sentences`;
        problems.push({ file, field, message: `"${entry.match}" occurs in ${where} of ${forms.document} (it must name exactly one)` });
        return;
      }
      if (seen.has(entry.match)) {
        problems.push({ file, field, message: `"${entry.match}" is given twice` });
        return;
      }
      seen.add(entry.match);
      (doc.forms ??= []).push({ match: entry.match, forms: [...entry.ja, ...entry.en] });
    });
  });
  return problems;
}
