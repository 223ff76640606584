import { z } from 'zod';

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** One office's extra ticket channels, set by the deployer in TICKET_ROUTES_JSON. */
export const OfficeRouteSchema = z
  .object({
    /** Replaces the contacts.yaml address (e.g. a shared desk mailbox); contacts.yaml is used otherwise. */
    email: z.email().optional(),
    /** Receives a JSON POST {ticket} for each new ticket. */
    webhook: httpUrl.optional(),
    /** A Slack channel id (C…) where the bot posts new tickets and the office may answer. */
    slackChannel: z.string().regex(/^[CG][A-Z0-9]{2,}$/, 'must be a Slack channel id like C0123ABCD').optional(),
    /** A Teams conversation id (channel or chat) where the bot posts new tickets proactively. */
    teamsConversation: z.string().min(1).max(500).optional(),
    /** A LINE WORKS room (channelId) where the bot posts new tickets and the office may answer. */
    lineworksChannel: z.string().regex(/^[A-Za-z0-9_.:@-]{1,200}$/, 'must be a LINE WORKS channel id').optional(),
  })
  .strict();
export type OfficeRoute = z.infer<typeof OfficeRouteSchema>;

export const TicketRoutesSchema = z.record(z.string().min(1).max(64), OfficeRouteSchema);

/** Parses the JSON text; the first problem as one line (for settings errors). */
export function parseTicketRoutes(text: string): { ok: true; routes: Record<string, OfficeRoute> } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'is not valid JSON' };
  }
  const parsed = TicketRoutesSchema.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    return { ok: false, error: `${i.path.join('.') || 'value'}: ${i.message}` };
  }
  return { ok: true, routes: parsed.data };
}
