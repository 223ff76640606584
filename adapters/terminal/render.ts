import { MESSAGES } from '../../src/core/messages.js';
import type { Reply } from '../../src/core/reply.js';

const LABELS = {
  ja: {
    sources: '出典',
    office: '担当窓口',
    issued: '発出',
    // The chat platforms show a button; a terminal names the command that does the same.
    escalate: '端末からは、次のコマンドで担当窓口に問い合わせを依頼できます(個人情報は送付前に削除されます):',
  },
  en: {
    sources: 'Sources',
    office: 'Office',
    issued: 'issued',
    escalate: 'From a terminal, ask the office with this command (personal data is removed before sending):',
  },
} as const;

/** Quotes text for a POSIX shell, so that the printed command can be pasted as it is. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

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
  if (reply.office !== null && reply.actions.some((a) => a.kind === 'escalate')) {
    lines.push('', l.escalate, `  telework-bot ticket create --route ${reply.office.id} ${shellQuote(reply.question.replace(/\s+/g, ' ').trim())}`);
  }
  return lines.join('\n');
}
