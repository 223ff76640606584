import { resolve } from 'node:path';
import { chunkDocuments } from '../../knowledge/chunker.js';
import { loadKnowledge } from '../../knowledge/loader.js';
import type { DocumentSection } from '../../knowledge/model.js';
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
    if (pages !== '') out.push(...pagedSections(d.sections));
  }
  out.push('');
  out.push(`total: ${k.documents.length} documents, ${k.documents.reduce((s, d) => s + d.sections.length, 0)} sections, ${chunks.length} chunks`);
  out.push(`faq: ${k.faq.length} entries, ${k.faq.reduce((s, f) => s + f.entry.questions.length, 0)} question forms (${[...new Set(k.faq.map((f) => f.file))].join(', ') || 'none'})`);
  const forms = k.documents.flatMap((d) => d.forms ?? []);
  out.push(`question forms: ${forms.reduce((s, f) => s + f.forms.length, 0)} for ${forms.length} sentences of ${k.documents.filter((d) => d.forms?.length).length} documents`);
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

/** PDF sections with the pages they cite, so curators can see how a PDF was split ("p.2-3 第2章 > (1) 規程"). */
function pagedSections(sections: DocumentSection[]): string[] {
  const out: { path: string; from: number; to: number }[] = [];
  for (const s of sections) {
    const path = s.path.length > 0 ? s.path.join(' > ') : '(no heading)';
    const last = out.at(-1);
    if (last && last.path === path && s.page !== null && s.page <= last.to + 1) last.to = Math.max(last.to, s.page);
    else out.push({ path, from: s.page ?? 0, to: s.page ?? 0 });
  }
  return out.map((x) => `      p.${x.from}${x.to > x.from ? `-${x.to}` : ''} ${x.path}`);
}
