import { resolve } from 'node:path';
import { chunkDocuments } from '../../knowledge/chunker.js';
import { loadKnowledge } from '../../knowledge/loader.js';
import { shippedKnowledgeDir } from '../../knowledge/paths.js';

/**
 * Validates knowledge folders (default: the shipped one plus KNOWLEDGE_DIR) and prints
 * what would be indexed, then every problem found. Exit 1 when there is any problem.
 */
export async function runKnowledgeCheck(dirs: string[]): Promise<number> {
  const folders =
    dirs.length > 0
      ? dirs.map((d) => resolve(d))
      : [shippedKnowledgeDir(), ...(process.env.KNOWLEDGE_DIR?.trim() ? [resolve(process.env.KNOWLEDGE_DIR.trim())] : [])];
  const k = await loadKnowledge(folders);
  const chunks = await chunkDocuments(k.documents);
  const out: string[] = [`folders: ${folders.join(', ')}`, ''];
  out.push('documents:');
  for (const d of k.documents) {
    const n = chunks.filter((c) => c.documentId === d.meta.id).length;
    const pages = d.sections.some((s) => s.page !== null) ? `, pages ${Math.max(...d.sections.map((s) => s.page ?? 0))}` : '';
    out.push(`  ${d.meta.id} (${d.meta.kind}) ${d.file}: ${d.sections.length} sections, ${n} chunks${pages} — ${d.meta.title}`);
  }
  out.push('');
  out.push(`total: ${k.documents.length} documents, ${k.documents.reduce((s, d) => s + d.sections.length, 0)} sections, ${chunks.length} chunks`);
  out.push(`offices: ${k.contacts.offices.map((o) => o.id).join(', ') || '(none)'}; referrals: ${k.contacts.referrals.length}; synonym groups: ${k.synonyms.groups.length}`);
  if (k.problems.length > 0) {
    out.push('', `problems (${k.problems.length}):`);
    for (const p of k.problems) out.push(`  ${p.file}${p.field ? ` [${p.field}]` : ''}: ${p.message}`);
  } else {
    out.push('no problems found');
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return k.problems.length > 0 ? 1 : 0;
}
