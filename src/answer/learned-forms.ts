import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { KnowledgeChunk, KnowledgeDocument } from '../knowledge/model.js';
import { packageRoot } from '../knowledge/paths.js';
import { normalizeForEval } from '../text/normalize.js';
import { splitSentences } from '../text/sentences.js';

/**
 * Question forms learned from labelled questions (models/learned-forms.json, trained by
 * `npm run train:models` on the development sets only): each question whose answer key names facts is
 * attached to the knowledge sentence that states them. The composer reads them, like the curated forms,
 * when it chooses which sentences answer; passage ranking does not (measured: as ranking terms they
 * fixed as many questions as they broke, as sentence evidence they fixed more).
 * Why learned and not curated: the curated forms are a few per sentence; the development sets hold
 * thousands of ways staff ask, and on questions of a set the model was not trained on (leave-one-set-out)
 * the right sentence was chosen more often (test/eval-dev/README.md).
 */

export const LearnedFormsSchema = z.object({
  version: z.literal(1),
  trainedOn: z.object({ files: z.array(z.string()), questions: z.number().int().nonnegative() }),
  sentences: z.array(
    z.object({
      document: z.string().min(1),
      /** The sentence, copied exactly from the document (it occurs once there). */
      match: z.string().min(2),
      forms: z.array(z.string().min(1)).min(1),
    }),
  ),
});
export type LearnedForms = z.infer<typeof LearnedFormsSchema>;

/** A labelled question as the learner needs it (an eval case). */
export interface LabelledQuestion {
  q: string;
  cat: string;
  facts?: string[][] | undefined;
  escalate?: boolean | undefined;
}

export interface LearnOptions {
  /** The text a question is learned as (the bot's own view of it: personal data removed). */
  asked?: (q: string) => string;
  /**
   * A fact found in more sentences than this tells too little about which one answers (0.5, 令和5年):
   * the question is skipped. Measured by leave-one-set-out runs: 6 to 40 gave the same result, 1–3 worse.
   */
  maxSentences?: number;
}

export const DEFAULT_MAX_SENTENCES = 12;
/** A sentence this short (after white space) is a heading or a fragment, not an answer. */
const MIN_SENTENCE = 6;

interface Candidate {
  document: string;
  text: string;
  norm: string;
}

/** Sentences that occur exactly once in their document (a form names its sentence by its text). */
function candidateSentences(documents: KnowledgeDocument[]): Candidate[] {
  const out: Candidate[] = [];
  for (const d of documents) {
    const full = d.sections.map((s) => s.text).join('\n');
    for (const s of d.sections) {
      for (const text of splitSentences(s.text)) {
        if (text.replace(/\s/g, '').length < MIN_SENTENCE || full.split(text).length !== 2) continue;
        out.push({ document: d.meta.id, text, norm: normalizeForEval(text) });
      }
    }
  }
  return out;
}

/**
 * Learns question forms: a question whose key names facts is attached to the sentences that state all of
 * them (or, when no one sentence does, to each fact's sentence where that is nearly unique). Questions
 * the office must settle, or that are out of scope, name no sentence and teach nothing here.
 */
export function learnQuestionForms(documents: KnowledgeDocument[], questions: LabelledQuestion[], files: string[], opts: LearnOptions = {}): LearnedForms {
  const asked = opts.asked ?? ((q: string) => q);
  const maxSentences = opts.maxSentences ?? DEFAULT_MAX_SENTENCES;
  const sentences = candidateSentences(documents);
  const byKey = new Map<string, { document: string; match: string; forms: string[] }>();
  let used = 0;
  for (const c of questions) {
    if (!c.facts || c.facts.length === 0 || c.cat === 'oos' || c.escalate === true) continue;
    const groups = c.facts.map((g) => g.map(normalizeForEval));
    const stated = (s: Candidate, g: string[]): boolean => g.some((alt) => s.norm.includes(alt));
    const counts = sentences.map((s) => groups.filter((g) => stated(s, g)).length);
    const most = Math.max(0, ...counts);
    let picked: Candidate[] = [];
    if (most === groups.length) picked = sentences.filter((_, i) => counts[i] === most);
    else if (most > 0) {
      for (const g of groups) {
        const m = sentences.filter((s) => stated(s, g));
        if (m.length <= 2) picked.push(...m);
      }
    }
    if (picked.length === 0 || picked.length > maxSentences) continue;
    used++;
    const form = asked(c.q).replace(/\s+/g, ' ').trim();
    for (const s of picked) {
      const key = `${s.document}\u0000${s.text}`;
      const entry = byKey.get(key) ?? { document: s.document, match: s.text, forms: [] };
      if (!entry.forms.includes(form)) entry.forms.push(form);
      byKey.set(key, entry);
    }
  }
  const ordered = [...byKey.values()].sort((a, b) => (a.document < b.document ? -1 : a.document > b.document ? 1 : a.match < b.match ? -1 : a.match > b.match ? 1 : 0));
  return { version: 1, trainedOn: { files, questions: used }, sentences: ordered };
}

export function parseLearnedForms(data: unknown, source: string): LearnedForms {
  const parsed = LearnedFormsSchema.safeParse(data);
  if (!parsed.success) throw new Error(`${source}: not learned question forms: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

export const SHIPPED_LEARNED_FORMS = (): string => join(packageRoot(), 'models', 'learned-forms.json');

/** The shipped learned forms (null when the file is absent: a build without models answers without them). */
export function shippedLearnedForms(): LearnedForms | null {
  const path = SHIPPED_LEARNED_FORMS();
  return existsSync(path) ? parseLearnedForms(JSON.parse(readFileSync(path, 'utf8')), path) : null;
}

/** Gives each chunk the learned forms of its own sentences (by document and sentence text). */
export function attachLearnedForms(chunks: KnowledgeChunk[], learned: LearnedForms): void {
  const byDocument = new Map<string, LearnedForms['sentences']>();
  for (const s of learned.sentences) {
    const list = byDocument.get(s.document);
    if (list) list.push(s);
    else byDocument.set(s.document, [s]);
  }
  for (const chunk of chunks) {
    const own = (byDocument.get(chunk.documentId) ?? []).filter((s) => chunk.text.includes(s.match));
    if (own.length > 0) chunk.learnedForms = own.map((s) => ({ match: s.match, forms: s.forms }));
  }
}
