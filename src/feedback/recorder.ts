// Answers, votes and escalation requests kept on the Store (with TTLs) for review; see FeedbackRecorder.
import type { Reply } from '../core/reply.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Logger } from '../logging/logger.js';
import type { Store } from '../store/store.js';

export type Vote = 'helpful' | 'unhelpful' | 'resolved';

/** Who asked, on which platform and where, so that answers can go back to the same place. */
export interface Requester {
  platform: 'slack' | 'teams' | 'lineworks' | 'web' | 'cli' | 'api';
  userId: string;
  channelId?: string;
  threadId?: string;
}

export interface AnswerRecord {
  answerId: string;
  question: string;
  text: string;
  route: string | null;
  kind: Reply['kind'];
  confidence: number;
  /** The answer's language: receipts and notices about it are written in it (absent in older records). */
  lang?: 'ja' | 'en';
  requester: Requester;
  at: string;
  /** The sources the answer cited (the console shows them with a ticket); absent on older records. */
  sources?: Reply['sources'];
}

export interface VoteRecord {
  answerId: string;
  vote: Vote;
  requester: Requester;
  at: string;
}

export interface EscalationRequestRecord {
  answerId: string;
  question: string;
  route: string | null;
  lang?: 'ja' | 'en';
  requester: Requester;
  at: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Records answers given, votes and escalation requests so that unanswered and
 * unhelpful questions can be reviewed later. Text is stored as the core produced it
 * (the core already redacts personal data from questions before they leave it).
 */
export class FeedbackRecorder {
  constructor(
    private readonly store: Store,
    private readonly opts: { answerTtlMs?: number; audit?: AuditLog; logger?: Pick<Logger, 'warn'> } = {},
  ) {}

  /** Answer records (and their audit entries) that could not be written, since start. */
  droppedWrites = 0;

  async rememberAnswer(reply: Reply, requester: Requester): Promise<AnswerRecord> {
    const record: AnswerRecord = {
      answerId: reply.answerId,
      question: reply.question,
      text: reply.text,
      route: reply.office?.id ?? null,
      kind: reply.kind,
      confidence: reply.confidence,
      lang: reply.lang,
      requester,
      at: new Date().toISOString(),
      sources: reply.sources,
    };
    // Answering never needs the store: a record that cannot be written (Redis down, cluster
    // failing over) is dropped with a log line and counted, and the answer still goes out.
    try {
      await this.store.set(`answer:${reply.answerId}`, JSON.stringify(record), {
        ttlMs: this.opts.answerTtlMs ?? 30 * DAY_MS,
      });
      if (reply.kind === 'no-knowledge') await this.store.listPush('feedback:unanswered', reply.answerId);
      // Every answer given is audited (the audit log redacts again, whatever the caller passed).
      await this.opts.audit?.record({
        action: 'answer.given',
        subject: { type: 'answer', id: reply.answerId },
        actor: { platform: requester.platform, userId: requester.userId },
        details: { question: record.question, route: record.route, kind: record.kind, confidence: record.confidence },
      });
    } catch (err) {
      this.droppedWrites++;
      this.opts.logger?.warn({ err, answerId: reply.answerId, dropped: this.droppedWrites }, 'answer record and audit entry dropped: the store cannot take writes now');
    }
    return record;
  }

  async getAnswer(answerId: string): Promise<AnswerRecord | null> {
    const raw = await this.store.get(`answer:${answerId}`);
    return raw === null ? null : (JSON.parse(raw) as AnswerRecord);
  }

  /** Records one vote per person and answer; a repeated click returns false and changes nothing. */
  async recordVote(answerId: string, vote: Vote, requester: Requester): Promise<boolean> {
    const first = await this.store.setIfAbsent(
      `vote:${answerId}:${requester.platform}:${requester.userId}`,
      vote,
      90 * DAY_MS,
    );
    if (!first) return false;
    const record: VoteRecord = { answerId, vote, requester, at: new Date().toISOString() };
    await this.store.listPush('feedback:votes', JSON.stringify(record));
    return true;
  }

  async recordEscalationRequest(answerId: string, requester: Requester): Promise<EscalationRequestRecord | null> {
    const answer = await this.getAnswer(answerId);
    if (answer === null) return null;
    const record: EscalationRequestRecord = {
      answerId,
      question: answer.question,
      route: answer.route,
      ...(answer.lang ? { lang: answer.lang } : {}),
      requester,
      at: new Date().toISOString(),
    };
    await this.store.listPush('feedback:escalation-requests', JSON.stringify(record));
    return record;
  }

  async listVotes(limit = 100): Promise<VoteRecord[]> {
    const raw = await this.store.listRange('feedback:votes', -limit, -1);
    return raw.map((r) => JSON.parse(r) as VoteRecord);
  }

  async listEscalationRequests(limit = 100): Promise<EscalationRequestRecord[]> {
    const raw = await this.store.listRange('feedback:escalation-requests', -limit, -1);
    return raw.map((r) => JSON.parse(r) as EscalationRequestRecord);
  }
}
