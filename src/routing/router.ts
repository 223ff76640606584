import type { Contacts } from '../knowledge/schema.js';
import type { RetrievalHit } from '../retrieval/knowledge-index.js';
import { foldForMatch } from '../text/synonyms.js';
import type { Intents } from './intents.js';

export interface RouteDecision {
  office: string;
  reason: string;
}

/**
 * Which office owns the question. The question's own words decide first (office keywords
 * from contacts.yaml), then incidents (always information security), then the office of the
 * best knowledge passage, then the default office.
 */
export class OfficeRouter {
  private readonly keywords: { office: string; words: string[] }[];

  constructor(private readonly contacts: Contacts) {
    this.keywords = contacts.offices.map((o) => ({ office: o.id, words: [...new Set(o.keywords.map(foldForMatch))] }));
  }

  route(question: string, intents: Intents, hits: RetrievalHit[]): RouteDecision {
    const folded = foldForMatch(question);
    const counts = this.keywords
      .map((k) => ({ office: k.office, found: k.words.filter((w) => folded.includes(w)) }))
      .filter((k) => k.found.length > 0)
      .sort((a, b) => b.found.length - a.found.length);
    const security = this.contacts.offices.find((o) => o.id === 'security');
    if (intents.incident && security) return { office: security.id, reason: 'incident report (information security)' };
    if (counts.length > 0 && (counts.length === 1 || counts[0]!.found.length > counts[1]!.found.length)) {
      return { office: counts[0]!.office, reason: `keywords: ${counts[0]!.found.join(', ')}` };
    }
    const top = hits[0];
    if (top?.chunk.office && top.coverage >= 0.3) {
      return { office: top.chunk.office, reason: `topic of ${top.chunk.documentId}` };
    }
    if (counts.length > 0) return { office: counts[0]!.office, reason: `keywords: ${counts[0]!.found.join(', ')}` };
    return { office: this.contacts.defaultOffice, reason: 'default office (telework in general)' };
  }
}
