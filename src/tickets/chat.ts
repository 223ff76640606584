import { MESSAGES } from '../core/messages.js';
import type { Requester } from '../feedback/recorder.js';
import { TicketError } from './errors.js';
import { TicketIdSchema, type Ticket } from './model.js';
import type { TicketService } from './service.js';

/**
 * Chat-side ticket features shared by the chat adapters (Slack, Teams, LINE WORKS): 「問い合わせ状況」 for the
 * asker, and the office's reply command (`answer TW-2026-000123 本文`) in the office's channel.
 */

const STATUS_QUERY = /^(?:お?問い?合わ?せ(?:の)?状況|お?問合せ状況|チケット(?:の)?状況|(?:my\s+)?tickets?(?:\s+status)?|ticket\s+status)[\s。.?？!！]*$/iu;

export const isStatusQuery = (text: string): boolean => STATUS_QUERY.test(text.trim());

/** The asker's tickets, newest first, as one message. */
export async function statusText(service: TicketService, who: Pick<Requester, 'platform' | 'userId'>, lang: 'ja' | 'en', limit = 10): Promise<string> {
  const t = MESSAGES.tickets;
  const tickets: Ticket[] = await service.list({ requester: who, limit });
  if (tickets.length === 0) return t.statusNone[lang];
  const day = (iso: string): string => new Date(iso).toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB', { timeZone: 'Asia/Tokyo', dateStyle: 'short', timeStyle: 'short' });
  return [t.statusHeader[lang], ...tickets.map((x) => t.statusLine[lang](x.id, t.status[x.status][lang], x.officeName, day(x.createdAt)))].join('\n');
}

/**
 * An office's answer as typed, once the platform's markup is gone: line breaks kept (it may have
 * paragraphs), spaces folded within each line, at most one blank line in a row, trimmed.
 */
export function commandText(plain: string): string {
  return plain
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[^\S\n]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const ANSWER_COMMAND = /^answer\s+(\S+)\s+([\s\S]+)$/i;

/** `answer <id> <text>` → the parts, or null when the text is not an answer command. */
export function parseAnswerCommand(text: string): { id: string; answer: string } | { error: 'usage' } | null {
  const trimmed = text.trim();
  // Only "answer TW-…" is a command: an English question may well start with "answer".
  if (!/^answer\s+TW-/i.test(trimmed)) return null;
  const m = ANSWER_COMMAND.exec(trimmed);
  if (!m || !TicketIdSchema.safeParse(m[1]).success || m[2]!.trim() === '') return { error: 'usage' };
  return { id: m[1]!, answer: m[2]!.trim() };
}

/**
 * The office answers from its own channel: only the conversation set for the ticket's office in
 * TICKET_ROUTES_JSON may answer it (anyone there is the office, by the deployer's choice).
 */
export async function answerFromChat(service: TicketService, cmd: { id: string; answer: string }, from: { platform: 'slack' | 'teams' | 'lineworks'; channelId: string; userId: string }): Promise<Ticket> {
  // Only an office's own conversation may answer; checked before the lookup so that other
  // conversations cannot probe which ticket ids exist.
  const offices = service.officeIds().filter((o) => service.officeConversation(o, from.platform) === from.channelId);
  if (offices.length === 0) throw new TicketError(403, 'not the office channel');
  const ticket = await service.get(cmd.id);
  if (ticket === null) throw new TicketError(404, `no ticket ${cmd.id}`);
  if (!offices.includes(ticket.route)) throw new TicketError(403, 'not the office channel');
  return service.answer(cmd.id, cmd.answer, { platform: from.platform, userId: from.userId }, `${from.platform}:${from.userId}`);
}
