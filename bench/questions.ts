import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/knowledge/paths.js';

/** Benchmark questions: the project's eval questions (and the shared dev sample when present). */
export function benchQuestions(): string[] {
  const root = packageRoot();
  const files: string[] = [];
  const own = join(root, 'test', 'eval');
  if (existsSync(own)) files.push(...readdirSync(own).filter((f) => f.endsWith('.jsonl')).map((f) => join(own, f)));
  const dev = join(root, '..', 'shared', 'eval', 'dev.jsonl');
  if (existsSync(dev)) files.push(dev);
  const qs: string[] = [];
  for (const f of files) {
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      qs.push((JSON.parse(line) as { q: string }).q);
    }
  }
  return qs.length > 0 ? qs : ['特別交付税の措置率は?', 'テレワークの導入率は?', '問い合わせ先は?'];
}
