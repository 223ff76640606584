import { SettingsError, type Env } from '../config/settings.js';
import type { Office } from '../core/office.js';
import type { DeliveryChannel } from './model.js';
import { type OfficeRoute, parseTicketRoutes } from './routes-schema.js';

/** Where one office's tickets go. */
export interface OfficeDelivery {
  email: string | null;
  webhook: string | null;
  slackChannel: string | null;
  teamsConversation: string | null;
}

export interface DeliveryPlan {
  byOffice: Map<string, OfficeDelivery>;
  mailEnabled: boolean;
}

/** Parses TICKET_ROUTES_JSON against the known offices; a bad value stops the start (exit 2). */
export function deliveryPlan(settings: Pick<Env, 'TICKET_ROUTES_JSON' | 'SMTP_URL' | 'MAIL_FROM'>, offices: Office[]): DeliveryPlan {
  let routes: Record<string, OfficeRoute> = {};
  if (settings.TICKET_ROUTES_JSON !== undefined) {
    const parsed = parseTicketRoutes(settings.TICKET_ROUTES_JSON);
    if (!parsed.ok) throw new SettingsError('TICKET_ROUTES_JSON', parsed.error);
    routes = parsed.routes;
    const unknown = Object.keys(routes).filter((id) => !offices.some((o) => o.id === id));
    if (unknown.length > 0) throw new SettingsError('TICKET_ROUTES_JSON', `unknown office id(s): ${unknown.join(', ')} (offices: ${offices.map((o) => o.id).join(', ')})`);
  }
  if ((settings.SMTP_URL === undefined) !== (settings.MAIL_FROM === undefined)) {
    throw new SettingsError(settings.SMTP_URL === undefined ? 'SMTP_URL' : 'MAIL_FROM', 'is required when the other mail setting is present');
  }
  const mailEnabled = settings.SMTP_URL !== undefined;
  const byOffice = new Map<string, OfficeDelivery>();
  for (const o of offices) {
    const r = routes[o.id] ?? {};
    byOffice.set(o.id, {
      email: mailEnabled ? (r.email ?? o.email) : null,
      webhook: r.webhook ?? null,
      slackChannel: r.slackChannel ?? null,
      teamsConversation: r.teamsConversation ?? null,
    });
  }
  return { byOffice, mailEnabled };
}

/** The channels a new ticket for this office goes out on (empty: kept, not sent). */
export function channelsFor(plan: DeliveryPlan, route: string): DeliveryChannel[] {
  const d = plan.byOffice.get(route);
  if (d === undefined) return [];
  const out: DeliveryChannel[] = [];
  if (d.email !== null) out.push('email');
  if (d.webhook !== null) out.push('webhook');
  if (d.slackChannel !== null) out.push('slack');
  if (d.teamsConversation !== null) out.push('teams');
  return out;
}
