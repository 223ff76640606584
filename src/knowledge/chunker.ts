import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import type { KnowledgeChunk, KnowledgeDocument } from './model.js';

/** Sections up to this many characters stay whole: a curated section is one topic. */
const MAX_CHUNK = 600;

// Sentence per line first, so the splitter cuts at Japanese sentence ends (。) and never mid-sentence
// unless a sentence alone is too long; LangChain's keepSeparator would move 。 to the next chunk.
const splitter = new RecursiveCharacterTextSplitter({
  chunkSize: MAX_CHUNK,
  chunkOverlap: 80,
  separators: ['\n\n', '\n', '、', ''],
  keepSeparator: false,
});

async function splitSection(text: string): Promise<string[]> {
  if (text.length <= MAX_CHUNK) return [text];
  const lined = text.replace(/([。!?！？])(?!\n)/g, '$1\n');
  const parts = await splitter.splitText(lined);
  return parts.map((p) => p.replace(/([。!?！？])\n/g, '$1').trim()).filter((p) => p !== '');
}

/** Heading-aware chunks: one per section, long sections split at sentence ends. */
export async function chunkDocuments(documents: KnowledgeDocument[]): Promise<KnowledgeChunk[]> {
  const chunks: KnowledgeChunk[] = [];
  for (const doc of documents) {
    let n = 0;
    for (const section of doc.sections) {
      for (const text of await splitSection(section.text)) {
        chunks.push({
          id: `${doc.meta.id}#${++n}`,
          documentId: doc.meta.id,
          title: doc.meta.title,
          section: section.heading,
          sectionPath: section.path,
          text,
          url: doc.meta.url,
          issued: doc.meta.issued,
          issuedWareki: doc.meta.issuedWareki,
          page: section.page,
          kind: doc.meta.kind,
          tags: doc.meta.tags,
          office: (section.heading !== null ? doc.meta.sectionOffices[section.heading] : undefined) ?? doc.meta.office ?? null,
          secondary: doc.meta.secondary || (section.heading !== null && doc.meta.secondarySections.includes(section.heading)),
          forms: (doc.forms ?? []).filter((f) => text.includes(f.match)),
        });
      }
    }
  }
  return chunks;
}
