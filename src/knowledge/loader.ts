import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ZodError } from 'zod';
import type { FaqEntry } from '../faq/model.js';
import { FaqFileSchema } from '../faq/schema.js';
import { citableDocuments, faqProblems } from '../faq/validate.js';
import { attachForms } from './forms.js';
import { FrontMatterError, parseMarkdownSections, splitFrontMatter } from './markdown.js';
import type { KnowledgeDocument, KnowledgeProblem } from './model.js';
import {
  type Contacts,
  ContactsSchema,
  type FrontMatter,
  FrontMatterSchema,
  type QuestionForms,
  QuestionFormsSchema,
  type Synonyms,
  SynonymsSchema,
} from './schema.js';

export interface LoadedKnowledge {
  documents: KnowledgeDocument[];
  contacts: Contacts;
  synonyms: Synonyms;
  problems: KnowledgeProblem[];
  /** Curated FAQ entries (faq/*.yaml in any folder), with the file each came from. */
  faq: { entry: FaqEntry; file: string }[];
  /** The folders read, in order (shipped first). */
  dirs: string[];
}

/** Thrown when a knowledge folder has problems and the caller asked for a strict load. */
export class KnowledgeError extends Error {
  constructor(readonly problems: KnowledgeProblem[]) {
    super(
      `knowledge has ${problems.length} problem(s): ` +
        problems.map((p) => `${p.file}${p.field ? ` (${p.field})` : ''}: ${p.message}`).join('; '),
    );
    this.name = 'KnowledgeError';
  }
}

const zodProblems = (file: string, error: ZodError): KnowledgeProblem[] =>
  error.issues.map((i) => ({ file, field: i.path.length > 0 ? i.path.join('.') : null, message: i.message }));

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full)));
    else out.push(full);
  }
  return out.sort();
}

const slug = (name: string): string =>
  name
    .toLowerCase()
    .replace(/\.[^.]+$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'document';

async function loadMarkdown(file: string, rel: string, problems: KnowledgeProblem[]): Promise<KnowledgeDocument | null> {
  let split;
  try {
    split = splitFrontMatter(await readFile(file, 'utf8'));
  } catch (e) {
    if (e instanceof FrontMatterError) {
      problems.push({ file: rel, field: null, message: e.message });
      return null;
    }
    throw e;
  }
  const meta = FrontMatterSchema.safeParse(split.frontMatter ?? {});
  if (!meta.success) {
    problems.push(...zodProblems(rel, meta.error));
    return null;
  }
  const sections = parseMarkdownSections(split.body);
  if (sections.length === 0) problems.push({ file: rel, field: null, message: 'the document has no text' });
  for (const h of meta.data.secondarySections) {
    if (!sections.some((s) => s.heading === h)) problems.push({ file: rel, field: 'secondarySections', message: `no section "${h}"` });
  }
  return { meta: meta.data, file: rel, sections };
}

/** A PDF or text file: its metadata comes from a sidecar NAME.ext.meta.yaml or is derived from the file. */
async function loadExtracted(
  file: string,
  rel: string,
  problems: KnowledgeProblem[],
): Promise<KnowledgeDocument | null> {
  let extracted;
  let sidecar: Partial<FrontMatter> | null;
  try {
    // Loaded on demand: pdf.js is large and most deployments start without PDFs.
    const { readSidecar } = await import('./sidecar.js');
    sidecar = await readSidecar(file);
    if (extname(file).toLowerCase() === '.pdf') {
      const { readPdf } = await import('./pdf-reader.js');
      extracted = await readPdf(file);
    } else {
      const { readPlainText } = await import('./text-reader.js');
      extracted = readPlainText(await readFile(file, 'utf8'));
    }
  } catch (e) {
    // Readers name the absolute path; the problem line already names the file.
    problems.push({ file: rel, field: null, message: (e as Error).message.split(`${file}: `).join('') });
    return null;
  }
  const meta = FrontMatterSchema.safeParse({
    id: slug(basename(file)),
    title: extracted.title ?? basename(file),
    issuer: '(deployer-supplied document)',
    kind: 'reference',
    ...sidecar,
  });
  if (!meta.success) {
    problems.push(...zodProblems(`${rel}.meta.yaml`, meta.error));
    return null;
  }
  if (extracted.sections.length === 0) problems.push({ file: rel, field: null, message: 'no text could be extracted' });
  return { meta: meta.data, file: rel, sections: extracted.sections };
}

async function loadYaml<T>(
  file: string,
  rel: string,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: ZodError } },
  problems: KnowledgeProblem[],
): Promise<T | null> {
  let raw: unknown;
  try {
    raw = parseYaml(await readFile(file, 'utf8'));
  } catch (e) {
    problems.push({ file: rel, field: null, message: `not valid YAML: ${(e as Error).message.split('\n')[0]}` });
    return null;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    problems.push(...zodProblems(rel, parsed.error));
    return null;
  }
  return parsed.data;
}

/**
 * Read knowledge folders in order: the shipped one first, then operators' folders on top.
 * Later folders add documents, override offices by id and add synonym groups.
 * Every problem is collected (file and field); callers decide whether problems are fatal.
 */
export async function loadKnowledge(dirs: string[]): Promise<LoadedKnowledge> {
  const problems: KnowledgeProblem[] = [];
  const documents: KnowledgeDocument[] = [];
  let contacts: Contacts | null = null;
  const synonymGroups: string[][] = [];
  const domainTerms: string[] = [];
  const offTopicTerms: string[] = [];
  const faq: { entry: FaqEntry; file: string }[] = [];
  const forms: { forms: QuestionForms; file: string }[] = [];
  for (const dir of dirs) {
    let files: string[];
    try {
      files = await listFiles(dir);
    } catch (e) {
      problems.push({ file: dir, field: null, message: `cannot read the folder: ${(e as Error).message}` });
      continue;
    }
    for (const file of files) {
      const rel = relative(dir, file) || basename(file);
      const name = basename(file).toLowerCase();
      const ext = extname(name);
      // forms/<document-id>.yaml is named after its document, whatever that is (contacts.yaml too).
      if ((ext === '.yaml' || ext === '.yml') && rel.split(/[\\/]/).slice(0, -1).includes('forms')) {
        const f = await loadYaml(file, rel, QuestionFormsSchema, problems);
        if (f) forms.push({ forms: f, file: rel });
      } else if (name === 'contacts.yaml' || name === 'contacts.yml') {
        const c = await loadYaml(file, rel, ContactsSchema, problems);
        if (c) contacts = mergeContacts(contacts, c);
      } else if (name === 'synonyms.yaml' || name === 'synonyms.yml') {
        const s = await loadYaml(file, rel, SynonymsSchema, problems);
        if (s) {
          synonymGroups.push(...s.groups);
          domainTerms.push(...s.domain);
          offTopicTerms.push(...s.offTopic);
        }
      } else if ((ext === '.yaml' || ext === '.yml') && rel.split(/[\\/]/).slice(0, -1).includes('faq')) {
        const f = await loadYaml(file, rel, FaqFileSchema, problems);
        if (f) faq.push(...f.entries.map((entry) => ({ entry, file: rel })));
      } else if (ext === '.md' && name !== 'readme.md') {
        const d = await loadMarkdown(file, rel, problems);
        if (d) documents.push(d);
      } else if (ext === '.pdf' || ext === '.txt') {
        const d = await loadExtracted(file, rel, problems);
        if (d) documents.push(d);
      }
    }
  }
  const seen = new Map<string, string>();
  for (const d of documents) {
    const other = seen.get(d.meta.id);
    if (other !== undefined) problems.push({ file: d.file, field: 'id', message: `duplicate id "${d.meta.id}" (also in ${other})` });
    seen.set(d.meta.id, d.file);
  }
  problems.push(...attachForms(documents, forms));
  if (contacts === null) {
    problems.push({ file: 'contacts.yaml', field: null, message: 'no valid contacts.yaml found' });
    contacts = { defaultOffice: 'hr', offices: [], referrals: [] };
  }
  for (const d of documents) {
    if (d.meta.office !== undefined && !contacts.offices.some((o) => o.id === d.meta.office)) {
      problems.push({ file: d.file, field: 'office', message: `unknown office "${d.meta.office}" (not in contacts.yaml)` });
    }
    for (const [heading, office] of Object.entries(d.meta.sectionOffices)) {
      if (!contacts.offices.some((o) => o.id === office)) {
        problems.push({ file: d.file, field: 'sectionOffices', message: `unknown office "${office}" for section "${heading}" (not in contacts.yaml)` });
      }
      if (!d.sections.some((s) => s.heading === heading)) {
        problems.push({ file: d.file, field: 'sectionOffices', message: `no section "${heading}"` });
      }
    }
  }
  problems.push(
    ...faqProblems(
      faq,
      citableDocuments(documents),
      contacts.offices.map((o) => o.id),
    ),
  );
  return { documents, contacts, synonyms: { groups: synonymGroups, domain: domainTerms, offTopic: offTopicTerms }, problems, faq, dirs };
}

function mergeContacts(base: Contacts | null, add: Contacts): Contacts {
  if (base === null) return add;
  const offices = new Map(base.offices.map((o) => [o.id, o]));
  for (const o of add.offices) offices.set(o.id, o);
  const referrals = new Map(base.referrals.map((r) => [r.id, r]));
  for (const r of add.referrals) referrals.set(r.id, r);
  return { defaultOffice: base.defaultOffice, offices: [...offices.values()], referrals: [...referrals.values()] };
}
