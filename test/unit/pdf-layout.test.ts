import { describe, expect, it } from 'vitest';
import { dropRunningHeadersAndFooters, finishLine, isPageNumber, itemsToLines, type PageLines, type PdfLine } from '../../src/knowledge/pdf/layout.js';

describe('PDF line layout', () => {
  it('drops inferred spaces next to Japanese, keeps them between Latin words and after a heading number', () => {
    expect(finishLine('令和 5 年 10 月 1 日現在、導入率は 61.6% です。')).toBe('令和5年10月1日現在、導入率は61.6%です。');
    expect(finishLine('Web 会議と VPN (Virtual Private Network) を使う')).toBe('Web会議とVPN (Virtual Private Network)を使う');
    expect(finishLine('第1章\u0001目的')).toBe('第1章 目的');
    expect(finishLine('第１章　目的')).toBe('第１章 目的');
    expect(finishLine('1 はじめに')).toBe('1 はじめに');
    expect(finishLine('(2) 端末の準備')).toBe('(2) 端末の準備');
    // A wrapped line starting with a date is not a numbered heading: the space goes.
    expect(finishLine('5 年度から実施します。')).toBe('5年度から実施します。');
    expect(finishLine('  前後の空白  ')).toBe('前後の空白');
  });

  it('joins items on one baseline and breaks at end-of-line marks and baseline changes', () => {
    const item = (str: string, x: number, y: number, hasEOL = false, width = str.length * 10) => ({ str, x, y, width, size: 10, hasEOL });
    const lines = itemsToLines([
      item('第2章', 72, 700),
      item(' ', 122, 700, false, 10), // a 1 em gap: a real separation
      item('導入', 132, 700, true),
      item('', 72, 680, true),
      item('本文の', 72, 680),
      item('続き', 102, 680.5), // same baseline (rounding), no gap: no space
      item('次の行', 72, 660), // another baseline without an EOL mark
    ]);
    expect(lines.map((l) => l.text)).toEqual(['第2章 導入', '本文の続き', '次の行']);
    expect(lines[1]).toMatchObject({ x0: 72, x1: 122, size: 10 });
  });

  it('recognises bare page numbers only', () => {
    for (const t of ['3', '- 3 -', '－３－', 'p. 12', '3 / 12', 'iv', '12ページ']) expect(isPageNumber(t)).toBe(true);
    for (const t of ['3日', '第3章', '61.6%', '令和5年']) expect(isPageNumber(t)).toBe(false);
  });

  it('drops a line repeated at the page edge on most pages, not a repeated line in the body', () => {
    const line = (text: string, y: number): PdfLine => ({ text, x0: 72, x1: 300, y, size: 10 });
    const pages: PageLines[] = [1, 2, 3, 4].map((n) => ({
      page: n,
      height: 842,
      lines: [line(`試験用資料 第${n}版`, 800), line('本文の同じ一文です。', 700), line('本文の同じ一文です。', 400), line(`${n}`, 30)],
    }));
    pages[3]!.lines.shift(); // one page without the header: still "most pages"
    const out = dropRunningHeadersAndFooters(pages);
    expect(out.map((p) => p.lines.map((l) => l.text))).toEqual([1, 2, 3, 4].map(() => ['本文の同じ一文です。', '本文の同じ一文です。']));
    // A per-chapter header carrying the page number goes even when it is on only two pages.
    const book: PageLines[] = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({
      page: n,
      height: 842,
      lines: [line(n <= 2 ? `第1章 目的 ${n + 2}` : `第2章 導入の手順 ${n + 2}`, 800), line(`本文${n}です。`, 700)],
    }));
    expect(dropRunningHeadersAndFooters(book).map((p) => p.lines.map((l) => l.text))).toEqual(book.map((p) => [`本文${p.page}です。`]));
    // A single page keeps its edge lines unless they are bare page numbers.
    expect(dropRunningHeadersAndFooters([pages[0]!])[0]!.lines.map((l) => l.text)).toEqual(['試験用資料 第1版', '本文の同じ一文です。', '本文の同じ一文です。']);
  });
});
