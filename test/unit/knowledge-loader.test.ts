import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { TeleworkBot } from '../../src/core/bot.js';
import { chunkDocuments } from '../../src/knowledge/chunker.js';
import { KnowledgeError, loadKnowledge } from '../../src/knowledge/loader.js';
import { parseMarkdownSections } from '../../src/knowledge/markdown.js';

const MINI = fileURLToPath(new URL('../fixtures/knowledge-mini', import.meta.url));

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function copyMini(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kb-test-'));
  made.push(dir);
  cpSync(MINI, dir, { recursive: true });
  return dir;
}

describe('knowledge loading and validation', () => {
  it('loads documents, contacts and synonyms without problems', async () => {
    const k = await loadKnowledge([MINI]);
    expect(k.problems).toEqual([]);
    expect(k.documents.map((d) => d.meta.id).sort()).toEqual(['mini-contacts', 'mini-security', 'mini-support']);
    expect(k.contacts.offices.map((o) => o.id)).toEqual(['hr', 'security']);
    expect(k.synonyms.groups.length).toBe(3);
  });

  it('names the file and the field of a malformed document', async () => {
    const dir = copyMini();
    writeFileSync(
      join(dir, 'docs', 'bad.md'),
      '---\nid: Bad Id\ntitle: x\nissuer: y\nissued: 2023-13-45\nkind: memo\n---\n## a\ntext\n',
    );
    const k = await loadKnowledge([dir]);
    const fields = k.problems.filter((p) => p.file === join('docs', 'bad.md')).map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['id', 'issued', 'kind']));
    await expect(TeleworkBot.create({ baseKnowledgeDir: dir })).rejects.toThrow(KnowledgeError);
    await expect(TeleworkBot.create({ baseKnowledgeDir: dir })).rejects.toThrow(/bad\.md \(id\)/);
  });

  it('reports missing front matter, unknown keys, unknown offices and duplicate ids', async () => {
    const dir = copyMini();
    writeFileSync(join(dir, 'docs', 'nofm.md'), '## 見出し\n本文です。\n');
    writeFileSync(join(dir, 'docs', 'extra.md'), '---\nid: extra\ntitle: t\nissuer: i\nkind: faq\ncolour: red\n---\n本文です。\n');
    writeFileSync(join(dir, 'docs', 'office.md'), '---\nid: office-x\ntitle: t\nissuer: i\nkind: faq\noffice: nowhere\n---\n本文です。\n');
    writeFileSync(join(dir, 'docs', 'dup.md'), '---\nid: mini-support\ntitle: t\nissuer: i\nkind: faq\n---\n本文です。\n');
    const k = await loadKnowledge([dir]);
    const byFile = (f: string) => k.problems.filter((p) => p.file === join('docs', f));
    expect(byFile('nofm.md')[0]!.message).toMatch(/front matter/);
    expect(byFile('extra.md')[0]!.message).toMatch(/colour/);
    expect(byFile('office.md')[0]).toMatchObject({ field: 'office' });
    expect(k.problems.find((p) => p.field === 'id' && /duplicate id "mini-support"/.test(p.message))).toBeDefined();
  });

  it('dates a document to the month when its source gives only a month, and marks secondary sections', async () => {
    const dir = copyMini();
    writeFileSync(
      join(dir, 'docs', 'month.md'),
      '---\nid: month\ntitle: t\nissuer: i\nissued: 2021-04\nissuedWareki: 令和3年4月\nkind: reference\nsecondarySections: [解説(二次情報)]\n---\n## 本文\n一次資料の文です。\n## 解説(二次情報)\n二次資料の文です。\n',
    );
    writeFileSync(join(dir, 'docs', 'feb.md'), '---\nid: feb\ntitle: t\nissuer: i\nissued: 2023-02-30\nkind: reference\n---\n本文です。\n');
    writeFileSync(join(dir, 'docs', 'nosec.md'), '---\nid: nosec\ntitle: t\nissuer: i\nkind: reference\nsecondarySections: [ない節]\n---\n## ある節\n本文です。\n');
    const k = await loadKnowledge([dir]);
    expect(k.problems.map((p) => `${p.file} ${p.field}`).sort()).toEqual([join('docs', 'feb.md') + ' issued', join('docs', 'nosec.md') + ' secondarySections']);
    const chunks = (await chunkDocuments(k.documents)).filter((c) => c.documentId === 'month');
    expect(chunks.map((c) => [c.section, c.issued, c.secondary])).toEqual([
      ['本文', '2021-04', false],
      ['解説(二次情報)', '2021-04', true],
    ]);
  });

  it('gives a section the office its front matter names for it, and reports unknown offices and headings there', async () => {
    const dir = copyMini();
    writeFileSync(
      join(dir, 'docs', 'split.md'),
      '---\nid: split\ntitle: t\nissuer: i\nkind: notice\noffice: hr\nsectionOffices:\n  セキュリティ対策: security\n---\n## 導入状況\n導入率の文です。\n## セキュリティ対策\n対策の文です。\n',
    );
    writeFileSync(join(dir, 'docs', 'bad.md'), '---\nid: bad\ntitle: t\nissuer: i\nkind: notice\nsectionOffices:\n  ない節: security\n  ある節: nobody\n---\n## ある節\n本文です。\n');
    const k = await loadKnowledge([dir]);
    expect(k.problems.map((p) => `${p.file} ${p.field} ${p.message}`).sort()).toEqual([
      `${join('docs', 'bad.md')} sectionOffices no section "ない節"`,
      `${join('docs', 'bad.md')} sectionOffices unknown office "nobody" for section "ある節" (not in contacts.yaml)`,
    ]);
    const chunks = (await chunkDocuments(k.documents)).filter((c) => c.documentId === 'split');
    expect(chunks.map((c) => [c.section, c.office])).toEqual([
      ['導入状況', 'hr'],
      ['セキュリティ対策', 'security'],
    ]);
  });

  it('lets an operator folder add documents and override an office', async () => {
    const extra = mkdtempSync(join(tmpdir(), 'kb-extra-'));
    made.push(extra);
    writeFileSync(join(extra, 'local.md'), '---\nid: local-rule\ntitle: 当市のテレワーク規程\nissuer: 当市\nkind: faq\n---\n## 実施回数\n当市の在宅勤務は週2日までです。\n');
    writeFileSync(
      join(extra, 'contacts.yaml'),
      'offices:\n  - id: hr\n    name: 当市 人事課\n    shortName: 人事課\n    handles: [テレワーク]\n',
    );
    const bot = await TeleworkBot.create({ baseKnowledgeDir: MINI, knowledgeDirs: [extra] });
    expect(bot.office('hr')?.shortName).toBe('人事課');
    expect((await bot.ask('在宅勤務は週何日まで?')).answer.answer).toContain('週2日');
  });

  it('parses heading paths and keeps list items and link targets', () => {
    const s = parseMarkdownSections('# 上\n前文\n## 中\n- 項目 [資料](https://example.invalid/a.pdf)\n### 下\n本文\n## 次\n文');
    expect(s.map((x) => x.path)).toEqual([['上'], ['上', '中'], ['上', '中', '下'], ['上', '次']]);
    expect(s[1]!.text).toBe('・項目 資料(https://example.invalid/a.pdf)');
  });

  it('keeps sections whole and splits long ones at sentence ends', async () => {
    const sentence = 'テレワークの導入に向けた検討を進めるための長い説明の文です。';
    const long = sentence.repeat(40);
    const chunks = await chunkDocuments([
      {
        file: 'x.md',
        meta: { id: 'x', title: 'X', issuer: 'i', documentNumber: null, issued: null, issuedWareki: null, url: null, kind: 'faq', tags: [], secondary: false, secondarySections: [], sectionOffices: {} },
        sections: [{ heading: 'h', path: ['h'], text: long, page: null }],
      },
    ]);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(c.text.length).toBeLessThanOrEqual(600);
      expect(c.text.endsWith('。')).toBe(true);
      expect(c.section).toBe('h');
    }
  });
});
