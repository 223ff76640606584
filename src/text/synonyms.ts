import { foldLoanwordHiragana, normalizeForMatch } from './normalize.js';
import { escapeRegExp } from './regexp.js';

/** The folded form synonyms and coverage are matched on (normalised, kana folded). */
export const foldForMatch = (text: string): string => foldLoanwordHiragana(normalizeForMatch(text));

const RECENT_MAX = 8;

/** Web and mail addresses in folded text. */
const ADDRESS = /https?:\/\/[^\s、。)）」]+|www\.[^\s、。)）」]+|[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/g;

const isAscii = (s: string): boolean => /^[\x20-\x7e]+$/.test(s);

/** A hyphen between Latin letters or digits as a space (the same length: offsets are kept). */
const unhyphenated = (s: string): string => s.replace(/(?<=[a-z0-9])-(?=[a-z0-9])/g, ' ');

export interface SynonymMatch {
  /** The text found in the query (folded). */
  found: string;
  /** Start and end offsets in the folded query. */
  start: number;
  end: number;
  /** Every member of the group (folded), the found one included. */
  alternatives: string[];
}

/**
 * Query-time synonym expansion from knowledge/synonyms.yaml: curators add groups
 * without touching code. Latin-script members match on word boundaries; Japanese
 * members match as substrings (Japanese has no spaces).
 */
export class SynonymExpander {
  /** `key`: the term as the scan looks for it (Latin terms with a space for each hyphen). */
  private readonly entries: { term: string; key: string; pattern: RegExp | null; group: string[] }[] = [];
  /** Entries (by position in `entries`) by the first UTF-16 unit of their term: a query is scanned once, not once per term. */
  private readonly byFirstUnit = new Map<number, number[]>();
  /** Scratch marks of match(): which entries were found in the current query. */
  private readonly found: Uint8Array;
  /** The last few results: one question is matched by the index, the router and the FAQ matcher in turn. */
  private readonly recent = new Map<string, readonly SynonymMatch[]>();

  constructor(groups: string[][]) {
    for (const raw of groups) {
      const group = [...new Set(raw.map(foldForMatch))].filter((t) => t.trim() !== '');
      for (const term of group) {
        // English compounds are written both ways (shoulder surfing, shoulder-surfing; wi-fi, wi fi): a space
        // or a hyphen between a Latin term's words matches either.
        const ascii = isAscii(term);
        const key = ascii ? unhyphenated(term) : term;
        const pattern = ascii
          ? new RegExp(`(?<![a-z0-9])${key.split(' ').map(escapeRegExp).join('[ -]')}s?(?![a-z0-9])`, 'g')
          : null;
        this.entries.push({ term, key, pattern, group });
      }
    }
    // Longest first so that 特別交付税 wins over 交付税 for the same span.
    this.entries.sort((a, b) => b.term.length - a.term.length);
    this.entries.forEach(({ key }, i) => {
      const unit = key.charCodeAt(0);
      const list = this.byFirstUnit.get(unit);
      if (list) list.push(i);
      else this.byFirstUnit.set(unit, [i]);
    });
    this.found = new Uint8Array(this.entries.length);
  }

  /** Positions in `entries` of the terms that occur in the text (as substrings), in ascending order. */
  private present(text: string): number[] {
    const folded = unhyphenated(text);
    const out: number[] = [];
    for (let i = 0; i < folded.length; i++) {
      const list = this.byFirstUnit.get(folded.charCodeAt(i));
      if (list === undefined) continue;
      for (const e of list) {
        if (this.found[e] === 0 && folded.startsWith(this.entries[e]!.key, i)) {
          this.found[e] = 1;
          insertSorted(out, e, (x) => x);
        }
      }
    }
    for (const e of out) this.found[e] = 0;
    return out;
  }

  /** The groups (folded, deduplicated): the `alternatives` arrays of the matches. */
  get groups(): readonly string[][] {
    return [...new Set(this.entries.map((e) => e.group))];
  }

  /** Non-overlapping group matches in a folded query, longest terms first (do not mutate the result). */
  matches(folded: string): readonly SynonymMatch[] {
    const cached = this.recent.get(folded);
    if (cached !== undefined) return cached;
    const found = this.match(folded);
    if (this.recent.size >= RECENT_MAX) this.recent.delete(this.recent.keys().next().value!);
    this.recent.set(folded, found);
    return found;
  }

  private match(text: string): SynonymMatch[] {
    // A web or mail address names no concept (https://…/login, sodan@…): blanked, offsets kept.
    const folded = text.replace(ADDRESS, (a) => ' '.repeat(a.length));
    // Kept in order of position; a span is taken only where no earlier (longer or earlier) one is.
    const out: SynonymMatch[] = [];
    const take = (start: number, end: number, term: string, group: string[]): void => {
      for (const m of out) if (end > m.start && start < m.end) return;
      insertSorted(out, { found: term, start, end, alternatives: group }, (m) => m.start);
    };
    // Only terms that occur as substrings can match (longest first, as sorted); the regex of a
    // Latin-script term then checks its word boundaries.
    for (const e of this.present(folded)) {
      const { term, pattern, group } = this.entries[e]!;
      if (pattern) {
        pattern.lastIndex = 0;
        for (let m = pattern.exec(folded); m !== null; m = pattern.exec(folded)) take(m.index, m.index + m[0].length, term, group);
      } else {
        for (let i = folded.indexOf(term); i >= 0; i = folded.indexOf(term, i + 1)) {
          // A term ending in で before す is the copula (なんですか holds なんで, "why", only by accident).
          if (term.endsWith('で') && folded[i + term.length] === 'す') continue;
          take(i, i + term.length, term, group);
        }
      }
    }
    return out;
  }
}

/** Inserts into an array kept in ascending order of `key` (a few items: no sort, no copy). */
function insertSorted<T>(items: T[], item: T, key: (x: T) => number): void {
  let i = items.length;
  items.push(item);
  while (i > 0 && key(items[i - 1]!) > key(item)) {
    items[i] = items[i - 1]!;
    i--;
  }
  items[i] = item;
}
