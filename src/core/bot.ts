import { randomUUID } from 'node:crypto';
import { BAND_REACH, type Composition, composeExtractive, prepareSentences } from '../answer/extractive-composer.js';
import type { AnswerGenerator, GenerationPassage } from '../answer/generator.js';
import { latestNote } from '../answer/latest-note.js';
import { attachLearnedForms, type LearnedForms, shippedLearnedForms } from '../answer/learned-forms.js';
import { answersQuestion } from '../answer/support.js';
import { headCountOf } from '../answer/figures.js';
import { FaqMatcher } from '../faq/matcher.js';
import type { FaqMatch } from '../faq/model.js';
import { chunkDocuments } from '../knowledge/chunker.js';
import { KnowledgeError, type LoadedKnowledge, loadKnowledge } from '../knowledge/loader.js';
import type { KnowledgeChunk } from '../knowledge/model.js';
import { shippedKnowledgeDir } from '../knowledge/paths.js';
import type { Contacts, Referral } from '../knowledge/schema.js';
import { askingSentences, focusOnQuestion } from '../text/focus.js';
import { askingClauseOf, describesAsker, inBackground, onlyAsSetting, withoutAskerRoles } from '../text/background.js';
import { withoutExcluded } from '../text/excluded.js';
import { readingOf } from '../text/reading.js';
import { KnowledgeIndex, type QueryAnalysis, type RetrievalHit } from '../retrieval/knowledge-index.js';
import { KnowledgeRetriever } from '../retrieval/langchain-retriever.js';
import { detectIntents, detectLang, foreignTerms, type Intents, namesPrivateSector, personalTaxTerms, removeInjectionClauses } from '../routing/intents.js';
import { OfficeRouter, STATE_PAYS } from '../routing/router.js';
import { TextClassifier } from '../routing/text-classifier.js';
import { detectOwnCase, type OwnCaseKind, inTeleworkSetting, ownStoryAtWork, withoutSignals } from '../routing/own-case.js';
import { namesOnlyUnknownSchemes } from '../routing/named-schemes.js';
import { neutralizeBroadcastMentions, stripUserMentions, withoutBroadcastMentions } from '../safety/mentions.js';
import { redactPersonalData } from '../safety/redact.js';
import { foldForMatch } from '../text/synonyms.js';
import { hasAtMostChars } from '../text/length.js';
import { expandEraInitials, halfAsNumber, kanjiNumbersAsDigits, plainCopula } from '../text/normalize.js';
import { escapeRegExp } from '../text/regexp.js';
import { truncate } from '../text/truncate.js';
import type { Answer, AnswerKind, AnswerResult, Lang, SourceRef } from './answer.js';
import { MESSAGES } from './messages.js';
import type { Office } from './office.js';
import type { Reply } from './reply.js';
import { toReply } from './to-reply.js';

/** Questions longer than this are refused with a clear error (CONTRACT/issue: 2,000 characters). */
export const MAX_QUESTION_CHARS = 2000;
/** How much of a refused (oversized) question the Answer echoes, ending with …. */
export const REFUSED_ECHO_CHARS = 200;
/** A question is about telework when its best passage covers at least this much of it. */
const DOMAIN_COVERAGE = 0.5;
/** Passages the optional generator answers from. */
const GENERATOR_PASSAGES = 3;
/** Passages that send the reader to the original document. */
const REFERS_TO_ORIGINAL = /(資料には含まれていません|書かれていない|記載されていない|原文|本文を確認|最新版を)/;
/** A sentence with personal data keeps a place in the question only with this many characters left. */
const PII_SENTENCE_MIN_CHARS = 12;
/** An own-case question counts as ours when its best passage covers this much of it (without a domain word). */
const OWN_CASE_COVERAGE = 0.3;
/** Out-of-scope probability at or above which the asking clause alone does not make a question ours. */
const CLAUSE_SCOPE_MAX = 0.5;
/** The general rule is shown before an own case, or a request for a person, only when it answers the topic this well. */
const GENERAL_RULE_SUPPORT = 0.7;
/**
 * Someone the asker works with or under (係長, 上司, 同僚), over working at home or a request (家やと, 申請書):
 * a dispute about telework, however little of it is named.
 */
const COLLEAGUE = /(課長|係長|部長|室長|局長|班長|所属長|上司|先輩|同僚|\b(boss|manager|supervisor|colleague|co-?worker)s?\b)/i;
const HOME_OR_REQUEST = /(家|自宅|申請|届|\b(home|request|application)\b)/i;
/** Words of a working arrangement (在宅 but not 在宅医療/介護): an own case about them is about telework. */
const WORK_CONTEXT =
  /(超勤|残業|時間外|在宅(?!医療|介護|看護|ケア|療養|診療|酸素)|(自宅|家)(で|から)(の)?(仕事|勤務|作業|働)|家にいる日|家の日|出勤|庁内|庁舎|職場|勤務|ざいたく(?!いりょう|かいご)|てれわーく|カフェで(仕事|作業|勤務)|\b(work(ing)?[- ]from[- ]home|home[- ]working|remote[- ](days?|work(ing)?)|wfh|work(ing)? (from|at|in) (a |the )?(cafe|café|coffee shop|library|hotel))\b)/i;
/**
 * Telework described rather than named (職場以外で働く, 家や出先で仕事, 庁外から業務, 出勤せずに仕事): the
 * subject is the bot's as much as when the word テレワーク is used.
 */
const DESCRIBES_TELEWORK = new RegExp(
  [
    '(出先|外出先|庁外)(で|から)?(の)?(仕事|勤務|作業|業務)',
    '((職場|庁舎|役所|役場|オフィス|事務所)(以外|の外)|庁外|(家|自宅|出先|外出先|移動中|サテライト)((や|とか|・|、|か|と)(家|自宅|出先|外出先|移動中|カフェ|サテライト)(など|とか)?)?)(で|から)(も|の)?(仕事|勤務|働|作業|業務)',
    '(出勤|登庁|出社)(せず|しないで|しなくて)[^。]{0,10}(仕事|勤務|働|作業|業務)',
    // Working from home by its arrangement or its work (完全在宅, 部下を在宅にしてやりたい, 在宅で作った資料), not 在宅医療 or 在宅介護.
    '(完全|フル)在宅(?!医療|介護|看護|ケア|療養|診療)|在宅(に|で)(して|する|させ|働|勤務|仕事|作業|作っ|作る|作成|使|印刷|やっ|やる)',
  ].join('|'),
);
/** Telework as the time of something else, in English (while I work from home, when we're teleworking). */
const EN_SETTING = /\b(while|when|whenever|as) (i|we|staff|you|they|i'm|we're|i am|we are|they are|staff are|working|teleworking)( am| are| 'm| 're)?( (working|work|teleworking|telework|at home|from home|remotely|wfh))+\b/i;
/** The same, every occurrence (to take them out). */
const EN_SETTINGS = new RegExp(EN_SETTING.source, 'gi');
/** Sentences of passage context a contact question gets besides the address. */
const CONTACT_CONTEXT_SENTENCES = 2;
/** A contact question shows passages only when they answer it this well (else the address alone). */
const CONTACT_CONTEXT_SUPPORT = 0.6;
/** Confidence of an answer that is an office's or service's published address. */
const CONTACT_CONFIDENCE = 0.8;
/** The question names the ministry (総務省, 国): its office's address is wanted too. */
const MINISTRY = /(総務省|国に|国へ|国の|ministry|\bmic\b)/;
/** Known concepts an asking part needs to be searched without the rest of its message (measured on the dev sets). */
const FOCUS_MIN_KNOWN = 2;
/** Concepts of the question that the knowledge knows (a synonym group or a word it uses). */
const knownConcepts = (analysis: QueryAnalysis): number => analysis.concepts.filter((c) => c.weight >= c.strictWeight).length;
/** Their summed rarity: several of the knowledge's terms (measured on the project's eval sets); bare small numbers (strict weight 0) say nothing of the subject. */
const knownWeight = (analysis: QueryAnalysis): number => analysis.concepts.reduce((s, c) => s + (c.weight >= c.strictWeight && c.strictWeight > 0 ? c.weight : 0), 0);
/** A question with this much known vocabulary is ours at this strict coverage (else DOMAIN_COVERAGE). */
const WORDY_KNOWN_WEIGHT = 9;
const WORDY_DOMAIN_COVERAGE = 0.24;
/** The question refers to the source itself (この通知, 総務省, …って書いてある?): ours at a lower strict coverage. */
const SOURCE_ANCHOR = /(通知|総務省|(何|なん|どう|どのくらい|どれくらい|って|と)[^。?？]{0,6}(書いてあ|書かれて|載って|記載され)|\bthe notice\b|\bthe ministry\b|\bmic\b|国(は|が|の方は|のほうは|として(は)?)[^。?？]{0,24}(言って|いって|言うて|言うとる|言っとる|書いて|示して|求めて|勧めて|すすめて|考えて|どう(言|考|し|見)|何(と|て)(言|書))|国の(考え|方針|資料|文書|見解|立場))/;
const SOURCE_ANCHOR_COVERAGE = 0.15;
/** Work equipment and systems whose costs the telework funding covers. */
const WORK_EQUIPMENT = /(パソコン|pc|ノーパソ|ノート|端末|タブレット|サーバ|vpn|機器|ライセンス|ソフト|システム|テレワーク|在宅)/;
/** The knowledge's words for the state's share of telework costs, added to such a question's search. */
const FUNDING_TERMS = '特別交付税措置 経費';
/** Costs of residents or of the asker's own home: not a local government's telework costs. */
const PRIVATE_COSTS = /(住民の|個人の|自宅の|家の|うちの家|私の家)/;

/** Own cases whose kind alone makes them the asker's (the model's veto does not apply). */
const BY_NATURE = new Set<OwnCaseKind>(['amount', 'pay', 'injury', 'conflict']);
/** Own cases that are personal by nature (a conflict, an injury, one's pay): matters for HR. */
const PERSONAL = new Set<OwnCaseKind>(['conflict', 'injury', 'pay']);
/** Scheme names whose presence in the knowledge is remembered (names, not questions). */
const SCHEME_MENTIONS_MAX = 1000;
/** "All of them": a contact question that wants every office. */
const ALL_OF = /(全部|すべて|全て|全員|一覧|それぞれ|(室|課|窓口|部署|担当)(を|の)?(両方|どちらも|二つとも|2つとも)|両方の(メアド|メールアドレス|アドレス|電話番号|番号|連絡先)|(問い?合わ?せ先|連絡先|窓口)[^。]{0,12}(二つ|2つ|ふたつ)|(両方|どちらも)の(室|課|窓口|部署|担当)|(二つ|2つ|ふたつ)の(室|課|窓口|部署|連絡先|担当)|\bboth (of )?(the )?([a-z]+ )?(offices|contacts|sections|divisions|departments)\b|(内容|用件|中身|テーマ|分野|話)(に|で)(よって|より|違|変わ)|\ball\b|\bevery|\bdepend(s|ing)? on\b)/;

export interface BotOptions {
  /** Extra knowledge folders on top of the shipped one (KNOWLEDGE_DIR). */
  knowledgeDirs?: string[];
  /** Replace the shipped folder (tests, benchmarks). */
  baseKnowledgeDir?: string;
  /** Default reply language when the question does not say otherwise. */
  lang?: Lang;
  /** Optional LLM generator; on any failure the extractive answer is used. */
  generator?: AnswerGenerator | null;
  /** Called when the generator's answer is rejected (for logs). */
  onGeneratorRejected?: (error: unknown) => void;
  /** The learned own-case model (default: the shipped models/own-case.json; null: the signals alone). */
  ownCaseModel?: TextClassifier | null;
  /** The learned scope model (default: the shipped models/out-of-scope.json; null: the word lists alone). */
  scopeModel?: TextClassifier | null;
  /** Learned question forms (default: the shipped models/learned-forms.json; null: the curated forms alone). */
  learnedForms?: LearnedForms | null;
}

export interface AskOptions {
  lang?: Lang;
}

export interface BotStats {
  documents: number;
  chunks: number;
  vocabulary: number;
  offices: number;
  synonymGroups: number;
  buildMs: number;
}

/** The platform-neutral bot: a question in, an Answer (contract) and a Reply (for renderers) out. */
export class TeleworkBot {
  private readonly router: OfficeRouter;
  private readonly domainWords: string[];
  private readonly officeById: Map<string, Office>;
  private readonly contactsChunks: KnowledgeChunk[];
  /** Domain terms of three Latin letters or fewer (vpn, ipa), matched as words: letters may not follow (but a plural s). */
  private readonly shortLatinDomainWords = new Map<string, RegExp>();

  /** All passage text, folded: which scheme names the knowledge mentions at all. */
  private readonly knowledgeText: string;
  /** Scheme names looked up in knowledgeText (a scan of all the knowledge each), kept: the knowledge does not change. */
  private readonly schemeMentions = new Map<string, boolean>();
  private readonly publishedContacts: Set<string>;
  /** Subjects the bot does not cover (synonyms.yaml offTopic), those the knowledge never mentions. */
  private readonly offTopic: string[];
  /** Curated FAQ entries, matched before passages; entries can be changed at run time. */
  readonly faq: FaqMatcher;
  private readonly ownCaseModel: TextClassifier | null;
  private readonly scopeModel: TextClassifier | null;

  private constructor(
    readonly knowledge: LoadedKnowledge,
    readonly index: KnowledgeIndex,
    private readonly opts: BotOptions,
    readonly stats: BotStats,
  ) {
    const contacts: Contacts = knowledge.contacts;
    this.router = new OfficeRouter(contacts, index.synonyms);
    this.officeById = new Map(
      contacts.offices.map((o) => [o.id, { id: o.id, name: o.name, shortName: o.shortName, email: o.email, phone: o.phone, handles: o.handles }]),
    );
    this.domainWords = [
      ...new Set(
        // Curated domain terms when the knowledge has them; otherwise every synonym and keyword.
        (knowledge.synonyms.domain.length > 0
          ? knowledge.synonyms.domain
          : [...knowledge.synonyms.groups.flat(), ...contacts.offices.flatMap((o) => o.keywords)]
        )
          .map(foldForMatch)
          .filter((w) => w.length >= 2),
      ),
    ];
    // English names of curated domain terms count too ("case studies" for 事例集): the domain list
    // is curated in Japanese, and English forms sit in the same synonym groups.
    const domain = new Set(this.domainWords);
    for (const group of knowledge.synonyms.groups.map((g) => g.map(foldForMatch))) {
      if (!group.some((w) => domain.has(w))) continue;
      for (const w of group) if (/^[a-z][a-z -]{5,}$/.test(w) && !domain.has(w)) this.domainWords.push(w);
    }
    for (const w of this.domainWords) {
      if (/^[a-z0-9]{1,3}$/.test(w)) this.shortLatinDomainWords.set(w, new RegExp(`(?<![a-z0-9])${w}(?!s[a-z]|[a-rt-z])`));
    }
    this.contactsChunks = index.chunks.filter((c) => c.kind === 'contacts');
    this.knowledgeText = index.chunks.map((c) => foldForMatch(c.text)).join('\n');
    this.offTopic = [...new Set(knowledge.synonyms.offTopic.map(foldForMatch))].filter((t) => !this.knowledgeText.includes(t));
    this.faq = new FaqMatcher(
      knowledge.faq.map((f) => f.entry),
      index.synonyms,
    );
    this.ownCaseModel = opts.ownCaseModel === undefined ? TextClassifier.shipped('own-case') : opts.ownCaseModel;
    this.scopeModel = opts.scopeModel === undefined ? TextClassifier.shipped('out-of-scope') : opts.scopeModel;
    this.publishedContacts = new Set(
      [...contacts.offices, ...contacts.referrals].flatMap((o) => [o.email, o.phone].filter((x): x is string => x !== null)),
    );
  }

  /** Loads the knowledge and builds the index; problems in the knowledge stop the start. */
  static async create(opts: BotOptions = {}): Promise<TeleworkBot> {
    const started = performance.now();
    const knowledge = await loadKnowledge([opts.baseKnowledgeDir ?? shippedKnowledgeDir(), ...(opts.knowledgeDirs ?? [])]);
    if (knowledge.problems.length > 0) throw new KnowledgeError(knowledge.problems);
    const chunks = await chunkDocuments(knowledge.documents);
    const learned = opts.learnedForms === undefined ? shippedLearnedForms() : opts.learnedForms;
    if (learned) attachLearnedForms(chunks, learned);
    const index = KnowledgeIndex.build(chunks, knowledge.synonyms.groups);
    // The generator's LangChain chain retrieves through the same index (as many passages as it is given otherwise).
    opts.generator?.useRetriever?.(new KnowledgeRetriever({ index, k: GENERATOR_PASSAGES }));
    const stats: BotStats = {
      documents: knowledge.documents.length,
      chunks: chunks.length,
      vocabulary: index.vocabularySize,
      offices: knowledge.contacts.offices.length,
      synonymGroups: knowledge.synonyms.groups.length,
      buildMs: performance.now() - started,
    };
    return new TeleworkBot(knowledge, index, opts, stats);
  }

  /**
   * Splits and folds every passage's sentences now. A server calls it at start, so no question pays for
   * a passage's first use (a one-off `ask` does not: it touches a few passages only).
   */
  prepare(): void {
    prepareSentences(this.index.chunks);
  }

  get offices(): Office[] {
    return [...this.officeById.values()];
  }

  office(id: string): Office | undefined {
    return this.officeById.get(id);
  }

  async reply(question: string, opts: AskOptions = {}): Promise<{ answer: Answer; reply: Reply }> {
    const result = await this.ask(question, opts);
    return { answer: result.answer, reply: toReply(result, this.safeQuestion(question), this) };
  }

  /** The question as it may be shown or stored: no broadcast mentions, no personal data. */
  safeQuestion(question: string): string {
    // An oversized question is refused by ask(); only its beginning is kept, and only that is scanned.
    const chars = [...question];
    const kept = chars.length > MAX_QUESTION_CHARS ? `${chars.slice(0, MAX_QUESTION_CHARS).join('')}…` : question;
    return redactPersonalData(neutralizeBroadcastMentions(kept)).text;
  }

  /** The question as it is searched: no instructions to the bot, no personal data. */
  private searchableText(clean: string): string {
    const text = halfAsNumber(plainCopula(expandEraInitials(kanjiNumbersAsDigits(removeInjectionClauses(withoutBroadcastMentions(clean))))));
    const whole = redactPersonalData(text).text;
    // Most questions carry no personal data: nothing to drop, no sentence-by-sentence pass.
    if (whole === text) return whole;
    const parts = text.split(/(?<=[。！？!?\n])/);
    // A short sentence that only carried personal data (返信は x@y にください, 私の番号は …) is no
    // part of the question: left in, its leftovers dilute the match of the sentence that asks.
    const kept =
      parts.length > 1
        ? parts.filter((p) => {
            const redacted = redactPersonalData(p).text;
            if (redacted === p || /[?？か]\s*$/.test(p.trim())) return true;
            return redacted.replace(/\[[^\]]*削除\]/g, '').replace(/[\s。、,.!！]/g, '').length >= PII_SENTENCE_MIN_CHARS;
          })
        : parts;
    const joined = kept.join('');
    // Every sentence kept: the whole text, already redacted above.
    return (joined === text ? whole : redactPersonalData(joined).text).replace(/\[[^\]]*削除\]/g, ' ');
  }

  /** The passages the answer is composed from (also measured by the recall bench). */
  retrieve(question: string, limit = 5): { analysis: QueryAnalysis; hits: RetrievalHit[] } {
    // A long message is searched by its asking sentences; the rest is background.
    // …and what it rules out (excluding prefectures) is not searched for.
    const focused = focusOnQuestion(question);
    let analysis = this.index.analyze(withoutExcluded(focused));
    // An asking part that names almost nothing the knowledge knows (What's the yen amount?) asks about what the
    // message said before it: the whole message is searched, when it knows more.
    if (focused.length < question.length && knownConcepts(analysis) < FOCUS_MIN_KNOWN) {
      const whole = this.index.analyze(withoutExcluded(question));
      if (knownConcepts(whole) > knownConcepts(analysis)) analysis = whole;
    }
    return { analysis, hits: this.index.search(analysis, limit) };
  }

  async ask(question: string, opts: AskOptions = {}): Promise<AnswerResult> {
    const answerId = randomUUID();
    const lang = opts.lang ?? (detectLang(question) === 'en' ? 'en' : (this.opts.lang ?? 'ja'));
    const result = (
      kind: AnswerKind,
      text: string,
      fields: { route?: string | null; escalate?: boolean; outOfScope?: boolean; confidence?: number; sources?: SourceRef[]; error?: string; routeReason?: string | null; faqId?: string },
    ): AnswerResult => {
      const sources = fields.sources ?? [];
      const answer: Answer = {
        question,
        answer: neutralizeBroadcastMentions(text),
        citations: sources.map(({ documentId, title, section, url, page, secondary }) => ({
          documentId,
          title,
          section,
          url,
          ...(page != null ? { page } : {}),
          ...(secondary ? { secondary: true as const } : {}),
        })),
        route: fields.route ?? null,
        escalate: fields.escalate ?? false,
        outOfScope: fields.outOfScope ?? false,
        confidence: Math.round(Math.min(1, Math.max(0, fields.confidence ?? 0)) * 1000) / 1000,
      };
      if (fields.error !== undefined) answer.error = fields.error;
      return { answer, detail: { answerId, lang, routeReason: fields.routeReason ?? null, sources, kind, ...(fields.faqId ? { faqId: fields.faqId } : {}) } };
    };

    if (question.trim() === '') return result('error', MESSAGES.empty[lang], { error: MESSAGES.empty[lang] });
    if (!hasAtMostChars(question, MAX_QUESTION_CHARS)) {
      const msg = MESSAGES.tooLong[lang](MAX_QUESTION_CHARS);
      const refused = result('error', msg, { error: msg });
      // A refused paste is echoed by its beginning only, not sent back whole.
      refused.answer.question = truncate(question, REFUSED_ECHO_CHARS);
      return refused;
    }

    const clean = neutralizeBroadcastMentions(stripUserMentions(question)).trim();
    const intents = detectIntents(clean);
    if (intents.greeting) return result('smalltalk', MESSAGES.greeting[lang], { confidence: 1 });

    // Personal data in the question is never searched for, shown or stored.
    const searchable = this.searchableText(clean);
    // An own case is searched by its topic: who asks and how (当町, 認められますか) find nothing.
    const asking = focusOnQuestion(searchable);
    const signalled = intents.incident ? null : detectOwnCase(searchable, asking);
    // The learned model is a second opinion: it overrules signals it finds unlike any own case, and
    // finds own cases the signals miss (new askers' wordings) when it is sure.
    const ownCaseP = this.ownCaseModel?.probability(searchable) ?? null;
    const byModel = signalled === null && !intents.incident && ownCaseP !== null && ownCaseP >= this.ownCaseModel!.threshold('ownCase');
    const vetoed = ownCaseP !== null && ownCaseP < this.ownCaseModel!.threshold('veto');
    // An amount, one's pay, an injury or a conflict is the asker's own by what it is: no veto.
    const detected = signalled !== null && vetoed && !BY_NATURE.has(signalled.kind) ? null : signalled;
    const topic = signalled ? withoutSignals(searchable, signalled) : searchable;
    // A head count (職員80人, 90 staff) sends the composer further down the ranking for its size band.
    const folded = foldForMatch(searchable);
    // The state paying a share of work equipment, in everyday words, is searched as the funding it means.
    const statePays = STATE_PAYS.test(folded) && WORK_EQUIPMENT.test(folded) && !PRIVATE_COSTS.test(folded);
    // Where the asker works (給食センターの事務です), named by a subject the knowledge does not cover, is who asks,
    // not what: its words (センター) are not searched.
    const roles = this.offTopic.filter((t) => folded.includes(t) && describesAsker(folded, t));
    const searched = roles.length > 0 ? withoutAskerRoles(foldForMatch(topic), roles) : topic;
    const { analysis, hits } = this.retrieve(statePays ? `${searched} ${FUNDING_TERMS}` : searched, headCountOf(searchable) !== null ? BAND_REACH : undefined);
    const top = hits[0];
    // Contact passages name offices (住民制度課): their words alone do not make a topic ours.
    const passages = hits.filter((h) => h.chunk.kind !== 'contacts');
    const bestStrict = Math.max(0, ...passages.map((h) => h.strictCoverage));
    const namesDomain = this.namesDomainWord(folded) || DESCRIBES_TELEWORK.test(folded);
    // A contact question on an office's topic (where do I ask about authentication?) or naming the ministry (which
    // direct line at MIC?): the offices' address is ours to give, whatever the rest of the question names.
    // (The ministry's name is checked first: it is a plain test, the office topics a scan of every keyword.)
    const asksOurOffices = intents.wantsContact && (MINISTRY.test(folded) || this.router.namesOfficeTopic(searchable));
    const inDomain =
      namesDomain ||
      // English words are unknown to Japanese knowledge by nature: an English question is judged by the
      // words the knowledge does know (through the synonym groups' English forms), not sunk by the rest.
      // It still needs two known concepts: one ("city" in a question about ramen) is a coincidence.
      Math.max(0, ...passages.map((h) => (lang === 'en' && knownConcepts(analysis) >= 2 ? h.coverage : h.strictCoverage))) >= DOMAIN_COVERAGE ||
      // A long question in the knowledge's own words (several of its terms) is ours even when chatter
      // and names the knowledge never uses (網棚, 会計年度さん) lower its strict coverage.
      (knownWeight(analysis) >= WORDY_KNOWN_WEIGHT && bestStrict >= WORDY_DOMAIN_COVERAGE) ||
      // "Where do I ask about authentication?", "Which direct line at MIC?": where to ask the offices.
      asksOurOffices ||
      // "Who was this notice sent to?": a question about the notice or the ministry itself names no topic
      // word, and its own words (宛先, 人事部門) cover the passage only in part.
      (SOURCE_ANCHOR.test(folded) && bestStrict >= SOURCE_ANCHOR_COVERAGE) ||
      // The state paying a share of work equipment (ノーパソの予算、国が半分みてくれる): the funding, however named.
      statePays;

    // A company's telework (its subsidy, its staff) is not ours: the schemes here are for local governments.
    // (Companies named only before a question about a service the knowledge lists, one that serves them too
    // (企業向けの説明会で紹介したいので、相談センターの地域の窓口は?), are background.)
    const companiesInBackground = (): boolean => {
      const clause = askingClauseOf(searchable);
      return clause !== undefined && !namesPrivateSector(clause) && this.referralsNamedIn(foldForMatch(clause)).length > 0;
    };
    if (intents.privateSector && !intents.injection && !intents.wantsPrivateData && !companiesInBackground()) {
      return result('out-of-scope', MESSAGES.privateSector[lang], { outOfScope: true, confidence: 1 });
    }
    if (intents.wantsPrivateData || (intents.injection && !inDomain)) {
      const parts: string[] = [];
      if (intents.injection) parts.push(MESSAGES.injection[lang]);
      if (intents.wantsPrivateData) parts.push(MESSAGES.privateData[lang]);
      const text = parts.join('\n');
      return result('out-of-scope', text, { outOfScope: !inDomain, confidence: 1 });
    }
    // Another ministry's or sector's scheme by name (IT導入補助金): not one these documents speak for.
    // A subject the knowledge does not cover (a recipe, a chair, a side job), however it mentions telework.
    // Background about other work (除雪で大変で…) names other subjects: when the asking sentences are
    // themselves about telework (they name its terms), only what they say decides.
    const askingFolded = foldForMatch(askingSentences(asking));
    const judged = this.namesDomainWord(askingFolded) || WORK_CONTEXT.test(askingFolded) ? askingFolded : folded;
    // Another subject is not what is asked when it is background before a clause that asks about telework (税務課です
    // 確定申告の時期で…ので、在宅勤務の導入率は?), or only says where the asker works or what they return from
    // (住民票の窓口担当ですが, 育休明けで) in a message about telework.
    // (Telework only as its setting, 家で仕事をしてる日数が多いと, does not make a clause about telework.)
    const namesSubject = (clause: string): boolean => (inTeleworkSetting(clause) || DESCRIBES_TELEWORK.test(clause)) && !onlyAsSetting(clause, this.domainWords, DESCRIBES_TELEWORK);
    const asked = (t: string): boolean => !inBackground(judged, t, namesSubject) && !(namesDomain && describesAsker(judged, t));
    const offTopic = (intents.personalTax && personalTaxTerms(judged).some(asked)) || this.offTopic.some((t) => judged.includes(t) && asked(t));
    // A story of the asker's own in a telework setting (the loaned tablet, a superior calling at midnight) that
    // names nothing the knowledge covers is handed to the office, not refused as off topic.
    const story =
      detected ??
      (!inDomain && !intents.incident && !intents.wantsProduct && !intents.wantsHuman ? ownStoryAtWork(searchable) : null) ??
      // The model's own case is held to the knowledge's topics: it reads how a message is told, not what about.
      (byModel && inDomain ? { kind: 'situation' as const, signals: this.ownCaseModel!.signals(searchable) } : null);
    // Asking for the address to write to, the asker will ask the office themselves: the address answers,
    // whatever case the message tells (measured on the development sets); an incident keeps its flow.
    const addressOnly = intents.asksAddress && !intents.incident && !intents.wantsHuman;
    const ownCase = addressOnly ? null : story;
    // An injury, one's pay or a dispute on a working day is ours whatever else the story names (a parcel at the door).
    const personalAtWork = ownCase !== null && PERSONAL.has(ownCase.kind) && WORK_CONTEXT.test(readingOf(folded));
    // The scope model, sure a question is ours, overrules the word lists (an off-topic word in the background,
    // a term the synonyms lack); the private-sector, injection and personal-data refusals above stand.
    // Asked only where a refusal is about to be made (most questions never need it).
    // (One probability for both of its uses, keep and refuse.)
    let outOfScopeP: number | undefined;
    const scopeProbability = (model: TextClassifier): number => (outOfScopeP ??= model.probability(searchable));
    const surelyOurs = (): boolean => this.scopeModel !== null && scopeProbability(this.scopeModel) < this.scopeModel.threshold('keep');
    // Another country's government asked about is not ours, however sure the scope model is (it learned Japanese askers).
    // (Named as where the question applies, 韓国の自治体だと、…導入率は, or as the topic, ドイツの公務員って、…, it is what is asked, not background.)
    const foreign = foreignTerms(judged).some((t) => asked(t) || new RegExp(`${escapeRegExp(t)}[^、。,]{0,12}(だと|では|なら|において|における|の場合|って|は)[、,]`, 'i').test(judged));
    if (!intents.wantsHuman && !intents.incident && !personalAtWork && (foreign || ((offTopic || namesOnlyUnknownSchemes(judged, (name) => this.mentionsScheme(name))) && !surelyOurs()))) {
      return result('out-of-scope', MESSAGES.outOfScope[lang], { outOfScope: true, confidence: 1 });
    }
    // The asker's own case (a decision, an amount, a conflict, an injury …) on a telework topic;
    // which product to buy is shopping advice, however it is asked.
    // (A dispute with a superior or colleague over a request or working at home: 係長が申請書を回してくれない.)
    const ownCaseOnTopic =
      ownCase !== null &&
      !intents.wantsProduct &&
      (inDomain || ownCase.kind === 'situation' || inTeleworkSetting(searchable) || WORK_CONTEXT.test(readingOf(folded)) || (ownCase.kind === 'conflict' && COLLEAGUE.test(folded) && HOME_OR_REQUEST.test(folded)) || (top?.strictCoverage ?? 0) >= OWN_CASE_COVERAGE);
    const needsPerson = intents.wantsHuman || intents.incident || (intents.wantsJudgement && !addressOnly && !vetoed) || ownCaseOnTopic;
    // A curated FAQ entry answers its question before any passage is searched; a question that
    // needs a person or asks for a product is never settled by one.
    const faqHit = needsPerson || intents.wantsProduct ? null : this.faq.match(focusOnQuestion(searchable));
    if (faqHit) {
      const f = this.faqFields(faqHit, searchable, lang, intents);
      return result(f.escalate ? 'escalation' : 'answer', f.text, { ...f, faqId: faqHit.entry.id });
    }
    // The scope model, sure that a question naming no telework term is not ours (時間外勤務の上限は, 保守契約は
    // 何年で), overrules the coverage a few shared words gave it (受付時間, ネットワーク). Asked where to ask
    // about an office's topic (多要素認証を聞ける部署) stays ours.
    // Telework named only as the time or setting of the thing asked (テレワーク中の昼休憩に作れる丼もの) does not
    // keep it ours against the model.
    const surelyNotOurs = (): boolean =>
      (!namesDomain || onlyAsSetting(folded, this.domainWords, DESCRIBES_TELEWORK) || this.onlyEnglishSetting(folded)) &&
      !statePays &&
      !asksOurOffices &&
      this.scopeModel !== null &&
      scopeProbability(this.scopeModel) >= this.scopeModel.threshold('refuse');
    // Shopping advice (which laptop to buy) is not ours even when it mentions telework.
    // Chatter before the question (さっき課長から内線で、…) brings words the knowledge never uses: the clause that
    // asks, in the knowledge's own words (two of its concepts at least), is ours on its own, unless the scope
    // model leans the other way (a short clause like 条例改正いるの depends on the subject before it).
    const askingClauseOurs = (): boolean => {
      const clause = askingClauseOf(searched);
      if (clause === undefined || (this.scopeModel !== null && scopeProbability(this.scopeModel) >= CLAUSE_SCOPE_MAX)) return false;
      const own = this.retrieve(clause);
      return knownConcepts(own.analysis) >= 2 && Math.max(0, ...own.hits.filter((h) => h.chunk.kind !== 'contacts').map((h) => h.strictCoverage)) >= DOMAIN_COVERAGE;
    };
    if (!needsPerson && (intents.wantsProduct || (!inDomain && !surelyOurs() && !askingClauseOurs()) || surelyNotOurs())) {
      return result('out-of-scope', MESSAGES.outOfScope[lang], { outOfScope: true, confidence: 1 - (top?.coverage ?? 0) });
    }

    // An own case gets the general rule in brief; the office gives the answer.
    // A contact question is answered by the address; the passages add a little context at most.
    // Asked for the web page of a service the knowledge lists (the centre's site), its line with the URL answers.
    const linkToReferral = intents.wantsLink && this.referralsNamedIn(folded, true).some((r) => r.url !== null);
    const contactQuestion = (intents.wantsContact || linkToReferral) && !needsPerson && (!intents.wantsLink || linkToReferral);
    const composed = composeExtractive(analysis, hits, {
      context: searchable,
      ...(ownCaseOnTopic ? { maxSentences: 2 } : contactQuestion ? { maxSentences: CONTACT_CONTEXT_SENTENCES } : {}),
    });
    const answered = hits.find((h) => h.chunk === composed.parts[0]?.chunk);
    // An own case's general rule comes from a curated FAQ entry when one answers its topic: the entry's
    // office owns it too.
    const generalFaq = ownCaseOnTopic && !intents.wantsHuman && !intents.wantsProduct ? this.faq.match(focusOnQuestion(searchable)) : null;
    const general = generalFaq ? this.faqAnswer(generalFaq, lang) : null;
    const wantsAll = intents.wantsContact && ALL_OF.test(folded);
    // Every office asked for (both with their numbers): no one topic owns it, so the office for telework in general.
    const decision = general
      ? { office: general.office.id, reason: `FAQ entry ${generalFaq!.entry.id} (own case)` }
      : wantsAll && contactQuestion
        ? { office: this.knowledge.contacts.defaultOffice, reason: 'every office asked for (default office)' }
        : this.router.route(searchable, intents, hits, answered, ownCaseOnTopic && PERSONAL.has(ownCase!.kind), askingSentences(asking));
    const office = this.officeById.get(decision.office)!;
    // Asked for one office's address, a passage giving another office's is the wrong number to call.
    const composition = contactQuestion && !wantsAll ? this.withoutOtherOffices(composed, office) : composed;
    const confidence = top ? 0.4 * top.coverage + 0.6 * composition.support : 0;
    const supported = answersQuestion(composition, answered?.coverage ?? 0);
    // Asked where to ask, the address answers; a passage that only shares a word would be noise.
    const answerable = supported && (!contactQuestion || composition.support >= CONTACT_CONTEXT_SUPPORT);
    // Nothing in the knowledge answers, and the question names no telework term: its words only met the
    // passages by chance (出張, 印刷). Not ours, rather than a hand-off the office cannot use either.
    // (Judged without learned forms: they hold every word staff ever used, 印刷 and 宛先 among them.)
    const knowledgeAnswers = answerable && answersQuestion({ ...composition, support: composition.curatedSupport ?? composition.support }, answered?.coverage ?? 0);
    if (!knowledgeAnswers && !contactQuestion && !needsPerson && !namesDomain && !statePays && !surelyOurs()) {
      return result('out-of-scope', MESSAGES.outOfScope[lang], { outOfScope: true, confidence: 1 - (top?.coverage ?? 0) });
    }

    const sources: SourceRef[] = [];
    let body = '';
    if (answerable) {
      const generated = await this.tryGenerate(clean, focusOnQuestion(searchable), lang, hits, composition);
      if (generated) sources.push(...this.sourcesFor(generated.chunks));
      body = generated?.text ?? this.renderComposition(composition, sources, lang);
      if (lang === 'en' && !ownCaseOnTopic) body = MESSAGES.englishLead.en + body;
    }
    // The sources the passage answer cites (an own case may cite an FAQ entry's instead).
    const bodySources = [...sources];

    const lines: string[] = [];
    if (intents.incident) lines.push(MESSAGES.incident[lang]);
    if (ownCaseOnTopic && !intents.wantsHuman) {
      // The general answer first (when the knowledge has one), then why it goes to the office.
      sources.length = 0;
      if (general) {
        sources.push(...general.sources);
        lines.push(MESSAGES.generalRule[lang], general.cited);
      } else if (body !== '' && composition.support >= GENERAL_RULE_SUPPORT) {
        sources.push(...bodySources);
        lines.push(MESSAGES.generalRule[lang], body);
      }
      lines.push(MESSAGES.ownCase[lang](ownCase!.kind));
    } else {
      // Incidents keep their flow: own CISO first (above), then the passages.
      if (!intents.incident && intents.wantsJudgement && !intents.wantsHuman && !addressOnly && !vetoed) lines.push(MESSAGES.judgement[lang]);
      else if (!intents.incident && !answerable && !contactQuestion) lines.push(MESSAGES.noKnowledge[lang]);
      // Asked for a person, the passages come along only when they answer the topic well: loosely
      // related sentences before a hand-off only get in the way.
      const handOffOnly = intents.wantsHuman && !intents.incident && !intents.wantsContact && composition.support < GENERAL_RULE_SUPPORT;
      if (handOffOnly) sources.length = 0;
      else if (body !== '') lines.push(body);
      const note = answerable && !handOffOnly ? latestNote(searchable, sources, lang) : null;
      if (note !== null) lines.push(note);
    }
    // The passages say the details are in the original (not in this bot's materials), or the
    // person asked where to find it: point to the main source's published URL.
    const main = sources[0];
    if (answerable && main?.url && !body.includes(main.url) && (intents.wantsLink || REFERS_TO_ORIGINAL.test(body))) {
      lines.push(MESSAGES.documentLink[lang](main.title, main.url));
    }
    const escalate = needsPerson || (!answerable && !contactQuestion);
    // Asked where to ask, and the passages did not give the owning office's address: add it
    // (every office's, when asked for all of them).
    const givesContact = office.email !== null ? body.includes(office.email) : /@|\d{2,4}-\d{2,4}-\d{3,4}/.test(body);
    // Asked for the consultation centre's address, the centre's line answers; the ministry's office
    // is added only when the question names the ministry too (or asks for every contact).
    const named = intents.wantsContact || linkToReferral ? this.referralsNamedIn(folded, linkToReferral) : [];
    const officeToo = (named.length === 0 && !linkToReferral) || wantsAll || MINISTRY.test(folded);
    // Asked for the address of what the answer turns out to be about (free expert advice: the centre),
    // the service the best passage names gets its line too.
    const answeredBy = contactQuestion && intents.asksAddress && answerable ? composition.parts[0]?.sentences.join('') : undefined;
    const referrals = answeredBy ? [...new Set([...named, ...this.referralsNamedIn(foldForMatch(answeredBy))])] : named;
    const addContact = escalate || (intents.wantsContact && officeToo && (!givesContact || wantsAll));
    if (addContact && !escalate) {
      const all = wantsAll ? this.offices : [office];
      for (const o of all) if (o.email === null || !body.includes(o.email)) lines.push(MESSAGES.contactLine[lang](o));
    }
    // A contact question naming a referral service (the consultation centre, free advice) gets its address too.
    for (const r of referrals) {
      if ([r.phone, r.email].some((a) => a !== null && body.includes(a))) continue;
      // A service reached only by its web page, whose page the answer already links, needs no line of its own.
      if (r.phone === null && r.email === null && r.url !== null && lines.some((l) => l.includes(r.url!))) continue;
      lines.push(MESSAGES.referralLine[lang](r));
      // Cited to the passage that publishes the address, like an office's line.
      const published = this.index.chunks.find((c) => [r.phone, r.email].some((a) => a !== null && c.text.includes(a))) ?? (r.url !== null ? this.index.chunks.find((c) => c.url === r.url || c.text.includes(r.url!)) : undefined);
      if (published && !sources.some((s) => s.documentId === published.documentId && s.section === published.section)) {
        sources.push({ ...this.sourcesFor([published])[0]!, n: sources.length + 1 });
        lines[lines.length - 1] += ` [${sources.length}]`;
      }
    }
    if (addContact) {
      if (escalate) {
        lines.push(MESSAGES.offerEscalation[lang](office));
        lines.push(MESSAGES.contactLine[lang](office));
      }
      const contactSource = this.contactsSourceFor(office);
      if (contactSource && !sources.some((s) => s.documentId === contactSource.documentId && s.section === contactSource.section)) {
        sources.push({ ...this.sourcesFor([contactSource])[0]!, n: sources.length + 1 });
        lines[lines.length - 1] += ` [${sources.length}]`;
      }
    }
    const replied = answerable || contactQuestion;
    return result(replied ? (escalate ? 'escalation' : 'answer') : 'no-knowledge', lines.join('\n'), {
      route: office.id,
      escalate,
      confidence: answerable ? confidence : contactQuestion ? Math.max(confidence, CONTACT_CONFIDENCE) : Math.min(confidence, 0.3),
      sources,
      routeReason: decision.reason,
    });
  }

  /** Whether the text names a curated domain term (a short Latin one as a word: ipa, not the ipa of ipad). */
  private namesDomainWord(text: string): boolean {
    return this.domainWords.some((w) => text.includes(w) && (this.shortLatinDomainWords.get(w)?.test(text) ?? true));
  }

  /**
   * English telework named only as when something else happens (My neighbour's dog barks all day while I work from
   * home): with those phrases taken out, no domain term is left.
   */
  private onlyEnglishSetting(folded: string): boolean {
    if (!EN_SETTING.test(folded)) return false;
    const rest = folded.replace(EN_SETTINGS, ' ');
    return !this.namesDomainWord(rest);
  }

  private mentionsScheme(name: string): boolean {
    let found = this.schemeMentions.get(name);
    if (found === undefined) {
      if (this.schemeMentions.size >= SCHEME_MENTIONS_MAX) this.schemeMentions.clear();
      found = this.knowledgeText.includes(name);
      this.schemeMentions.set(name, found);
    }
    return found;
  }

  /** The composition without sentences that give another office's address. */
  private withoutOtherOffices(composition: Composition, office: Office): Composition {
    const others = this.offices
      .filter((o) => o.id !== office.id)
      .flatMap((o) => [o.email, o.phone?.replace(/[（(].*$/, '')])
      .filter((a): a is string => !!a);
    const parts = composition.parts
      .map((p) => ({ ...p, sentences: p.sentences.filter((s) => !others.some((a) => s.includes(a))) }))
      .filter((p) => p.sentences.length > 0);
    return { ...composition, parts };
  }

  /** Referral services with an address that the (folded) question names by one of their keywords. */
  /** Referral services the text names that can be reached (a phone or an e-mail; or, asked for a link, a web page). */
  private referralsNamedIn(folded: string, link = false): Referral[] {
    return this.knowledge.contacts.referrals.filter(
      (r) => (r.phone !== null || r.email !== null || (link && r.url !== null)) && r.keywords.some((k) => folded.includes(foldForMatch(k))),
    );
  }

  /** "sentence。sentence。[1] sentence。[2]": numbered in citation order. */
  private renderComposition(composition: Composition, sources: SourceRef[], lang: Lang): string {
    // Passages of one section of one document (a long section split in chunks, PDF pages) are one source.
    const key = (c: KnowledgeChunk): string => `${c.documentId}\u0000${c.section}`;
    const distinct = [...new Map(composition.parts.map((p) => [key(p.chunk), p.chunk])).values()];
    const refs = this.sourcesFor(distinct);
    sources.push(...refs);
    const ref = new Map(distinct.map((c, i) => [key(c), refs[i]!]));
    return composition.parts
      .map((p) => {
        const r = ref.get(key(p.chunk))!;
        return `${p.sentences.join('')}[${r.n}]${r.secondary ? MESSAGES.secondaryMark[lang] : ''}`;
      })
      .join('\n');
  }

  /** A curated FAQ entry's answer in the asked language, cited to its source section, and its office. */
  private faqAnswer(hit: FaqMatch, lang: Lang): { body: string; cited: string; sources: SourceRef[]; office: Office } {
    const { entry } = hit;
    const chunk =
      this.index.chunks.find((c) => c.documentId === entry.source.documentId && (entry.source.section === undefined || c.section === entry.source.section)) ??
      this.index.chunks.find((c) => c.documentId === entry.source.documentId);
    const sources = chunk ? this.sourcesFor([chunk]) : [];
    const office = this.officeById.get(entry.route) ?? this.officeById.get(this.knowledge.contacts.defaultOffice)!;
    const body = lang === 'en' ? (entry.answer.en ?? MESSAGES.englishLead.en + entry.answer.ja) : entry.answer.ja;
    const mark = sources[0]?.secondary ? MESSAGES.secondaryMark[lang] : '';
    return { body, cited: `${body}${sources.length > 0 ? `[1]${mark}` : ''}`, sources, office };
  }

  /** The answer of a curated FAQ entry: its text cited to its source section, its route and escalation. */
  private faqFields(
    hit: FaqMatch,
    question: string,
    lang: Lang,
    intents: Intents,
  ): { text: string; route: string; escalate: boolean; confidence: number; sources: SourceRef[]; routeReason: string } {
    const { entry } = hit;
    const { body, cited, sources, office } = this.faqAnswer(hit, lang);
    const lines = [cited];
    const main = sources[0];
    if (intents.wantsLink && main?.url && !body.includes(main.url)) lines.push(MESSAGES.documentLink[lang](main.title, main.url));
    const note = latestNote(question, sources, lang);
    if (note !== null) lines.push(note);
    if (entry.escalate) lines.push(MESSAGES.offerEscalation[lang](office));
    if (entry.escalate || (intents.wantsContact && (office.email === null || !body.includes(office.email)))) lines.push(MESSAGES.contactLine[lang](office));
    return { text: lines.join('\n'), route: office.id, escalate: entry.escalate, confidence: hit.score, sources, routeReason: `FAQ entry ${entry.id}` };
  }

  private sourcesFor(chunks: KnowledgeChunk[]): SourceRef[] {
    return chunks.map((c, i) => ({
      n: i + 1,
      documentId: c.documentId,
      title: c.title,
      section: c.section,
      url: c.url,
      issued: c.issued,
      issuedWareki: c.issuedWareki,
      page: c.page,
      secondary: c.secondary,
    }));
  }

  private contactsSourceFor(office: Office): KnowledgeChunk | undefined {
    return (
      this.contactsChunks.find((c) => office.email !== null && c.text.includes(office.email)) ??
      this.contactsChunks.find((c) => c.text.includes(office.shortName))
    );
  }

  /**
   * The LLM's answer, or null (unset, failed, timed out, uncited): then the extractive answer stands.
   * A LangChain generator retrieves its passages itself (the same index, searched for the same text);
   * a plain one is given the composition's passages.
   */
  private async tryGenerate(
    question: string,
    query: string,
    lang: Lang,
    hits: RetrievalHit[],
    composition: Composition,
  ): Promise<{ text: string; chunks: KnowledgeChunk[] } | null> {
    const generator = this.opts.generator;
    if (!generator) return null;
    const safe = redactPersonalData(question, this.publishedContacts).text;
    let passages: GenerationPassage[] | undefined;
    let given: KnowledgeChunk[] = [];
    if (generator.useRetriever === undefined) {
      given = composition.parts.map((p) => p.chunk);
      for (const h of hits) if (given.length < GENERATOR_PASSAGES && !given.includes(h.chunk)) given.push(h.chunk);
      passages = given.map((c, i) => ({ n: i + 1, title: c.title, section: c.section, text: c.text, chunkId: c.id }));
    }
    try {
      const out = await generator.generate({ question: safe, lang, query, ...(passages ? { passages } : {}) });
      // The passages' order is the citation numbering the model used.
      const byId = new Map(this.index.chunks.map((c) => [c.id, c]));
      const used = out.passages ?? passages ?? [];
      const chunks = used.map((p) => (p.chunkId ? byId.get(p.chunkId) : undefined) ?? given[p.n - 1]).filter((c): c is KnowledgeChunk => c !== undefined);
      if (chunks.length === 0 || chunks.length !== used.length) throw new Error('the generator answered from passages the knowledge does not have');
      return { text: out.text, chunks };
    } catch (e) {
      this.opts.onGeneratorRejected?.(e);
      return null;
    }
  }
}

export type { Intents };
