import type { DocumentSection } from './model.js';
import { looksLikeHeading } from './headings.js';

/** Text pulled out of a non-Markdown file, split into sections. */
export interface ExtractedText {
  /** A title found in the file (its first heading-like line), or null. */
  title: string | null;
  sections: DocumentSection[];
}

/**
 * Split plain text into sections at heading-like lines (see headings.ts).
 * `page` is attached when the caller knows it (PDF pages).
 */
export function splitIntoSections(lines: string[], page: number | null, start: { heading: string | null } = { heading: null }): DocumentSection[] {
  const sections: DocumentSection[] = [];
  let heading = start.heading;
  let body: string[] = [];
  const flush = () => {
    const text = body.join('\n').trim();
    if (text.length > 0) sections.push({ heading, path: heading === null ? [] : [heading], text, page });
    body = [];
  };
  for (const raw of lines) {
    const line = raw.replace(/\s+$/u, '');
    if (looksLikeHeading(line)) {
      flush();
      heading = line.trim();
    } else {
      body.push(line);
    }
  }
  flush();
  start.heading = heading;
  return sections;
}

/** A .txt knowledge file: the first non-empty line is its title when it is short. */
export function readPlainText(content: string): ExtractedText {
  const text = content.replace(/^\uFEFF/u, '').replace(/\r\n?/gu, '\n');
  const lines = text.split('\n');
  const first = lines.find((l) => l.trim().length > 0)?.trim() ?? null;
  const title = first !== null && first.length <= 80 && !/[。]$/u.test(first) ? first : null;
  return { title, sections: splitIntoSections(lines, null) };
}
