import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import type { FrontMatter } from './schema.js';

/**
 * Metadata for a PDF or text file lives beside it in NAME.ext.meta.yaml (same fields as
 * Markdown front matter), so deployers can drop official PDFs in without editing them.
 * Returns null when there is no sidecar; the loader validates the merged result.
 */
export async function readSidecar(file: string): Promise<Partial<FrontMatter> | null> {
  let raw: string;
  try {
    raw = await readFile(`${file}.meta.yaml`, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  let parsed: unknown;
  try {
    parsed = parseYaml(raw);
  } catch (e) {
    throw new Error(`${file}.meta.yaml is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`${file}.meta.yaml must be a mapping of front-matter fields`);
  }
  return parsed as Partial<FrontMatter>;
}
