import type { Contacts } from '../knowledge/schema.js';
import type { RetrievalHit } from '../retrieval/knowledge-index.js';
import { askingClauseOf } from '../text/background.js';
import { withoutContained } from '../text/occurrences.js';
import { foldForMatch, type SynonymExpander } from '../text/synonyms.js';
import { asciiDigits } from '../safety/normalize.js';
import type { Intents } from './intents.js';

/** Words after a topic that rule it out (以外, じゃない, の方じゃなくて). */
const NEGATED = /^(の(方|ほう|窓口|担当|件|話))?(とは|には|と|は)?(以外|じゃな|ではな|でな|は除|を除|関係な|無関係)/;
/** English words before a topic that rule it out (not security, other than security). */
const NEGATED_BEFORE = /(\bnot|\bnon-?|other than|\bexcept|\bbesides)\s*$/;

/**
 * Words of the funding itself (特別交付税, 措置率, special grant): a question about the money for laptops or a
 * VPN asks about the funding, so such a word outweighs the equipment it pays for (however many are named).
 */
const FUNDING = /^(交付税|特交|特別交付税|措置率|財政措置|special allocation tax|special grant|subsidy|funding)$/;
const FUNDING_WEIGHT = 10;
const weightOf = (found: string[]): number => found.reduce((n, w) => n + (FUNDING.test(w) || w === FUNDED ? FUNDING_WEIGHT : 1), 0);
/** The state paying a share, said in everyday words (国が半分持ってくれる, 国が費用を出してくれる): the funding. */
export const STATE_PAYS = /(国|総務省)(のほう|の方)?(が|から|で)[^。]{0,12}(半分|一部|何割|負担して|持って(くれ|もらえ)|出して(くれ|もらえ)|面倒(を)?見て|面倒(を)?みて|みてくれ|見てくれ|補填|措置して)/;
/** The name under which STATE_PAYS counts as a funding keyword of the default office. */
const FUNDED = 'funding (the state pays a share)';

/** Words after an office's name that make it the asker's guess, to be checked (で合ってます?, でいい?, じゃなくて). */
const GUESSED =
  /^(さん)?(で|て)(合って|あって|いい|良い|よい|正しい|大丈夫|ok)|^(さん)?(ですよね|だよね|かな|でしょうか|じゃな|ではな|じゃろ|やろ)|^(さん)?(に|へ)(投げ|聞け|聞い|問い?合わせ|連絡|相談|電話|メール|送れ|送っ|持って)[^。?？]{0,6}(いい|良い|よい|ええ)(の|ん)?(かな|か|ですか|でしょうか|ですよね|よね|やろ|[?？])/i;
/** What may join the words of one office's name as staff write it (公務員課の女性活躍・人材活用推進室). */
const NAME_JOINT = /[の・\s]/;

/** A question asking for a figure: a share, a count, an amount. */
const FIGURE_ASKED = /(割合|何%|何パーセント|何割|何団体|どのくらい|どれくらい|どの程度|\bwhat (share|proportion|percentage|fraction|portion)\b|\bhow (many|big|large|much)\b|\bpercent)/i;

/** Coverage of the question by the answer's passage above which that passage's office owns a figure asked. */
const FIGURE_COVERAGE = 0.5;

export interface RouteDecision {
  office: string;
  reason: string;
}

/** A dispute that is itself about security (a superior sharing a password): the security office's. */
const PERSONAL_SECURITY = /(パスワード|暗証番号|password|credential|漏え?い|漏洩|情報漏|leak|ウイルス|virus|malware|セキュリティ|security|lgwan|usb|私物|byod|住民制度課|デジタル基盤推進室)/i;

/**
 * Which office owns the question: an incident is always information security's; a personal situation
 * (an injury, one's pay, a dispute) the default office's unless it is about security; then the question's
 * own words (office keywords from contacts.yaml; a figure asked with one other office's word in it goes to
 * the figure's document), then the office of the best knowledge passage, then the default office.
 */
export class OfficeRouter {
  private readonly keywords: { office: string; words: string[] }[];

  private readonly allKeywords: Set<string>;

  /** Keywords that are parts of an office's own name (公務員課, デジタル基盤推進室). */
  private readonly officeNames: Set<string>;

  constructor(
    private readonly contacts: Contacts,
    private readonly synonyms?: SynonymExpander,
  ) {
    this.keywords = contacts.offices.map((o) => ({ office: o.id, words: [...new Set(o.keywords.map(foldForMatch))] }));
    this.allKeywords = new Set(this.keywords.flatMap((k) => k.words));
    this.officeNames = new Set(contacts.offices.flatMap((o) => o.keywords.map(foldForMatch).filter((w) => foldForMatch(o.name).includes(w))));
    this.foldedNames = contacts.offices.map((o) => foldForMatch(o.name).replace(/[・\s]/g, ''));
    this.ownAddresses = contacts.offices.map((o) => ({
      office: o.id,
      name: `${o.shortName} (its number or address)`,
      phone: o.phone?.replace(/[（(].*$/, '').replace(/\D/g, '') ?? '',
      email: o.email?.toLowerCase() ?? null,
    }));
  }

  private readonly foldedNames: string[];

  /** Each office's own number (digits only) and address, as a question may quote them. */
  private readonly ownAddresses: { office: string; name: string; phone: string; email: string | null }[];

  /**
   * Where the office name that starts at `from` ends: a name is written in parts (公務員課の女性活躍・
   * 人材活用推進室), each part followed by more of the same office's name.
   */
  private nameEnd(folded: string, from: number, to: number): number {
    let end = to;
    let name = folded.slice(from, to);
    for (let i = to; i < folded.length; i++) {
      const c = folded[i]!;
      if (NAME_JOINT.test(c)) continue;
      if (!this.foldedNames.some((n) => n.includes(name + c))) break;
      name += c;
      end = i + 1;
    }
    return end;
  }

  /** Whether every occurrence of an office's name word is (part of) a name offered as the asker's guess. */
  private guessed(folded: string, word: string): boolean {
    if (!this.officeNames.has(word)) return false;
    let at = folded.indexOf(word);
    if (at < 0) return false;
    for (; at >= 0; at = folded.indexOf(word, at + word.length)) if (!GUESSED.test(folded.slice(this.nameEnd(folded, at, at + word.length)))) return false;
    return true;
  }

  /**
   * Spans of synonym matches that name no office's topic (the word for telework itself):
   * a keyword inside one (勤務 in 在宅勤務) does not route the question.
   */
  private generalSpans(folded: string): [number, number][] {
    if (!this.synonyms) return [];
    return this.synonyms
      .matches(folded)
      .filter((m) => !m.alternatives.some((a) => this.allKeywords.has(a)))
      .map((m) => [m.start, m.end]);
  }

  /** True when the question names a topic that one of the offices owns (its keywords). */
  namesOfficeTopic(question: string): boolean {
    const folded = foldForMatch(question);
    const general = this.generalSpans(folded);
    return this.keywords.some((k) => k.words.some((w) => OfficeRouter.occursOutside(folded, w, general)));
  }

  private static occursOutside(folded: string, word: string, spans: [number, number][]): boolean {
    for (let i = folded.indexOf(word); i >= 0; i = folded.indexOf(word, i + 1)) {
      const end = i + word.length;
      // An English keyword is a whole word (its plural too): commuting is not inside telecommuting, labor not in collaboration.
      if (/^[a-z0-9]/.test(word) && /[a-z0-9]/.test(folded[i - 1] ?? '')) continue;
      if (/[a-z0-9]$/.test(word) && /[a-z0-9]/.test(folded.slice(end).replace(/^(e?s)(?![a-z0-9])/, '')[0] ?? '')) continue;
      // 「セキュリティ以外の件」, "not security" name the topic to rule it out.
      if (NEGATED.test(folded.slice(end, end + 6)) || NEGATED_BEFORE.test(folded.slice(Math.max(0, i - 12), i))) continue;
      if (!spans.some(([s, e]) => s <= i && end <= e)) return true;
    }
    return false;
  }

  /** The offices whose keywords the text names, most weighty first. */
  private keywordCounts(folded: string): { office: string; found: string[] }[] {
    const general = this.generalSpans(folded);
    // An office named as the asker's guess (相談先、公務員課で合ってます?) is what is to be checked, not the topic,
    // unless nothing else names one.
    const named = this.keywords.map((k) => ({ office: k.office, words: k.words.filter((w) => OfficeRouter.occursOutside(folded, w, general)) }));
    const topical = named.map((k) => ({ office: k.office, words: k.words.filter((w) => !this.guessed(folded, w)) }));
    const chosen = topical.some((k) => k.words.length > 0) ? topical : named;
    // One topic named once counts once: パソコン inside ノートパソコン is not a second keyword.
    const found = chosen.map((k) => ({ office: k.office, found: withoutContained(k.words) }));
    if (STATE_PAYS.test(folded)) found.find((k) => k.office === this.contacts.defaultOffice)?.found.push(FUNDED);
    // An office's own number or address quoted (メモに 03(5253)5364 とだけ, whose number is this?) names that office.
    // (Written in kanji digits too: 〇三―五二五三―五三六四.)
    const digits = asciiDigits(folded).replace(/\D/g, '');
    for (const a of this.ownAddresses) {
      if ((a.phone.length >= 10 && digits.includes(a.phone)) || (a.email !== null && folded.includes(a.email))) found.find((k) => k.office === a.office)?.found.push(a.name);
    }
    // A keyword inside another office's longer one (制度 in 住民制度課) is part of that name.
    const all = withoutContained(found.flatMap((k) => k.found));
    return found
      .map((k) => ({ office: k.office, found: k.found.filter((w) => all.includes(w)) }))
      .filter((k) => k.found.length > 0)
      .sort((a, b) => weightOf(b.found) - weightOf(a.found));
  }

  /**
   * `answered` is the passage the answer mainly quotes: its document's office is a better
   * guide than the top-ranked passage when the two differ.
   */
  route(question: string, intents: Intents, hits: RetrievalHit[], answered?: RetrievalHit, personal = false, asking?: string): RouteDecision {
    const folded = foldForMatch(question);
    const counts = this.keywordCounts(folded);
    // Asked where to ask, the sentence that asks names the topic (…は分かった。じゃあ方式の相談はどっちの担当?):
    // its words alone decide when they name one office's topic only.
    if (intents.wantsContact && asking !== undefined && !intents.incident && !personal) {
      const own = this.keywordCounts(foldForMatch(asking));
      if (own.length === 1 && counts.length > 1) return { office: own[0]!.office, reason: `keywords of the asking sentence: ${own[0]!.found.join(', ')}` };
      // One sentence that sets a topic aside first (画面転送の件は置いといて、制度面はどこに?): its asking clause decides.
      const clause = own.length > 1 ? askingClauseOf(foldForMatch(asking)) : undefined;
      const inClause = clause === undefined ? [] : this.keywordCounts(clause);
      if (inClause.length === 1) return { office: inClause[0]!.office, reason: `keywords of the asking clause: ${inClause[0]!.found.join(', ')}` };
    }
    const security = this.contacts.offices.find((o) => o.id === 'security');
    if (intents.incident && security) return { office: security.id, reason: 'incident report (information security)' };
    // An injury, one's pay or a dispute with a superior is the personnel office's, even when a device is
    // named on the way (slipped while carrying my laptop).
    if (personal && (counts.length === 0 || counts[0]!.office !== this.contacts.defaultOffice) && !PERSONAL_SECURITY.test(folded)) {
      return { office: this.contacts.defaultOffice, reason: 'personal situation (default office)' };
    }
    // A figure asked with one other office's word in it (what share named security as their worry): the
    // figure's document owns it, when the answer quotes a passage that covers the question well.
    if (counts.length === 1 && weightOf(counts[0]!.found) === 1 && FIGURE_ASKED.test(folded) && answered?.chunk.office && answered.chunk.office !== counts[0]!.office && answered.coverage >= FIGURE_COVERAGE) {
      return { office: answered.chunk.office, reason: `figure asked from ${answered.chunk.documentId}` };
    }
    if (counts.length > 0 && (counts.length === 1 || weightOf(counts[0]!.found) > weightOf(counts[1]!.found))) {
      return { office: counts[0]!.office, reason: `keywords: ${counts[0]!.found.join(', ')}` };
    }
    const top = answered ?? hits[0];
    if (top?.chunk.office && top.coverage >= 0.3) {
      return { office: top.chunk.office, reason: `topic of ${top.chunk.documentId}` };
    }
    if (counts.length > 0) return { office: counts[0]!.office, reason: `keywords: ${counts[0]!.found.join(', ')}` };
    return { office: this.contacts.defaultOffice, reason: 'default office (telework in general)' };
  }
}
