import { simpleParser, type ParsedMail } from 'mailparser';
import type { Office } from '../../core/office.js';
import type { Logger } from '../../logging/logger.js';
import { redactForTicket } from '../../tickets/redaction.js';
import type { OfficeReplyOutcome, TicketService } from '../../tickets/service.js';
import { autoReplyReason, senderOf, ticketIdOf } from './classify.js';
import type { HeldReplies, HeldReply } from './held.js';
import { replyText } from './reply-text.js';

/** What became of one message. */
export type ReplyOutcome =
  | { kind: 'applied'; ticketId: string; result: OfficeReplyOutcome }
  | { kind: 'held'; reason: HeldReply['reason']; ticketId: string | null }
  | { kind: 'ignored'; reason: string };

/** Where a message sits in the mailbox: its key (folder, UIDVALIDITY, UID) names it for locks and records. */
export interface MessagePlace {
  key: string;
  folder: string;
  uid: number;
  /** The folder a held message is moved to, if any (else it stays in `folder`). */
  heldFolder: string | null;
}

const EXCERPT_MAX = 300;
/** Larger mails are not read (a reply is a few KB; this bounds the parser's memory). */
export const MAX_MESSAGE_BYTES = 5 * 1024 * 1024;

/**
 * Turns one office reply into a ticket answer: machine-made mail is ignored; a reply that names
 * no known ticket, comes from an address that is not the ticket office's, or carries no new text
 * is held for a person; anything else is applied through the tickets service (answer, or a
 * follow-up once answered), redacted there like every other text.
 */
export class ReplyProcessor {
  constructor(
    private readonly d: {
      tickets: Pick<TicketService, 'get' | 'applyOfficeReply'>;
      /** Office id → addresses whose replies answer that office's tickets. */
      senders: Map<string, Set<string>>;
      held: HeldReplies;
      offices: Office[];
      logger: Logger;
    },
  ) {}

  async process(source: Buffer, place: MessagePlace): Promise<ReplyOutcome> {
    if (source.length > MAX_MESSAGE_BYTES) return this.hold(place, null, 'empty', null, { subject: '', text: '' });
    const mail = await simpleParser(source, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true });
    const auto = autoReplyReason(mail);
    if (auto !== null) {
      this.d.logger.info({ mail: place.key, reason: auto }, 'automatic mail ignored');
      return { kind: 'ignored', reason: auto };
    }
    const ticketId = ticketIdOf(mail);
    const sender = senderOf(mail);
    const text = replyText({ text: mail.text, html: mail.html });
    const seen = { subject: mail.subject ?? '', text };
    if (ticketId === null) return this.hold(place, null, 'no-ticket', sender, seen);
    const ticket = await this.d.tickets.get(ticketId);
    if (ticket === null) return this.hold(place, ticketId, 'unknown-ticket', sender, seen);
    if (sender === null || !(this.d.senders.get(ticket.route)?.has(sender) ?? false)) return this.hold(place, ticketId, 'unknown-sender', sender, seen);
    if (text === '') return this.hold(place, ticketId, 'empty', sender, seen);
    const { outcome } = await this.d.tickets.applyOfficeReply(ticketId, text, { source: sourceOf(mail, place), by: 'e-mail reply', actor: { system: 'mail' } });
    this.d.logger.info({ mail: place.key, ticketId, outcome }, 'office reply applied');
    return { kind: 'applied', ticketId, result: outcome };
  }

  private async hold(place: MessagePlace, ticketId: string | null, reason: HeldReply['reason'], sender: string | null, seen: { subject: string; text: string }): Promise<ReplyOutcome> {
    const redact = (s: string): string => redactForTicket(s, this.d.offices).text;
    const record: HeldReply = {
      id: place.key,
      at: new Date().toISOString(),
      reason,
      ticketId,
      fromDomain: sender?.split('@')[1] ?? null,
      subject: redact(seen.subject.slice(0, 300)),
      excerpt: redact(seen.text.slice(0, EXCERPT_MAX)),
      folder: place.heldFolder ?? place.folder,
      uid: place.heldFolder === null ? place.uid : null,
    };
    await this.d.held.add(record);
    // Logged without the address: the domain is enough to tell a stranger from a colleague's other account.
    this.d.logger.warn({ mail: place.key, ticketId, reason, fromDomain: record.fromDomain }, 'office reply held for review: not delivered');
    return { kind: 'held', reason, ticketId };
  }
}

/** The reply's identity for the ticket's exactly-once check: its Message-ID, else its place in the mailbox. */
function sourceOf(mail: Pick<ParsedMail, 'messageId'>, place: MessagePlace): string {
  const id = mail.messageId?.trim();
  return id ? `mid:${id.slice(0, 300)}` : `imap:${place.key}`;
}
