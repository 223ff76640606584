import { readFile } from 'node:fs/promises';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { dropRunningHeadersAndFooters, itemsToLines, type LayoutItem, type PageLines } from './pdf/layout.js';
import { openPdf, PdfReadError } from './pdf/pdfjs.js';
import { type OutlineEntry, PdfStructure } from './pdf/structure.js';
import type { ExtractedText } from './text-reader.js';

export { PdfReadError } from './pdf/pdfjs.js';

/** What the reader found in a PDF: the loader's ExtractedText plus what `knowledge check` and tests look at. */
export interface PdfExtraction extends ExtractedText {
  pageCount: number;
  /** Clean lines per page (running headers, footers and page numbers removed). */
  pages: PageLines[];
  /** Outline entries that resolved to a page; empty when the PDF has no outline. */
  outline: OutlineEntry[];
  /** Pages without any text (e.g. scanned pages inside an otherwise digital PDF). */
  pagesWithoutText: number[];
}

/**
 * Read a PDF for the knowledge index: text per page, split into sections by the outline or by headings,
 * each section carrying its page. Throws PdfReadError naming the file when the PDF is corrupt,
 * password-protected or has no text layer.
 */
export async function readPdf(file: string): Promise<ExtractedText> {
  const { title, sections } = await extractPdf(file);
  return { title, sections };
}

export async function extractPdf(file: string): Promise<PdfExtraction> {
  let data: Uint8Array;
  try {
    const buf = await readFile(file);
    // pdf.js refuses Buffer; a view on the same memory is enough (it copies views on pooled memory).
    data = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } catch (e) {
    throw new PdfReadError(file, `cannot read the file: ${(e as Error).message}`, { cause: e });
  }
  const doc = await openPdf(file, data);
  try {
    const rawPages: PageLines[] = [];
    for (let n = 1; n <= doc.numPages; n++) rawPages.push(await pageLines(file, doc, n));
    const pagesWithoutText = rawPages.filter((p) => p.lines.length === 0).map((p) => p.page);
    if (pagesWithoutText.length === rawPages.length) {
      throw new PdfReadError(file, 'no text layer: scanned PDFs need OCR first (run OCR, e.g. save as a searchable PDF, then add it again)');
    }
    if (unreadableShare(rawPages) > 0.3) {
      throw new PdfReadError(
        file,
        'the text layer is not readable (its fonts have no usable Unicode mapping); OCR the PDF or export it again with embedded fonts',
      );
    }
    const pages = dropRunningHeadersAndFooters(rawPages);
    const outline = await resolveOutline(doc);
    const sections = new PdfStructure({ pages, outline }).sections();
    return { title: await documentTitle(doc), sections, pageCount: doc.numPages, pages, outline, pagesWithoutText };
  } finally {
    await doc.destroy().catch(() => {});
  }
}

/** Share of characters that are not text (private-use code points, replacement characters, controls). */
function unreadableShare(pages: PageLines[]): number {
  let all = 0;
  let bad = 0;
  for (const p of pages) {
    for (const l of p.lines) {
      for (const ch of l.text) {
        all++;
        if (/[\p{Co}\uFFFD\p{Cc}]/u.test(ch)) bad++;
      }
    }
  }
  return all === 0 ? 0 : bad / all;
}

async function pageLines(file: string, doc: PDFDocumentProxy, n: number): Promise<PageLines> {
  try {
    const page = await doc.getPage(n);
    const [, , , top] = page.view;
    const content = await page.getTextContent({ includeMarkedContent: false });
    const items: LayoutItem[] = [];
    for (const item of content.items) {
      if (!('str' in item)) continue;
      const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = item.transform as number[];
      const size = Math.hypot(c, d) || Math.hypot(a, b) || item.height;
      items.push({ str: item.str, x, y, width: item.width, size, hasEOL: item.hasEOL });
    }
    page.cleanup();
    return { page: n, height: top ?? 842, lines: itemsToLines(items) };
  } catch (e) {
    throw new PdfReadError(file, `cannot read the text of page ${n}: ${(e as Error).message}`, { cause: e });
  }
}

/** Outline entries in document order with their page; entries that point nowhere (links, broken destinations) are skipped. */
async function resolveOutline(doc: PDFDocumentProxy): Promise<OutlineEntry[]> {
  const outline = await doc.getOutline().catch(() => null);
  if (!outline) return [];
  const entries: OutlineEntry[] = [];
  type Item = (typeof outline)[number];
  const walk = async (items: Item[], parents: string[]) => {
    for (const item of items) {
      const title = item.title.replace(/\s+/gu, ' ').trim();
      const path = title === '' ? parents : [...parents, title];
      const at = await destinationOf(doc, item.dest).catch(() => null);
      if (at && title !== '') entries.push({ title, path, ...at });
      if (item.items.length > 0) await walk(item.items, path);
    }
  };
  await walk(outline, []);
  return entries;
}

async function destinationOf(doc: PDFDocumentProxy, dest: string | unknown[] | null): Promise<{ page: number; top: number | null } | null> {
  const explicit = typeof dest === 'string' ? await doc.getDestination(dest) : dest;
  if (!Array.isArray(explicit) || explicit.length === 0) return null;
  const [target, mode, ...args] = explicit as [unknown, { name?: string } | undefined, ...unknown[]];
  let index: number;
  if (typeof target === 'number') index = target; // some writers put a page index instead of a reference
  else if (target && typeof target === 'object' && 'num' in target) index = await doc.getPageIndex(target as { num: number; gen: number });
  else return null;
  if (index < 0 || index >= doc.numPages) return null;
  const name = mode?.name;
  const topArg = name === 'XYZ' ? args[1] : name === 'FitH' || name === 'FitBH' ? args[0] : null;
  return { page: index + 1, top: typeof topArg === 'number' ? topArg : null };
}

/** Info dict Title (or XMP dc:title), unless it is a word processor's placeholder. */
async function documentTitle(doc: PDFDocumentProxy): Promise<string | null> {
  const meta = await doc.getMetadata().catch(() => null);
  const info = (meta?.info ?? {}) as { Title?: unknown };
  const candidates = [info.Title, meta?.metadata?.get('dc:title')];
  for (const c of candidates) {
    if (typeof c !== 'string') continue;
    const t = c
      .replace(/^Microsoft (?:Word|PowerPoint|Excel) - /iu, '')
      .replace(/\.(?:docx?|pptx?|xlsx?|pdf|txt)$/iu, '')
      .replace(/\s+/gu, ' ')
      .trim();
    if (t !== '' && !/^(?:untitled|無題|document\d*|文書\s*\d*|PowerPoint プレゼンテーション|スライド\s*\d*)$/iu.test(t)) return t;
  }
  return null;
}
