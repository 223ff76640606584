import { z } from 'zod';

/** One source an answer rests on (the contract's Answer.citations item). */
export const CitationSchema = z.object({
  documentId: z.string(),
  title: z.string(),
  section: z.string().nullable(),
  url: z.string().nullable(),
  /** Page in the source document (PDFs), when known. An extension of the contract. */
  page: z.number().int().positive().optional(),
  /** True when the passage's facts come from a secondary source (news, vendor page). An extension. */
  secondary: z.literal(true).optional(),
});
export type Citation = z.infer<typeof CitationSchema>;

/** The contract's Answer object (shared/CONTRACT.md). Extra fields are allowed by the contract. */
export const AnswerSchema = z.object({
  question: z.string(),
  answer: z.string(),
  citations: z.array(CitationSchema),
  route: z.string().nullable(),
  escalate: z.boolean(),
  outOfScope: z.boolean(),
  confidence: z.number().min(0).max(1),
  error: z.string().optional(),
});
export type Answer = z.infer<typeof AnswerSchema>;

/** Internal detail kept beside an Answer: why it was routed, which passages it used. */
export interface AnswerDetail {
  /** Stable id for feedback and tickets (random, not derived from the question). */
  answerId: string;
  /** Language the text was written in. */
  lang: Lang;
  /** Why the route was chosen (for logs and the escalation confirm step). */
  routeReason: string | null;
  /** Citations with the extra fields the renderers show (date, page). */
  sources: SourceRef[];
  /** What kind of answer this is. */
  kind: AnswerKind;
  /** The curated FAQ entry that answered, when one did. */
  faqId?: string;
}

export type Lang = 'ja' | 'en';
export type AnswerKind = 'answer' | 'no-knowledge' | 'out-of-scope' | 'escalation' | 'error' | 'smalltalk';

export interface SourceRef extends Omit<Citation, 'page' | 'secondary'> {
  /** 1-based number used in the text ([1], [2]). */
  n: number;
  /** Issue date of the document, ISO (YYYY-MM-DD) when known. */
  issued: string | null;
  /** Issue date in 和暦 when known. */
  issuedWareki: string | null;
  /** Page in a PDF, when the passage came from one. */
  page: number | null;
  /** The passage's facts come from a secondary source; renderers mark it (「二次資料」). */
  secondary: boolean;
}

/** What the core returns for one question: the contract Answer plus the detail renderers need. */
export interface AnswerResult {
  answer: Answer;
  detail: AnswerDetail;
}
