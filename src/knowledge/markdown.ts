import { parse as parseYaml } from 'yaml';
import type { DocumentSection } from './model.js';

export interface ParsedMarkdown {
  frontMatter: unknown;
  sections: DocumentSection[];
}

export class FrontMatterError extends Error {}

/** Split `---` front matter from the body; the front matter is parsed as YAML, not yet validated. */
export function splitFrontMatter(source: string): { frontMatter: unknown; body: string } {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const m = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text);
  if (!m) throw new FrontMatterError('front matter (--- … ---) is missing at the top of the file');
  let frontMatter: unknown;
  try {
    frontMatter = parseYaml(m[1]!);
  } catch (e) {
    throw new FrontMatterError(`front matter is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  return { frontMatter, body: text.slice(m[0].length) };
}

/** Markdown inline syntax to plain text; link targets are kept in parentheses so URLs stay citable. */
export function markdownToPlain(line: string): string {
  return line
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, (_m, t: string, u: string) => (t === u ? u : `${t}(${u})`))
    .replace(/<(https?:\/\/[^>]+)>/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/__([^_]+)__/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\\([\\_*[\]()#])/g, '$1');
}

/** Sections by ATX headings (#, ##, ###…), with the heading path from the top. */
export function parseMarkdownSections(body: string): DocumentSection[] {
  const sections: DocumentSection[] = [];
  const stack: { level: number; heading: string }[] = [];
  let current: { heading: string | null; path: string[]; lines: string[] } = { heading: null, path: [], lines: [] };
  const flush = (): void => {
    const text = current.lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
    if (text !== '') sections.push({ heading: current.heading, path: current.path, text, page: null });
  };
  let inFence = false;
  for (const raw of body.split('\n')) {
    if (/^```/.test(raw)) inFence = !inFence;
    const h = inFence ? null : /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(raw);
    if (h) {
      flush();
      const level = h[1]!.length;
      const heading = markdownToPlain(h[2]!);
      while (stack.length > 0 && stack[stack.length - 1]!.level >= level) stack.pop();
      stack.push({ level, heading });
      current = { heading, path: stack.map((s) => s.heading), lines: [] };
      continue;
    }
    const line = markdownToPlain(raw.replace(/^\s*(?:[-*+]|\d+\.)\s+/, '・').replace(/^>\s?/, ''));
    current.lines.push(line.trim() === '・' ? '' : line);
  }
  flush();
  return sections;
}
