import { z } from 'zod';

export const TICKET_STATUSES = ['open', 'notified', 'answered', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const PLATFORMS = ['slack', 'teams', 'lineworks', 'web', 'cli', 'api'] as const;

/** Who asked and where the office's answer must go back to. */
export const RequesterSchema = z.object({
  platform: z.enum(PLATFORMS),
  userId: z.string().min(1).max(200),
  channelId: z.string().min(1).max(500).optional(),
  threadId: z.string().min(1).max(500).optional(),
});
export type TicketRequester = z.infer<typeof RequesterSchema>;

/** A delivery channel of an office: e-mail, a webhook, or a chat conversation through a messenger. */
export type DeliveryChannel = 'email' | 'webhook' | 'slack' | 'teams' | 'lineworks';
export type DeliveryState = 'pending' | 'sent' | 'failed';

export type TicketEventType =
  | 'created'
  | 'delivered'
  | 'delivery-failed'
  | 'delivery-requeued'
  | 'notified'
  | 'answered'
  | 'answer-delivered'
  | 'answer-delivery-failed'
  | 'closed'
  /** A further answer from the office after the first (a second e-mail reply). */
  | 'follow-up'
  | 'follow-up-delivered'
  | 'follow-up-delivery-failed'
  | 'transferred';

/** One entry of the append-only history. */
export interface TicketEvent {
  at: string;
  type: TicketEventType;
  /** The delivery channel the event is about, when there is one. */
  channel?: DeliveryChannel;
  /** Short, redacted detail (an error message, the actor). */
  detail?: string;
  /** A transfer's offices (route ids) and its note (redacted). */
  from?: string;
  to?: string;
  note?: string;
}

export interface TicketAnswer {
  /** The office's answer, personal data redacted. */
  text: string;
  redacted: string[];
  at: string;
  by: string;
  /** What it came from (an e-mail reply's Message-ID): the same source is never applied twice. */
  source?: string;
}

/** A further answer after the first: stored on the ticket and sent to the asker's conversation. */
export interface TicketFollowUp extends TicketAnswer {
  /** pending: still to be sent; sent; stored: the asker has no conversation; failed: given up. */
  state: 'pending' | 'sent' | 'stored' | 'failed';
  /** Bumped by a redelivery so that its job gets a fresh id. */
  round?: number;
}

/** The stored head of a ticket; history lives in its own append-only list. */
export interface TicketRecord {
  id: string;
  status: TicketStatus;
  route: string;
  officeName: string;
  /** The question with personal data redacted: never stored or sent otherwise. */
  question: string;
  /** Kinds of personal data removed from the question (my-number, phone, email, name). */
  redacted: string[];
  requester: TicketRequester;
  /** What created it: the chat answer it escalates, if any. */
  answerId?: string;
  source: 'chat' | 'api' | 'cli';
  lang: 'ja' | 'en';
  deliveries: Partial<Record<DeliveryChannel, DeliveryState>>;
  /** Bumped by a redelivery so that its jobs get fresh ids. */
  deliveryRound?: number;
  /** Bumped by a redelivery of the answer, for the same reason. */
  answerRound?: number;
  answer?: TicketAnswer;
  /** Further answers from the office, oldest first. */
  followUps?: TicketFollowUp[];
  /** What the bot had answered the asker (redacted), when the ticket came from a chat answer: shown to the office. */
  botAnswer?: string;
  /** Set when an office handed the ticket over: the new office's notice says where it came from and why. */
  transferredFrom?: { route: string; officeName: string; note: string; at: string };
  createdAt: string;
  updatedAt: string;
}

/** A Ticket as the API shows it (CONTRACT.md): the head plus its history. */
export interface Ticket extends TicketRecord {
  history: TicketEvent[];
}

const ID_RE = /^TW-\d{4}-\d{6,}$/;
export const TicketIdSchema = z.string().regex(ID_RE, 'a ticket id looks like TW-2026-000123');

/** TW-<year>-<6 digits>, from a per-year counter. */
export const formatTicketId = (year: number, n: number): string => `TW-${year}-${String(n).padStart(6, '0')}`;

/** POST /api/tickets */
export const CreateTicketBody = z.object({
  question: z.string().trim().min(1, 'question is empty').max(2000, 'question is longer than 2,000 characters'),
  route: z.string().min(1).max(64).optional(),
  requester: RequesterSchema.optional(),
  lang: z.enum(['ja', 'en']).optional(),
});

/** POST /api/tickets/:id/answer */
export const AnswerTicketBody = z.object({
  answer: z.string().trim().min(1, 'answer is empty').max(10_000, 'answer is longer than 10,000 characters'),
  by: z.string().min(1).max(200).optional(),
});

/** POST /api/tickets/:id/transfer */
export const TransferTicketBody = z.object({
  office: z.string().trim().min(1, 'office is empty').max(64),
  note: z.string().trim().max(2000, 'note is longer than 2,000 characters').default(''),
  by: z.string().min(1).max(200).optional(),
});

/** POST /api/tickets/:id/close */
export const CloseTicketBody = z.object({
  note: z.string().trim().max(2000, 'note is longer than 2,000 characters').default(''),
  by: z.string().min(1).max(200).optional(),
});

/** GET /api/tickets query */
export const ListTicketsQuery = z.object({
  status: z.enum(TICKET_STATUSES).optional(),
  office: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type ListFilter = z.infer<typeof ListTicketsQuery>;

export const IdempotencyKeySchema = z.string().min(1).max(200).regex(/^[\x21-\x7e]+$/, 'Idempotency-Key must be printable ASCII');
