import { z } from 'zod';

/**
 * Curated question-and-answer entries (knowledge/faq/*.yaml, and later the curator console's
 * /api/faq). One shape for both: the console's request body is an entry without its id.
 */

/** The answer text: Japanese, optionally English. A bare string is the Japanese answer. */
export const FaqAnswerSchema = z.union([
  z
    .string()
    .trim()
    .min(1)
    .transform((ja): { ja: string; en?: string } => ({ ja })),
  z.object({ ja: z.string().trim().min(1), en: z.string().trim().min(1).optional() }).strict(),
]);

/** The passage the answer rests on: a knowledge document and, optionally, one of its section headings. */
export const FaqSourceSchema = z
  .object({
    documentId: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a knowledge document id'),
    section: z.string().trim().min(1).optional(),
  })
  .strict();

/** The body of POST/PUT /api/faq: {questions, answer, source, route, escalate?}. */
export const FaqEntryInputSchema = z
  .object({
    /** Question forms staff use for the same question (at least one; matched by similarity). */
    questions: z.array(z.string().trim().min(2).max(300)).min(1).max(50),
    answer: FaqAnswerSchema,
    source: FaqSourceSchema,
    /** Office id from contacts.yaml that owns the topic. */
    route: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be an office id'),
    /** True when the answer should also propose handing the question to the office. */
    escalate: z.boolean().default(false),
  })
  .strict();

export const FaqEntrySchema = FaqEntryInputSchema.extend({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and hyphens'),
}).strict();

/** A file under knowledge/faq/: a list of entries. */
export const FaqFileSchema = z.object({ entries: z.array(FaqEntrySchema).min(1) }).strict();

export type FaqEntryInput = z.input<typeof FaqEntryInputSchema>;
