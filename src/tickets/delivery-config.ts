import { z } from 'zod';
import { SettingsError, lineworksEnabled, slackEnabled, teamsEnabled, type Env } from '../config/settings.js';
import type { Office } from '../core/office.js';
import type { DeliveryChannel } from './model.js';
import { type OfficeRoute, parseTicketRoutes } from './routes-schema.js';

/** Where one office's tickets go. */
export interface OfficeDelivery {
  email: string | null;
  webhook: string | null;
  slackChannel: string | null;
  teamsConversation: string | null;
  /** Present only when set, so plans written before LINE WORKS existed stay valid. */
  lineworksChannel?: string;
}

export interface DeliveryPlan {
  byOffice: Map<string, OfficeDelivery>;
  mailEnabled: boolean;
  /** The Reply-To of ticket mails when replies are read (IMAP_URL): the office answers by pressing Reply. */
  replyTo: string | null;
}

/** `bot@example.jp` or `Name <bot@example.jp>` (the name may be quoted; no line breaks). */
const MAIL_FROM_RE = /^(?:[^<>\r\n]*<([^<>\s]+)>|([^<>\s]+))$/;
const Email = z.email();

/** True when MAIL_FROM is an address, or a display name with the address in angle brackets. */
export function isMailFrom(value: string): boolean {
  const m = MAIL_FROM_RE.exec(value.trim());
  const address = m?.[1] ?? m?.[2];
  return address !== undefined && Email.safeParse(address).success;
}

/**
 * Parses TICKET_ROUTES_JSON against the known offices and what is enabled; a bad value stops the
 * start (a SettingsError: `serve` exits 2 with one line). Refused: unknown offices, a `slackChannel`
 * while Slack is not enabled, a `teamsConversation` while TEAMS_ENABLED is off (each such ticket
 * would retry and then fail with "no adapter can send messages"), half a mail setting, and a
 * MAIL_FROM that is not an e-mail address.
 */
export function deliveryPlan(settings: Env, offices: Office[]): DeliveryPlan {
  let routes: Record<string, OfficeRoute> = {};
  if (settings.TICKET_ROUTES_JSON !== undefined) {
    const parsed = parseTicketRoutes(settings.TICKET_ROUTES_JSON);
    if (!parsed.ok) throw new SettingsError('TICKET_ROUTES_JSON', parsed.error);
    routes = parsed.routes;
    const unknown = Object.keys(routes).filter((id) => !offices.some((o) => o.id === id));
    if (unknown.length > 0) throw new SettingsError('TICKET_ROUTES_JSON', `unknown office id(s): ${unknown.join(', ')} (offices: ${offices.map((o) => o.id).join(', ')})`);
    const disabled: string[] = [];
    const slackOffices = Object.keys(routes).filter((id) => routes[id]!.slackChannel !== undefined);
    const teamsOffices = Object.keys(routes).filter((id) => routes[id]!.teamsConversation !== undefined);
    if (slackOffices.length > 0 && !slackEnabled(settings)) {
      disabled.push(`${slackOffices.map((id) => `${id}.slackChannel`).join(', ')} set but Slack is not enabled (SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN)`);
    }
    if (teamsOffices.length > 0 && !teamsEnabled(settings)) {
      disabled.push(`${teamsOffices.map((id) => `${id}.teamsConversation`).join(', ')} set but Teams is not enabled (TEAMS_ENABLED is off)`);
    }
    const lineworksOffices = Object.keys(routes).filter((id) => routes[id]!.lineworksChannel !== undefined);
    if (lineworksOffices.length > 0 && !lineworksEnabled(settings)) {
      disabled.push(`${lineworksOffices.map((id) => `${id}.lineworksChannel`).join(', ')} set but LINE WORKS is not enabled (LINEWORKS_BOT_ID and LINEWORKS_BOT_SECRET)`);
    }
    if (disabled.length > 0) throw new SettingsError('TICKET_ROUTES_JSON', `${disabled.join('; ')}: enable the platform or remove the setting`);
  }
  if ((settings.SMTP_URL === undefined) !== (settings.MAIL_FROM === undefined)) {
    throw new SettingsError(settings.SMTP_URL === undefined ? 'SMTP_URL' : 'MAIL_FROM', 'is required when the other mail setting is present');
  }
  if (settings.MAIL_FROM !== undefined && !isMailFrom(settings.MAIL_FROM)) {
    throw new SettingsError('MAIL_FROM', 'is not an e-mail address: use "bot@example.jp" or "Name <bot@example.jp>"');
  }
  if (settings.MAIL_REPLY_TO !== undefined && !isMailFrom(settings.MAIL_REPLY_TO)) {
    throw new SettingsError('MAIL_REPLY_TO', 'is not an e-mail address: use "replies@example.jp" or "Name <replies@example.jp>"');
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
      ...(r.lineworksChannel !== undefined ? { lineworksChannel: r.lineworksChannel } : {}),
    });
  }
  const replyTo = mailEnabled && settings.IMAP_URL !== undefined ? (settings.MAIL_REPLY_TO ?? settings.MAIL_FROM ?? null) : null;
  return { byOffice, mailEnabled, replyTo };
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
  if (d.lineworksChannel !== undefined) out.push('lineworks');
  return out;
}
