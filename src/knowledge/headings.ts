/**
 * Heading detection for text extracted from PDFs and plain-text files, where no markup says
 * what a heading is. Japanese official documents number their headings in a few fixed styles.
 */
const HEADING_PATTERNS: RegExp[] = [
  /^第[0-9０-９一二三四五六七八九十百]+[章節部編]/u, // 第1章, 第二節
  /^[0-9０-９]{1,2}(?:[.．][0-9０-９]{1,2})*[.．、\s　]\s*\S/u, // 1. / 2.3 / 1 はじめに
  /^[（(][0-9０-９一二三四五六七八九十]{1,3}[)）]\s*\S/u, // (1) / （一）
  /^[一二三四五六七八九十]{1,3}[、．.\s　]\s*\S/u, // 一、
  /^[①-⑳]\s*\S/u, // ①
  /^[■□◆◇●○【]/u, // bullets and bracketed titles often used as headings
];

/** Lines longer than this are body text even when they start like a heading. */
const MAX_HEADING_CHARS = 40;

/** True when a line of extracted text looks like a numbered heading. */
export function looksLikeHeading(line: string): boolean {
  const t = line.trim();
  if (t.length === 0 || t.length > MAX_HEADING_CHARS) return false;
  // A heading does not end a sentence.
  if (/[。、,，]$/u.test(t)) return false;
  return HEADING_PATTERNS.some((re) => re.test(t));
}
