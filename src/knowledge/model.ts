import type { DocumentKind, FrontMatter } from './schema.js';

/** One section of a document: a heading (or none) and its text, with the PDF page when known. */
export interface DocumentSection {
  heading: string | null;
  /** Heading path from the top, e.g. ["1 テレワークの推進", "(1) 手引き"]. */
  path: string[];
  text: string;
  page: number | null;
}

/** A loaded knowledge document (Markdown, text or PDF). */
export interface KnowledgeDocument {
  meta: FrontMatter;
  /** File it came from, relative to its knowledge folder. */
  file: string;
  sections: DocumentSection[];
  /** Question forms per sentence (forms/*.yaml), attached after loading. */
  forms?: SentenceForms[];
}

/** The questions one sentence answers, as staff ask them: matched to the sentence by an exact fragment. */
export interface SentenceForms {
  match: string;
  forms: string[];
}

/** The unit the index ranks and the composer cites. */
export interface KnowledgeChunk {
  /** `${documentId}#${n}` */
  id: string;
  documentId: string;
  /** Document title. */
  title: string;
  /** Section heading (last element of the path), or null. */
  section: string | null;
  sectionPath: string[];
  text: string;
  url: string | null;
  issued: string | null;
  issuedWareki: string | null;
  page: number | null;
  kind: DocumentKind;
  tags: string[];
  office: string | null;
  secondary: boolean;
  /** Question forms of the chunk's sentences: searched with the chunk, never shown. */
  forms?: SentenceForms[];
  /** Question forms learned from labelled questions (models/learned-forms.json): used to choose sentences only. */
  learnedForms?: SentenceForms[];
}

/** A problem found while loading a knowledge folder. */
export interface KnowledgeProblem {
  file: string;
  field: string | null;
  message: string;
}
