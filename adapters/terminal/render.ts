import { MESSAGES } from '../../src/core/messages.js';
import type { Reply } from '../../src/core/reply.js';

const LABELS = {
  ja: { sources: '出典', office: '担当窓口', issued: '発出' },
  en: { sources: 'Sources', office: 'Office', issued: 'issued' },
} as const;

/** Renders the core's Reply as plain terminal text: the answer, then numbered sources. */
export function renderReplyForTerminal(reply: Reply): string {
  const l = LABELS[reply.lang];
  const lines: string[] = [reply.text];
  if (reply.sources.length > 0) {
    lines.push('', `${l.sources}:`);
    for (const s of reply.sources) {
      const where = [s.section, s.page !== null ? `p.${s.page}` : null].filter((x) => x !== null).join(' ');
      const date = s.issuedWareki ?? s.issued;
      lines.push(`  [${s.n}] ${s.title}${where ? ` ${where}` : ''}${date ? ` (${date})` : ''}${s.secondary ? MESSAGES.secondaryMark[reply.lang] : ''}`);
      if (s.url) lines.push(`      ${s.url}`);
    }
  }
  if (reply.office !== null && reply.escalate) lines.push('', `${l.office}: ${reply.office.name}`);
  return lines.join('\n');
}
