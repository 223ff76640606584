import { foldForMatch } from '../text/synonyms.js';
import type { KnowledgeDocument } from '../knowledge/model.js';
import type { FaqEntry } from './model.js';

/** What an entry may cite: knowledge documents and their section headings. */
export interface CitableDocument {
  id: string;
  headings: string[];
}

/** The documents of a knowledge load as FAQ sources: ids and section headings. */
export const citableDocuments = (documents: KnowledgeDocument[]): CitableDocument[] =>
  documents.map((d) => ({ id: d.meta.id, headings: d.sections.flatMap((s) => (s.heading === null ? [] : [s.heading])) }));

export interface FaqProblem {
  file: string;
  field: string | null;
  message: string;
}

/** The form two question texts are compared in: folded, without spaces and punctuation. */
export const questionKey = (q: string): string => foldForMatch(q).replace(/[\s\p{P}\p{S}]+/gu, '');

/**
 * Problems of one entry against the knowledge: its source must name an existing document (and
 * section), its route an existing office. Used by the loader and for entries added at run time.
 */
export function entrySourceProblems(entry: FaqEntry, documents: CitableDocument[], officeIds: string[]): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  const doc = documents.find((d) => d.id === entry.source.documentId);
  if (doc === undefined) out.push({ field: 'source.documentId', message: `unknown document "${entry.source.documentId}"` });
  else if (entry.source.section !== undefined && !doc.headings.includes(entry.source.section)) {
    out.push({ field: 'source.section', message: `document "${doc.id}" has no section "${entry.source.section}"` });
  }
  if (!officeIds.includes(entry.route)) out.push({ field: 'route', message: `unknown office "${entry.route}" (not in contacts.yaml)` });
  return out;
}

/**
 * Every problem of a set of entries: sources and routes, duplicate ids, and question forms that
 * two entries (or one entry twice) claim.
 */
export function faqProblems(entries: { entry: FaqEntry; file: string }[], documents: CitableDocument[], officeIds: string[]): FaqProblem[] {
  const problems: FaqProblem[] = [];
  const ids = new Map<string, string>();
  const forms = new Map<string, { id: string; q: string }>();
  for (const { entry, file } of entries) {
    const at = (field: string): string => `entries[${entry.id}].${field}`;
    for (const p of entrySourceProblems(entry, documents, officeIds)) problems.push({ file, field: at(p.field), message: p.message });
    const other = ids.get(entry.id);
    if (other !== undefined) problems.push({ file, field: at('id'), message: `duplicate FAQ id "${entry.id}" (also in ${other})` });
    ids.set(entry.id, file);
    entry.questions.forEach((q, i) => {
      const key = questionKey(q);
      const claimed = forms.get(key);
      if (claimed !== undefined) {
        problems.push({ file, field: at(`questions.${i}`), message: `question "${q}" is also claimed by FAQ entry "${claimed.id}" ("${claimed.q}")` });
      } else forms.set(key, { id: entry.id, q });
    });
  }
  return problems;
}
