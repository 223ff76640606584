import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { extractPdf, PdfReadError, readPdf } from '../../src/knowledge/pdf-reader.js';
import {
  GUIDE_PAGES,
  GUIDE_RUNNING_HEADER,
  GUIDE_TITLE,
  guideSpec,
  makeGuidePdf,
  makePdf,
  makeScannedPdf,
} from '../support/make-japanese-pdf.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

function writeTemp(name: string, bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-reader-'));
  made.push(dir);
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** What the reader should give for a source line: the ideographic space of headings becomes one space. */
const expected = (s: string) => s.replace(/\u3000/g, ' ');

/** Every paragraph of the guide, as the text should come out. */
const PARAGRAPHS = GUIDE_PAGES.flatMap((blocks, i) => blocks.filter((b) => b.kind === 'para').map((b) => ({ page: i + 1, text: expected(b.text) })));

describe('PDF text extraction (real pdf.js)', () => {
  it('extracts the Japanese text exactly, page by page, with wrapped lines joined', async () => {
    const r = await extractPdf(writeTemp('guide.pdf', makeGuidePdf()));
    expect(r.pageCount).toBe(3);
    const byPage = (page: number) => r.sections.filter((s) => s.page === page).map((s) => s.text).join('\n');
    for (const p of PARAGRAPHS) expect(byPage(p.page).split('\n')).toContain(p.text);
    // Figures survive exactly: no spaces pdf.js inferred from the gaps around digits and Latin text.
    expect(byPage(1)).toContain('令和5年10月1日現在、試験用の架空の団体におけるテレワークの導入率は61.6%です。');
    expect(byPage(3)).toContain('試験用ヘルプデスク(内線4321)が平日9時から17時まで');
    // Spaces between Latin words stay.
    expect(byPage(2)).toContain('VPN (Virtual Private Network)を使います。');
    // A sentence wrapped over two lines (and a 。 pushed to the next line) is one line again.
    expect(byPage(2)).toContain('申請の方法を定めてください。在宅勤務の上限は週3日とし、');
    expect(byPage(1)).toContain('まとめたものです。\n');
  });

  it('drops running headers and page numbers, and nothing else', async () => {
    const r = await extractPdf(writeTemp('guide.pdf', makeGuidePdf()));
    const all = r.pages.flatMap((p) => p.lines.map((l) => l.text));
    expect(all.some((t) => t.includes(expected(GUIDE_RUNNING_HEADER)))).toBe(false);
    expect(all.some((t) => /^- \d -$/.test(t))).toBe(false);
    expect(r.sections.map((s) => s.text).join('\n')).not.toMatch(/- [123] -|実在の手引きではありません/);
    // The cover lines stay (they appear once).
    expect(r.pages[0]!.lines.map((l) => l.text)).toEqual(expect.arrayContaining([GUIDE_TITLE, '令和5年10月 試験用総務部']));
  });

  it('without an outline, finds the numbered headings and nests (1)/(2) under 第2章, with pages', async () => {
    const r = await extractPdf(writeTemp('guide.pdf', makeGuidePdf({ outline: false })));
    expect(r.outline).toEqual([]);
    expect(r.sections.map((s) => [s.page, s.path])).toEqual([
      [1, []],
      [1, ['第1章 目的']],
      [2, ['第2章 導入の手順', '(1) 規程の整備']],
      [2, ['第2章 導入の手順', '(2) 端末とVPNの準備']],
      // The section runs on to page 3: the piece there cites page 3. The body-size line is not a heading.
      [3, ['第2章 導入の手順', '(2) 端末とVPNの準備']],
      [3, ['第3章 相談窓口']],
    ]);
    expect(r.sections[4]!.text.split('\n')[0]).toBe('端末の貸出し');
    expect(r.sections.every((s) => s.heading === (s.path.at(-1) ?? null))).toBe(true);
  });

  it('with an outline, uses the bookmarks (even a heading set like body text) and their pages', async () => {
    const r = await extractPdf(writeTemp('guide.pdf', makeGuidePdf({ outline: true })));
    expect(r.outline.map((o) => [o.page, o.title])).toEqual([
      [1, '第1章 目的'],
      [2, '第2章 導入の手順'],
      [2, '(1) 規程の整備'],
      [2, '(2) 端末とVPNの準備'],
      [3, '端末の貸出し'],
      [3, '第3章 相談窓口'],
    ]);
    expect(r.sections.map((s) => [s.page, s.path])).toEqual([
      [1, []],
      [1, ['第1章 目的']],
      [2, ['第2章 導入の手順', '(1) 規程の整備']],
      [2, ['第2章 導入の手順', '(2) 端末とVPNの準備']],
      [3, ['第2章 導入の手順', '端末の貸出し']],
      [3, ['第3章 相談窓口']],
    ]);
    expect(r.sections[4]!.text).toBe('端末の貸出しは情報政策課が受け付け、貸出期間は最長90日です。');
  });

  it('resolves named destinations, and places a bookmark by its position when its title is not in the text', async () => {
    const named = await extractPdf(writeTemp('named.pdf', makeGuidePdf({ outline: true, namedDestinations: true })));
    expect(named.outline.map((o) => o.page)).toEqual([1, 2, 2, 2, 3, 3]);
    expect(named.sections.find((s) => s.heading === '端末の貸出し')?.page).toBe(3);

    const pdf = makePdf({
      pages: [
        {
          runs: [
            { text: '前書きの本文です。', x: 72, y: 760, size: 10.5 },
            { text: '位置だけで示された節の本文です。', x: 72, y: 600, size: 10.5 },
          ],
        },
      ],
      outline: [{ title: 'しおりだけの見出し', page: 1, top: 620 }],
    });
    const r = await extractPdf(writeTemp('pos.pdf', pdf));
    expect(r.sections.map((s) => [s.heading, s.text])).toEqual([
      [null, '前書きの本文です。'],
      ['しおりだけの見出し', '位置だけで示された節の本文です。'],
    ]);
  });

  it('detects Japanese heading styles conservatively', async () => {
    const lines: [string, number][] = [
      ['目次', 12],
      ['第２　基本方針・・・・・・・・3', 10.5],
      ['第２　基本方針', 12],
      ['本文の一行目です。', 10.5],
      ['1-1　対象者', 10.5],
      ['対象者の説明です。', 10.5],
      ['〇　実施の単位', 10.5],
      ['実施は1日単位とします。', 10.5],
      ['はじめに', 10.5],
      ['この章は本文です。', 10.5],
      // A run of short bullet lines is a list, not headings; a sentence is never a heading.
      ['■　在宅勤務', 10.5],
      ['■　サテライトオフィス勤務', 10.5],
      ['(1) 本文中の番号付きの文で、句点で終わるものです。', 10.5],
    ];
    const pdf = makePdf({ pages: [{ runs: lines.map(([text, size], i) => ({ text, x: 72, y: 760 - i * 24, size })) }] });
    const r = await extractPdf(writeTemp('styles.pdf', pdf));
    // The contents page's lines are dropped, so its heading has no text and no section.
    expect(r.sections.map((s) => s.path)).toEqual([['第２ 基本方針'], ['第２ 基本方針', '1-1 対象者'], ['第２ 基本方針', '1-1 対象者', '〇 実施の単位'], ['はじめに']]);
    expect(r.sections[3]!.text).toBe('この章は本文です。\n■ 在宅勤務\n■ サテライトオフィス勤務\n(1) 本文中の番号付きの文で、句点で終わるものです。');
  });

  it('takes the title from the Info dictionary, else gives none (the loader then uses the file name)', async () => {
    expect((await readPdf(writeTemp('a.pdf', makeGuidePdf()))).title).toBe(GUIDE_TITLE);
    expect((await readPdf(writeTemp('b.pdf', makeGuidePdf({ infoTitle: null })))).title).toBeNull();
    expect((await readPdf(writeTemp('c.pdf', makeGuidePdf({ infoTitle: 'Microsoft Word - 手引き.docx' })))).title).toBe('手引き');
  });

  it('reads a font that needs Adobe CMaps from the local pdfjs-dist files, fetching nothing', async () => {
    const fetchSpy = vi.fn(async () => {
      throw new Error('network access attempted');
    });
    vi.stubGlobal('fetch', fetchSpy);
    // UniJIS-UTF16-H without ToUnicode: without pdfjs-dist/cmaps the Japanese text would be lost.
    const r = await extractPdf(writeTemp('cmap.pdf', makeGuidePdf({ cjkEncoding: 'UniJIS-UTF16-H' })));
    const text = r.sections.map((s) => s.text).join('\n');
    expect(text).toContain('令和5年10月1日現在、試験用の架空の団体におけるテレワークの導入率は61.6%です。');
    expect(r.sections.map((s) => s.heading)).toContain('第3章 相談窓口');
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('reads a PDF encrypted with an owner password only (no password needed to open)', async () => {
    const r = await extractPdf(writeTemp('owner.pdf', makeGuidePdf({ encrypt: { userPassword: '', ownerPassword: 'owner-secret' } })));
    expect(r.title).toBe(GUIDE_TITLE);
    expect(r.sections.map((s) => s.text).join('\n')).toContain('導入率は61.6%です。');
  });

  it('names the file when the PDF needs a password', async () => {
    const file = writeTemp('locked.pdf', makeGuidePdf({ encrypt: { userPassword: 'user-secret', ownerPassword: 'owner-secret' } }));
    const err = await readPdf(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PdfReadError);
    expect((err as Error).message).toContain(file);
    expect((err as Error).message).toMatch(/encrypted with a password/);
  });

  it('names the file when the PDF is corrupt or truncated', async () => {
    const junk = writeTemp('junk.pdf', new TextEncoder().encode('this is not a PDF at all\n'.repeat(20)));
    await expect(readPdf(junk)).rejects.toThrow(new RegExp(`${junk.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not a valid PDF`));
    const empty = writeTemp('empty.pdf', new Uint8Array());
    await expect(readPdf(empty)).rejects.toThrow(/empty\.pdf: not a valid PDF/);
    const missing = join(tmpdir(), 'no-such-dir-for-pdf-test', 'gone.pdf');
    await expect(readPdf(missing)).rejects.toThrow(/gone\.pdf: cannot read the file/);
  });

  it('refuses a PDF whose text layer is not text (no usable Unicode mapping)', async () => {
    const file = writeTemp('mojibake.pdf', makePdf({ ...guideSpec(), toUnicode: 'private-use' }));
    await expect(readPdf(file)).rejects.toThrow(/mojibake\.pdf: the text layer is not readable/);
  });

  it('refuses a PDF without a text layer with a message naming the file', async () => {
    const file = writeTemp('scan.pdf', makeScannedPdf(2));
    await expect(readPdf(file)).rejects.toThrow(/scan\.pdf: no text layer: scanned PDFs need OCR first/);
  });

  it.each([true, false])('keeps pages apart (outline: %s): each section piece is on its own page', async (outline) => {
    // One chapter per page: the regular heading at each page top must not be taken for a running header.
    const r = await extractPdf(writeTemp('guide.pdf', makeGuidePdf({ outline, extraPages: 5 })));
    expect(r.pageCount).toBe(8);
    for (const s of r.sections) {
      const lines = r.pages.find((p) => p.page === s.page)!.lines.map((l) => l.text).join('');
      // Every section's text is made of lines of its own page.
      expect(lines.replace(/\s/g, '')).toContain(s.text.split('\n')[0]!.replace(/\s/g, '').slice(0, 20));
    }
    expect(r.sections.filter((s) => s.heading === '第8章 補足事項その5').map((s) => s.page)).toEqual([8]);
  });
});
