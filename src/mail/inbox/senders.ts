import { z } from 'zod';

/**
 * IMAP_ALLOWED_SENDERS_JSON: extra addresses per office whose replies answer that office's
 * tickets, e.g. {"hr": ["kakari@soumu.example.jp"], "security": ["a@x.jp", "b@x.jp"]}.
 * Office ids are checked against contacts.yaml when the poller starts.
 */
const SendersSchema = z.record(z.string().min(1).max(64), z.array(z.email().max(320)).max(100));

export function parseAllowedSenders(raw: string): { ok: true; senders: Record<string, string[]> } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, error: 'is not valid JSON (expected {"hr": ["person@example.jp"]})' };
  }
  const r = SendersSchema.safeParse(json);
  if (!r.success) return { ok: false, error: r.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ') };
  return { ok: true, senders: Object.fromEntries(Object.entries(r.data).map(([k, v]) => [k, v.map((a) => a.toLowerCase())])) };
}

/** The bare address of "Name <a@b>" or "a@b", lower-cased. */
export const bareAddress = (v: string): string => (/<([^<>\s]+)>/.exec(v)?.[1] ?? v).trim().toLowerCase();

/** Who may answer each office's tickets by e-mail: its contacts.yaml address, its TICKET_ROUTES_JSON email, and the extra list. */
export function allowedSenders(offices: Array<{ id: string; email: string | null }>, routeEmails: Map<string, string | null>, extra: Record<string, string[]>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const o of offices) {
    const set = new Set<string>();
    if (o.email) set.add(bareAddress(o.email));
    const routed = routeEmails.get(o.id);
    if (routed) set.add(bareAddress(routed));
    for (const a of extra[o.id] ?? []) set.add(bareAddress(a));
    out.set(o.id, set);
  }
  return out;
}
