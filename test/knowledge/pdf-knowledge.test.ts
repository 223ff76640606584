import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { runKnowledgeCheck } from '../../src/cli/commands/knowledge-check.js';
import { TeleworkBot } from '../../src/core/bot.js';
import { KnowledgeError, loadKnowledge } from '../../src/knowledge/loader.js';
import { GUIDE_TITLE, makeGuidePdf, makeScannedPdf } from '../support/make-japanese-pdf.js';

const MINI = fileURLToPath(new URL('../fixtures/knowledge-mini', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../fixtures/pdf', import.meta.url));

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

/** A KNOWLEDGE_DIR with the committed guide PDF and its sidecar (plus extra files). */
function knowledgeDir(extra: Record<string, Uint8Array | string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'kb-pdf-'));
  made.push(dir);
  copyFileSync(join(FIXTURES, 'telework-guide-test.pdf'), join(dir, 'telework-guide-test.pdf'));
  copyFileSync(join(FIXTURES, 'telework-guide-test.pdf.meta.yaml'), join(dir, 'telework-guide-test.pdf.meta.yaml'));
  for (const [name, content] of Object.entries(extra)) writeFileSync(join(dir, name), content);
  return dir;
}

describe('PDFs in a knowledge folder', () => {
  it('load through the real loader with sidecar metadata, sections and pages', async () => {
    const k = await loadKnowledge([MINI, knowledgeDir()]);
    expect(k.problems).toEqual([]);
    const doc = k.documents.find((d) => d.file === 'telework-guide-test.pdf')!;
    expect(doc.meta).toMatchObject({ id: 'telework-guide-test', kind: 'handbook', issuer: '試験用総務部', issuedWareki: '令和5年10月1日', office: 'hr' });
    expect(doc.sections.map((s) => [s.page, s.heading])).toEqual([
      [1, null],
      [1, '第1章 目的'],
      [2, '(1) 規程の整備'],
      [2, '(2) 端末とVPNの準備'],
      [3, '端末の貸出し'],
      [3, '第3章 相談窓口'],
    ]);
  });

  it('without a sidecar, take the id from the file name and the title from the PDF', async () => {
    const dir = knowledgeDir({ 'Guide 2023.pdf': makeGuidePdf(), 'untitled.pdf': makeGuidePdf({ infoTitle: null }) });
    const k = await loadKnowledge([MINI, dir]);
    expect(k.problems).toEqual([]);
    expect(k.documents.find((d) => d.file === 'Guide 2023.pdf')?.meta).toMatchObject({ id: 'guide-2023', title: GUIDE_TITLE, kind: 'reference' });
    expect(k.documents.find((d) => d.file === 'untitled.pdf')?.meta.title).toBe('untitled.pdf');
  });

  it('answer a question from the PDF, citing the document and the page', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new Error('network access attempted'))));
    const bot = await TeleworkBot.create({ baseKnowledgeDir: MINI, knowledgeDirs: [knowledgeDir()] });
    const r = await bot.ask('テレワーク用の端末の貸出期間は最長何日ですか?');
    expect(r.answer.answer).toContain('最長90日');
    const source = r.detail.sources.find((s) => s.documentId === 'telework-guide-test');
    expect(source).toMatchObject({ title: 'テレワーク導入手引き(試験用)', section: '端末の貸出し', page: 3 });
    expect(r.answer.citations.map((c) => c.documentId)).toContain('telework-guide-test');

    const rate = await bot.ask('令和5年10月1日現在のテレワークの導入率は?');
    expect(rate.answer.answer).toContain('61.6%');
    expect(rate.detail.sources.find((s) => s.documentId === 'telework-guide-test')).toMatchObject({ section: '第1章 目的', page: 1 });
    // The contract's citations carry the page too (an extension of the Answer object).
    expect(rate.answer.citations.find((c) => c.documentId === 'telework-guide-test')).toMatchObject({ section: '第1章 目的', page: 1 });
    expect(vi.mocked(globalThis.fetch)).not.toHaveBeenCalled();
  });

  it('report a scanned PDF and a corrupt PDF as problems naming the file, and stop the bot', async () => {
    const dir = knowledgeDir({ 'scan.pdf': makeScannedPdf(), 'broken.pdf': makeGuidePdf().slice(0, 300) });
    const k = await loadKnowledge([MINI, dir]);
    // The problem names the file once (in `file`), not again with its absolute path.
    expect(k.problems.find((p) => p.file === 'scan.pdf')?.message).toMatch(/^no text layer: scanned PDFs need OCR first/);
    expect(k.problems.find((p) => p.file === 'broken.pdf')?.message).not.toMatch(/broken\.pdf/);
    expect(k.problems.find((p) => p.file === 'broken.pdf')?.message).toMatch(/\w/);
    // The good PDF beside them still loads.
    expect(k.documents.some((d) => d.meta.id === 'telework-guide-test')).toBe(true);
    await expect(TeleworkBot.create({ baseKnowledgeDir: MINI, knowledgeDirs: [dir] })).rejects.toThrow(KnowledgeError);
    await expect(TeleworkBot.create({ baseKnowledgeDir: MINI, knowledgeDirs: [dir] })).rejects.toThrow(/scan\.pdf/);
  });

  it('are listed by `knowledge check` with their sections and pages', async () => {
    const dir = knowledgeDir();
    let printed = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed += String(chunk);
      return true;
    });
    const code = await runKnowledgeCheck([MINI, dir]);
    vi.restoreAllMocks();
    expect(code).toBe(0);
    expect(printed).toMatch(/telework-guide-test \(handbook\) telework-guide-test\.pdf: 6 sections, \d+ chunks, pages 3 — テレワーク導入手引き\(試験用\)/);
    expect(printed).toContain('p.1 第1章 目的');
    expect(printed).toContain('p.2 第2章 導入の手順 > (1) 規程の整備');
    expect(printed).toContain('p.3 第2章 導入の手順 > 端末の貸出し');
    expect(printed).toContain('no problems found');
  });
});
