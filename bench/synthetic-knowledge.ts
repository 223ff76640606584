import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A knowledge folder `factor` times the shipped one: the shipped files plus (factor-1) altered
 * copies of every document (new ids, shifted figures, extra made-up terms), so that vocabulary
 * and postings grow roughly as a real, larger knowledge base would.
 */
export function makeSyntheticKnowledge(shippedDir: string, factor: number): string {
  const dir = mkdtempSync(join(tmpdir(), `telework-kb-x${factor}-`));
  cpSync(shippedDir, dir, { recursive: true });
  const docsDir = join(dir, 'docs');
  const docs = readdirSync(docsDir).filter((f) => f.endsWith('.md'));
  for (let i = 1; i < factor; i++) {
    for (const file of docs) {
      const src = readFileSync(join(docsDir, file), 'utf8');
      const end = src.indexOf('\n---', 4);
      const frontMatter = src
        .slice(0, end)
        .replace(/^id: (.+)$/m, `id: $1-syn${i}`)
        .replace(/^title: (.+)$/m, `title: $1 (合成資料${i})`);
      const body = src
        .slice(end)
        .replace(/\d+/g, (d) => String(Number(d) + i))
        .replace(/。/g, `。合成語${(i * 7919) % 100003}の説明です。`);
      const out = frontMatter + body;
      writeFileSync(join(docsDir, file.replace(/\.md$/, `-syn${i}.md`)), out);
    }
  }
  return dir;
}
