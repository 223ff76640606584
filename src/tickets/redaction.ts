import type { Office } from '../core/office.js';
import { redactPersonalData } from '../safety/redact.js';

/**
 * Redacts a question or an answer before it is stored or sent. The offices' published
 * addresses and numbers stay (an answer may well say "call 03-5253-5546").
 */
export function redactForTicket(text: string, offices: Office[]): { text: string; kinds: string[] } {
  const allow = new Set(offices.flatMap((o) => [o.email, o.phone].filter((x): x is string => x !== null)));
  // Published phones are written with a note, e.g. "03-5253-5546（直通）": allow the bare number too.
  for (const o of offices) {
    const bare = o.phone?.match(/[\d-]{10,}/)?.[0];
    if (bare) allow.add(bare);
  }
  const r = redactPersonalData(text, allow);
  return { text: r.text, kinds: r.kinds };
}
