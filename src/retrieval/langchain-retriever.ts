import type { CallbackManagerForRetrieverRun } from '@langchain/core/callbacks/manager';
import { Document } from '@langchain/core/documents';
import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers';
import type { KnowledgeIndex } from './knowledge-index.js';

export interface KnowledgeRetrieverInput extends BaseRetrieverInput {
  index: KnowledgeIndex;
  k?: number;
}

/**
 * The knowledge index as a LangChain retriever, so an operator can swap in a vector
 * store or an ensemble (hybrid) retriever without touching the rest of the bot.
 * (The community BM25 retriever splits on spaces and cannot rank Japanese.)
 */
export class KnowledgeRetriever extends BaseRetriever {
  static override lc_name(): string {
    return 'KnowledgeRetriever';
  }
  lc_namespace = ['telework-bot', 'retrievers'];
  private readonly index: KnowledgeIndex;
  private readonly k: number;

  constructor(fields: KnowledgeRetrieverInput) {
    super(fields);
    this.index = fields.index;
    this.k = fields.k ?? 4;
  }

  override async _getRelevantDocuments(query: string, _runManager?: CallbackManagerForRetrieverRun): Promise<Document[]> {
    const hits = this.index.search(this.index.analyze(query), this.k);
    return hits.map(
      (h) =>
        new Document({
          pageContent: h.chunk.text,
          id: h.chunk.id,
          metadata: {
            chunkId: h.chunk.id,
            documentId: h.chunk.documentId,
            title: h.chunk.title,
            section: h.chunk.section,
            url: h.chunk.url,
            issued: h.chunk.issued,
            page: h.chunk.page,
            score: h.score,
            coverage: h.coverage,
          },
        }),
    );
  }
}
