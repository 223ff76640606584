import type { z } from 'zod';
import type { FaqEntrySchema } from './schema.js';

/** A curated FAQ entry as the bot uses it (validated: see schema.ts). */
export type FaqEntry = z.infer<typeof FaqEntrySchema>;

/** The matcher's verdict for a question. */
export interface FaqMatch {
  entry: FaqEntry;
  /** The entry's question form closest to the question. */
  form: string;
  /** Similarity 0..1 (IDF-weighted cosine of the two texts' terms). */
  score: number;
}
