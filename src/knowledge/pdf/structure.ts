/**
 * Sections of a PDF: from its outline (bookmarks) when it has one, otherwise from heading-like
 * lines. Every section piece carries the page its text is on, so citations name the page; a section
 * that runs over several pages becomes one piece per page with the same heading path.
 */
import { looksLikeHeading } from '../headings.js';
import type { DocumentSection } from '../model.js';
import { isCjk, type PageLines, type PdfLine, textSize } from './layout.js';

/** An outline entry resolved to a page (and, when the destination says, a position on it). */
export interface OutlineEntry {
  title: string;
  /** Titles from the outermost entry down to this one. */
  path: string[];
  /** 1-based. */
  page: number;
  /** Top of the destination (page units from the bottom), or null for "the page". */
  top: number | null;
}

/** The kind of numbering a heading uses; nesting follows the order kinds first appear in. */
type HeadingStyle = string;

const MAX_HEADING_CHARS = 40;

/** Numbered heading styles beyond the shared ones (headings.ts), as Japanese official documents write them. */
const EXTRA_STYLES: [HeadingStyle, RegExp][] = [
  ['dai', /^第[0-9０-９一二三四五六七八九十]+(?:[\s　]|$)/u], // 第２　目的
  ['hyphen', /^[0-9０-９]{1,2}[-－‐][0-9０-９]{1,2}(?:[-－‐][0-9０-９]{1,2})*[\s　]*[^\s0-9０-９]/u], // 1-1 概要
  ['maru', /^[〇◯][\s　]*\S/u], // 〇 対象者
  ['named', /^(?:はじめに|おわりに|まえがき|あとがき|目次|概要|要旨|総論|附則|別紙\S{0,3}|参考資料?|資料編|用語集|問い合わせ先|お問い合わせ先?)$/u],
];

/** The style of a heading line the shared detector accepts, for nesting. */
function sharedStyle(t: string): HeadingStyle {
  const m = /^第[0-9０-９一二三四五六七八九十百]+([章節部編])/u.exec(t);
  if (m) return `dai-${m[1]}`;
  if (/^[0-9０-９]{1,2}[.．][0-9０-９]{1,2}[.．][0-9０-９]/u.test(t)) return 'num3';
  if (/^[0-9０-９]{1,2}[.．][0-9０-９]{1,2}/u.test(t)) return 'num2';
  if (/^[0-9０-９]/u.test(t)) return 'num1';
  if (/^[（(][一二三四五六七八九十]/u.test(t)) return 'paren-kanji';
  if (/^[（(]/u.test(t)) return 'paren';
  if (/^[一二三四五六七八九十]/u.test(t)) return 'kanji';
  if (/^[①-⑳]/u.test(t)) return 'circled';
  return `mark-${t[0]}`;
}

/** Table-of-contents lines ("第1章 目的 …… 3"): neither headings nor text worth quoting. */
const TOC_LINE = /(?:(?:[.．・·]\s?){3,}|[…‥]{2,})\s*[0-9０-９]{1,4}$/u;
/** Markers that start list items (a new line, never a continuation). */
const LIST_START = /^(?:[・●○〇◯■□◆◇▪▫※＊*\-－–—→⇒]|[①-⑳]|[（(][0-9０-９a-zA-Zア-ン一二三四五六七八九十]{1,3}[)）]|[0-9０-９]{1,2}[.．)）、]\D|[a-zA-Zア-ン][.．)）])/u;
/** A line that ends a sentence or a clause the next line must not be glued to. */
const ENDS_SENTENCE = /[。．！？!?：:」』]$/u;

export interface StructureInput {
  pages: PageLines[];
  outline: OutlineEntry[];
}

/** Where an outline entry starts: the line of its title (then skipped as text), or just a position. */
interface Anchor {
  page: number;
  /** Index of the first line of the section on that page (may equal the number of lines). */
  index: number;
  line: PdfLine | null;
  entry: OutlineEntry;
}

/** "2.1asn.1syntax" for the bookmark "asn.1syntax": the line adds only a heading number. */
const numberedAs = (text: string, title: string) =>
  title.length > 0 && text.endsWith(title) && /^[第]?[0-9０-９.．\-－()（）①-⑳一二三四五六七八九十章節部編]{1,8}$/u.test(text.slice(0, text.length - title.length));

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();

/** Where lines of running text end: lines reaching it were wrapped, not ended. */
function rightEdge(pages: PageLines[]): number {
  const ends = pages.flatMap((p) => p.lines.filter((l) => l.text.length >= 10).map((l) => l.x1)).sort((a, b) => a - b);
  if (ends.length === 0) return Number.POSITIVE_INFINITY;
  return ends[Math.floor(ends.length * 0.9)]!;
}

export class PdfStructure {
  private readonly body: number;
  private readonly right: number;

  constructor(private readonly input: StructureInput) {
    this.body = textSize(input.pages);
    this.right = rightEdge(input.pages);
  }

  /** True when `line` continues the previous line's sentence (the previous line ran to the margin). */
  private continues(prev: PdfLine | undefined, line: PdfLine): boolean {
    if (!prev) return false;
    if (ENDS_SENTENCE.test(prev.text)) return false;
    if (prev.x1 < this.right - 1.5 * prev.size) return false;
    if (prev.y - line.y > 2.2 * Math.max(prev.size, line.size)) return false;
    return true;
  }

  /** The heading style of a line, or null when it is body text. Conservative: when unsure, body. */
  headingStyle(line: PdfLine, prev: PdfLine | undefined, next: PdfLine | undefined, isCoverTitle: boolean): HeadingStyle | null {
    const t = line.text.trim();
    if (isCoverTitle || t.length === 0 || t.length > MAX_HEADING_CHARS) return null;
    if (/[。、，,．]$/u.test(t) || TOC_LINE.test(t)) return null;
    if (this.continues(prev, line)) return null;
    const larger = line.size >= this.body * 1.15;
    let style: HeadingStyle | null = null;
    if (looksLikeHeading(t)) style = sharedStyle(t);
    for (const [s, re] of EXTRA_STYLES) if (style === null && re.test(t)) style = s;
    if (style !== null && /^mark-|^maru$/u.test(style)) {
      // ■ and 〇 also start list items: a heading only when larger than the text or not in a run of them.
      const sameMark = (l: PdfLine | undefined) => l !== undefined && l.text.trim()[0] === t[0];
      if (!larger && (sameMark(prev) || sameMark(next))) return null;
    }
    if (style === null && larger && t.length <= 30 && /[\p{L}]/u.test(t) && !/^[0-9０-９.,%％\s]+$/u.test(t)) {
      style = `size-${Math.round(line.size)}`;
    }
    return style;
  }

  /** Sections from the outline when it resolves, else from detected headings. */
  sections(): DocumentSection[] {
    const anchors = this.locateOutline();
    return this.build(anchors);
  }

  /** Find where each outline entry starts in the text: its title's line, else its destination's position. */
  private locateOutline(): Anchor[] {
    const out: Anchor[] = [];
    const byNumber = new Map(this.input.pages.map((p) => [p.page, p]));
    let floor = { page: 0, index: -1 };
    for (const entry of this.input.outline) {
      const page = byNumber.get(entry.page);
      if (!page || entry.page < floor.page) continue; // out of order: trust the text's order
      const start = entry.page === floor.page ? floor.index + 1 : 0;
      const title = norm(entry.title);
      let found: Anchor | null = null;
      for (let i = start; i < page.lines.length && found === null; i++) {
        const text = norm(page.lines[i]!.text);
        if (text === title || (text.startsWith(title) && text.length - title.length <= 4) || numberedAs(text, title)) {
          found = { page: entry.page, index: i, line: page.lines[i]!, entry };
        }
      }
      if (found === null && entry.top !== null) {
        const top = entry.top;
        const i = page.lines.findIndex((l, k) => k >= start && l.y <= top + 2);
        found = { page: entry.page, index: i === -1 ? page.lines.length : i, line: null, entry };
      }
      found ??= { page: entry.page, index: start, line: null, entry };
      out.push(found);
      floor = { page: found.page, index: found.line ? found.index : found.index - 1 };
    }
    return out;
  }

  private build(anchors: Anchor[]): DocumentSection[] {
    const sections: DocumentSection[] = [];
    // Outline anchors, keyed by page and line index.
    const anchorAt = new Map<string, Anchor[]>();
    for (const a of anchors) anchorAt.set(`${a.page}:${a.index}`, [...(anchorAt.get(`${a.page}:${a.index}`) ?? []), a]);
    const headingLines = new Set(anchors.map((a) => a.line).filter((l) => l !== null));
    let outlinePath: string[] = [];
    let stack: { style: HeadingStyle; text: string }[] = [];
    const path = () => [...outlinePath, ...stack.map((s) => s.text)];
    const firstPage = this.input.pages[0]?.page;
    const coverSize = Math.max(0, ...(this.input.pages[0]?.lines.map((l) => l.size) ?? []));

    for (const page of this.input.pages) {
      let buffer: PdfLine[] = [];
      const flush = () => {
        const text = this.reflow(buffer);
        if (text !== '') {
          const p = path();
          sections.push({ heading: p.at(-1) ?? null, path: p, text, page: page.page });
        }
        buffer = [];
      };
      for (let i = 0; i <= page.lines.length; i++) {
        for (const a of anchorAt.get(`${page.page}:${i}`) ?? []) {
          flush();
          outlinePath = a.entry.path;
          stack = [];
        }
        const line = page.lines[i];
        if (!line) break;
        if (headingLines.has(line) || TOC_LINE.test(line.text)) continue; // the outline heading's own line; contents lines
        const isCover = page.page === firstPage && i === 0 && line.size >= coverSize && line.size >= this.body * 1.3;
        const style = this.headingStyle(line, page.lines[i - 1], page.lines[i + 1], isCover);
        if (style === null) {
          buffer.push(line);
          continue;
        }
        flush();
        const text = line.text.trim();
        if (style === 'named' || stack[0]?.style === 'named') {
          // はじめに, 目次, 別紙…: siblings of the chapters, never their parents.
          stack = [{ style, text }];
        } else {
          const k = stack.findIndex((s) => s.style === style);
          stack = k === -1 ? [...stack, { style, text }] : [...stack.slice(0, k), { style, text }];
        }
      }
      flush();
    }
    return sections;
  }

  /** Lines of one section on one page into text: wrapped lines joined, paragraphs and list items kept apart. */
  reflow(lines: PdfLine[]): string {
    const out: string[] = [];
    let prev: PdfLine | undefined;
    for (const line of lines) {
      const text = line.text.trim();
      if (out.length > 0 && this.continues(prev, line) && !LIST_START.test(text)) {
        const last = out[out.length - 1]!;
        // Latin words wrapped at a line end need their space back; Japanese joins directly.
        const glue = !isCjk(last.at(-1)) && !isCjk(text[0]) && /[\p{L}\p{N}]$/u.test(last) ? ' ' : '';
        out[out.length - 1] = last + glue + text;
      } else {
        out.push(text);
      }
      prev = line;
    }
    return out.join('\n').trim();
  }
}
