/**
 * From pdf.js text items to clean lines of text, page by page, without pdf.js types so it is
 * testable on its own. Japanese text has no spaces between words: every space pdf.js infers from
 * glyph gaps (justification, 和欧間 spacing between Japanese and Latin text) is removed next to
 * Japanese characters, while spaces between Latin words stay.
 */

/** One pdf.js text item, reduced to what layout needs (horizontal text; y grows upwards). */
export interface LayoutItem {
  str: string;
  x: number;
  y: number;
  width: number;
  /** Font size (em) in page units. */
  size: number;
  hasEOL: boolean;
}

export interface PdfLine {
  text: string;
  x0: number;
  x1: number;
  /** Baseline, page units from the bottom. */
  y: number;
  /** Largest font size on the line. */
  size: number;
}

export interface PageLines {
  /** 1-based page number. */
  page: number;
  height: number;
  lines: PdfLine[];
}

/** Characters after which and before which an inferred space is never part of Japanese text. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\u30fb\u30fc\uff01-\uff60\uffe0-\uffe6]/u;
export const isCjk = (ch: string | undefined): boolean => ch !== undefined && CJK.test(ch);

// Separators while a line is built: SOFT may be dropped (an inferred space), HARD stays (a wide gap,
// e.g. the full-width space between a heading's number and its title, or between table cells).
const SOFT = ' ';
const HARD = '\u0001';

/** A gap wider than this (in em) between two pieces of a line is a real separation. */
const HARD_GAP_EM = 0.8;
/** A gap narrower than this (in em) is kerning, not a space. */
const SOFT_GAP_EM = 0.1;

/** Counters and units after a leading number: "5 年" at a line start is a wrapped date, not "5 見出し". */
const UNIT_AFTER_NUMBER = /^[年月日時分秒件台回週歳％%円万億千百か箇ヶ度割倍枚個]/u;
const LEADING_NUMBER = /^(?:[0-9０-９]{1,3}(?:[.．\-－‐][0-9０-９]{1,3})*[.．)）]?|[（(][0-9０-９一二三四五六七八九十]{1,3}[)）]|[①-⑳])$/u;

/** Resolve the separators of a raw line into the final text. */
export function finishLine(raw: string): string {
  // Whitespace pdf.js kept inside strings: the ideographic space is a deliberate gap, others are soft.
  const s = raw.replace(/\u3000/gu, HARD).replace(/[\s\u00a0]/gu, SOFT);
  // Collapse each run of separators into one: hard wins.
  const runs = s.split(/([ \u0001]+)/u);
  let out = '';
  for (let i = 0; i < runs.length; i++) {
    const part = runs[i]!;
    if (i % 2 === 0) {
      out += part;
      continue;
    }
    const before = out.at(-1);
    const after = runs[i + 1]?.[0];
    if (out === '' || after === undefined) continue; // leading or trailing
    if (part.includes(HARD)) {
      out += ' ';
    } else if (!isCjk(before) && !isCjk(after)) {
      out += ' '; // between Latin words and figures
    } else if (i === 1 && LEADING_NUMBER.test(out) && !UNIT_AFTER_NUMBER.test(runs[i + 1]!)) {
      out += ' '; // "1 はじめに": keep the heading number apart from its title
    }
  }
  return out;
}

/** Join one page's items into lines, in content order, breaking at end-of-line marks and baseline changes. */
export function itemsToLines(items: LayoutItem[]): PdfLine[] {
  const lines: PdfLine[] = [];
  let cur: { raw: string; x0: number; x1: number; y: number; size: number } | null = null;
  const end = () => {
    if (cur) {
      const text = finishLine(cur.raw);
      if (text !== '') lines.push({ text, x0: cur.x0, x1: cur.x1, y: cur.y, size: cur.size });
    }
    cur = null;
  };
  for (const item of items) {
    const size = item.size > 0 ? item.size : 1;
    // Another baseline (more than half a line away) is another line, whatever pdf.js flagged.
    if (cur && Math.abs(item.y - cur.y) > 0.5 * Math.min(size, cur.size)) end();
    const blank = item.str.trim() === '' && !item.str.includes('\u3000');
    if (blank) {
      // pdf.js reports wide gaps as whitespace items: a separator, never a line start.
      if (cur && item.str !== '') cur.raw += item.width >= HARD_GAP_EM * size ? HARD : SOFT;
      if (item.hasEOL) end();
      continue;
    }
    if (cur === null) {
      cur = { raw: item.str, x0: item.x, x1: item.x + item.width, y: item.y, size };
    } else {
      const gap = item.x - cur.x1;
      if (gap >= HARD_GAP_EM * size) cur.raw += HARD;
      else if (gap >= SOFT_GAP_EM * size) cur.raw += SOFT;
      cur.raw += item.str;
      cur.x0 = Math.min(cur.x0, item.x);
      cur.x1 = Math.max(cur.x1, item.x + item.width);
      cur.size = Math.max(cur.size, size);
    }
    if (item.hasEOL) end();
  }
  end();
  return lines;
}

/** Bare page numbers: "3", "- 3 -", "p. 3", "3 / 12", "iii", "3ページ". */
const PAGE_NUMBER = /^(?:[-－‐—–―]\s*)?(?:p\.?\s*)?(?:[0-9０-９]{1,4}|[ivxlc]{1,7})(?:\s*[/／]\s*[0-9０-９]{1,4})?(?:\s*ページ)?(?:\s*[-－‐—–―])?$/iu;
export const isPageNumber = (text: string): boolean => PAGE_NUMBER.test(text.trim());

/** The font size most of the text is set in (weighted by characters). */
export function textSize(pages: PageLines[]): number {
  const bySize = new Map<number, number>();
  for (const p of pages) {
    for (const l of p.lines) {
      const key = Math.round(l.size * 2) / 2;
      bySize.set(key, (bySize.get(key) ?? 0) + l.text.length);
    }
  }
  let best = 0;
  let most = -1;
  for (const [size, n] of bySize) if (n > most) [best, most] = [size, n];
  return best || 10;
}

/** How far from the top or bottom edge a running header or footer sits (fraction of the page height). */
const EDGE_BAND = 0.12;
/** Lines at each edge considered for running headers and footers. */
const EDGE_LINES = 2;

/** Running headers/footers are compared with digits masked, so "- 3 -" and "- 4 -" are one footer. */
const edgeKey = (text: string) => text.replace(/[0-9０-９]+/gu, '#').replace(/\s+/gu, '');

/**
 * Drop running headers and footers (the same line at a page edge on many pages) and bare page numbers
 * at page edges. Content order is kept; only edge lines are candidates, so body text is never touched.
 */
export function dropRunningHeadersAndFooters(pages: PageLines[]): PageLines[] {
  // Running headers and footers are set no larger than the text; a larger line at the top is a heading
  // (e.g. one chapter per page, "第4章 …", "第5章 …"), however regular.
  const maxSize = textSize(pages) * 1.1;
  const edgeLines = (p: PageLines): PdfLine[] => {
    const byY = [...p.lines].sort((a, b) => b.y - a.y);
    const top = byY.slice(0, EDGE_LINES).filter((l) => l.y >= p.height * (1 - EDGE_BAND));
    const bottom = byY.slice(-EDGE_LINES).filter((l) => l.y <= p.height * EDGE_BAND);
    return [...new Set([...top, ...bottom])].filter((l) => l.size <= maxSize || isPageNumber(l.text));
  };
  // A header carrying the page number ("第2章 導入の手順 3"): its last number moves in step with the page.
  const pagedKey = (l: PdfLine, page: number) => {
    const n = /([0-9０-９]{1,4})\D*$/u.exec(l.text)?.[1];
    return n === undefined ? null : `${edgeKey(l.text)}@${Number(n.normalize('NFKC')) - page}`;
  };
  const count = new Map<string, number>();
  const bump = (key: string | null) => key !== null && count.set(key, (count.get(key) ?? 0) + 1);
  for (const p of pages) {
    const edges = edgeLines(p);
    for (const key of new Set(edges.map((l) => edgeKey(l.text)))) bump(key);
    for (const key of new Set(edges.map((l) => pagedKey(l, p.page)))) bump(key);
  }
  // Half the pages, or (long documents with per-chapter headers) a tenth of them and at least 3.
  const minPages = Math.min(Math.max(2, Math.ceil(pages.length * 0.5)), Math.max(3, Math.ceil(pages.length * 0.1)));
  const running = (l: PdfLine, page: number) => {
    const paged = pagedKey(l, page);
    return (count.get(edgeKey(l.text)) ?? 0) >= minPages || (paged !== null && (count.get(paged) ?? 0) >= 2);
  };
  return pages.map((p) => {
    const drop = new Set(edgeLines(p).filter((l) => isPageNumber(l.text) || running(l, p.page)));
    return { ...p, lines: p.lines.filter((l) => !drop.has(l)) };
  });
}
