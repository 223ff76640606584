import type { AuditLog } from '../audit/audit-log.js';
import type { AnswerRecord, FeedbackRecorder } from '../feedback/recorder.js';
import { bigrams, jaccard, normalizeForOverlap } from '../text/similarity.js';

/**
 * The review: questions the bot failed at, grouped by similar question. Read from what is already
 * recorded: answers given (the audit log's `answer.given`, kept AUDIT_RETENTION_DAYS), votes and
 * escalation requests (src/feedback).
 */

export type ReviewKind = 'outOfScope' | 'lowConfidence' | 'unhelpful' | 'escalated';

/** Below this confidence an answer that was given still counts as weak. */
export const LOW_CONFIDENCE = 0.5;
/** Two questions at or above this bigram-Jaccard similarity are one group (as eval-overlap's near copies). */
export const SIMILAR = 0.6;
/** Answers kept per group in the listing (the count covers all of them). */
const ANSWERS_PER_GROUP = 50;
/** Votes and escalation requests read back from the feedback lists. */
const FEEDBACK_SCAN = 10_000;

export interface ReviewAnswer {
  answerId: string;
  question: string;
  at: string;
  kind: string | null;
  confidence: number | null;
  route: string | null;
  kinds: ReviewKind[];
}

export interface ReviewGroup {
  /** The group's most recent wording. */
  question: string;
  /** Answers in the group with at least one problem. */
  count: number;
  kinds: Record<ReviewKind, number>;
  lastAt: string;
  /** Ids of the answers given (newest first), to open them. */
  answerIds: string[];
  answers: ReviewAnswer[];
}

export interface ReviewQuery {
  since?: string;
  until?: string;
  limit?: number;
}

/** A ReviewAnswer while it is being collected: its problems as a set. */
type Item = Omit<ReviewAnswer, 'kinds'> & { kinds: Set<ReviewKind> };

/** ISO times, newest first. */
const newestFirst = (a: string, b: string): number => (a < b ? 1 : a > b ? -1 : 0);

const utc = (t: string | undefined): string | undefined => (t === undefined ? undefined : new Date(t).toISOString());

export class ReviewService {
  constructor(
    private readonly audit: AuditLog,
    private readonly feedback: FeedbackRecorder,
  ) {}

  /** Problem answers in the period, keyed by answer id; an answer is in when any of its events is. */
  private async items(q: ReviewQuery): Promise<Map<string, Item>> {
    const since = utc(q.since);
    const until = utc(q.until);
    const inPeriod = (at: string): boolean => (since === undefined || at >= since) && (until === undefined || at <= until);
    const items = new Map<string, Item>();
    const given = new Map<string, Item>();
    // Votes may come days after the answer: answers are read from 31 days before the period (an answer record lives 30 days).
    const answersFrom = since === undefined ? undefined : new Date(Date.parse(since) - 31 * 86_400_000).toISOString();
    for (const e of await this.audit.query({ subjectType: 'answer', action: 'answer.given', ...(answersFrom ? { since: answersFrom } : {}), ...(until ? { until } : {}) })) {
      const d = (e.details ?? {}) as { question?: unknown; kind?: unknown; confidence?: unknown; route?: unknown };
      if (typeof d.question !== 'string') continue;
      const item: Item = {
        answerId: e.subject.id,
        question: d.question,
        at: e.at,
        kind: typeof d.kind === 'string' ? d.kind : null,
        confidence: typeof d.confidence === 'number' ? d.confidence : null,
        route: typeof d.route === 'string' ? d.route : null,
        kinds: new Set(),
      };
      given.set(item.answerId, item);
      if (!inPeriod(e.at)) continue;
      if (item.kind === 'out-of-scope' || item.kind === 'no-knowledge') item.kinds.add('outOfScope');
      else if ((item.kind === 'answer' || item.kind === 'escalation') && item.confidence !== null && item.confidence < LOW_CONFIDENCE) item.kinds.add('lowConfidence');
      if (item.kinds.size > 0) items.set(item.answerId, item);
    }
    const itemFor = async (answerId: string, at: string, question?: string): Promise<Item | null> => {
      const known = items.get(answerId) ?? given.get(answerId);
      if (known) {
        items.set(answerId, known);
        if (at > known.at) known.at = at;
        return known;
      }
      const rec: AnswerRecord | null = question === undefined ? await this.feedback.getAnswer(answerId) : null;
      const text = question ?? rec?.question;
      if (text === undefined) return null;
      const item: Item = { answerId, question: text, at, kind: rec?.kind ?? null, confidence: rec?.confidence ?? null, route: rec?.route ?? null, kinds: new Set() };
      items.set(answerId, item);
      return item;
    };
    for (const v of await this.feedback.listVotes(FEEDBACK_SCAN)) {
      if (v.vote !== 'unhelpful' || !inPeriod(v.at)) continue;
      (await itemFor(v.answerId, v.at))?.kinds.add('unhelpful');
    }
    for (const r of await this.feedback.listEscalationRequests(FEEDBACK_SCAN)) {
      if (!inPeriod(r.at)) continue;
      (await itemFor(r.answerId, r.at, r.question))?.kinds.add('escalated');
    }
    return items;
  }

  /** Groups of similar questions, most asked first (then most recent). */
  async groups(q: ReviewQuery = {}): Promise<ReviewGroup[]> {
    const items = [...(await this.items(q)).values()].sort((a, b) => newestFirst(a.at, b.at));
    const groups: Array<{ grams: Set<string>; items: Item[] }> = [];
    const exact = new Map<string, (typeof groups)[number]>();
    // Bigram → groups having it: only groups that share a bigram are compared (thousands of groups stay fast).
    const byGram = new Map<string, number[]>();
    for (const it of items) {
      const norm = normalizeForOverlap(it.question);
      let g = exact.get(norm);
      if (g === undefined) {
        const grams = bigrams(norm);
        const shared = new Map<number, number>();
        for (const gram of grams) for (const gi of byGram.get(gram) ?? []) shared.set(gi, (shared.get(gi) ?? 0) + 1);
        // Compared with each group's first (newest) wording; the first group, in order, that is similar enough wins.
        let found = -1;
        for (const [gi, inter] of shared) {
          if ((found === -1 || gi < found) && inter / (grams.size + groups[gi]!.grams.size - inter) >= SIMILAR) found = gi;
        }
        if (found === -1) {
          found = groups.push({ grams, items: [] }) - 1;
          for (const gram of grams) {
            const list = byGram.get(gram);
            if (list) list.push(found);
            else byGram.set(gram, [found]);
          }
        }
        g = groups[found]!;
        exact.set(norm, g);
      }
      g.items.push(it);
    }
    const out: ReviewGroup[] = groups.map((g) => {
      const kinds: Record<ReviewKind, number> = { outOfScope: 0, lowConfidence: 0, unhelpful: 0, escalated: 0 };
      for (const it of g.items) for (const k of it.kinds) kinds[k]++;
      const newest = g.items[0]!;
      const answers = g.items.slice(0, ANSWERS_PER_GROUP).map((it) => ({ ...it, kinds: [...it.kinds] }));
      return { question: newest.question, count: g.items.length, kinds, lastAt: newest.at, answerIds: answers.map((a) => a.answerId), answers };
    });
    out.sort((a, b) => b.count - a.count || newestFirst(a.lastAt, b.lastAt));
    return out.slice(0, q.limit ?? 100);
  }

  /** The group whose wording is like `question` (for opening it), or null. */
  async group(question: string, q: ReviewQuery = {}): Promise<ReviewGroup | null> {
    const grams = bigrams(normalizeForOverlap(question));
    const all = await this.groups({ ...q, limit: Number.MAX_SAFE_INTEGER });
    let best: ReviewGroup | null = null;
    let bestScore = SIMILAR;
    for (const g of all) {
      const score = Math.max(...g.answers.map((a) => jaccard(grams, bigrams(normalizeForOverlap(a.question)))));
      if (score >= bestScore) {
        best = g;
        bestScore = score;
      }
    }
    return best;
  }
}
