import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AdapterContext, ChatAdapter } from '../../adapters/adapter.js';
import { loadAdapters } from '../../adapters/registry.js';
import { loadSettings } from '../../src/config/settings.js';
import { afterAll, beforeAll } from 'vitest';
import { TeleworkBot } from '../../src/core/bot.js';
import { type Logger, createLogger } from '../../src/logging/logger.js';
import { createApp } from '../../src/server/app.js';
import { buildContext } from '../../src/server/context.js';
import { type RunningService, startServices } from '../../src/server/services.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/store.js';
import { type ConnectorStub, startConnectorStub } from '../support/connector-stub.js';

export const BOT_ID = '28:00000000-0000-0000-0000-0000000000b0';
export const BOT_NAME = 'テレワーク相談ボット';
export const QUESTION = '特別交付税の措置率は?';
export const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

export interface TeamsHarness {
  url: string;
  ctx: AdapterContext;
  adapters: ChatAdapter[];
  /** POST a raw body (string) or an activity (JSON) to /api/messages. */
  post(body: string | Record<string, unknown>, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The real server app (createApp + adapters from the registry) with TEAMS_ENABLED=1, on 127.0.0.1.
 * `adapters` replaces the registry when a test needs adapter options.
 */
export async function startTeamsHarness(opts: {
  bot: TeleworkBot;
  env?: Record<string, string>;
  store?: Store;
  logger?: Logger;
  adapters?: (ctx: AdapterContext) => Promise<ChatAdapter[]>;
  /** Start the background services (tickets, reminders) as `serve` does. */
  services?: boolean;
}): Promise<TeamsHarness> {
  const ctx = buildContext({
    bot: opts.bot,
    store: opts.store ?? new MemoryStore(),
    logger: opts.logger ?? createLogger({ level: 'silent' }),
    settings: loadSettings({ TEAMS_ENABLED: '1', LOG_LEVEL: 'silent', ...opts.env }),
  });
  const services: RunningService[] = opts.services ? await startServices(ctx) : [];
  const adapters = opts.adapters ? await opts.adapters(ctx) : await loadAdapters(ctx);
  const app = await createApp(ctx, adapters, services);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const s of services) await s.start?.();
  return {
    url,
    ctx,
    adapters,
    post: (body, headers = {}) =>
      fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    async close() {
      for (const a of adapters) await a.stop();
      for (const s of services) await s.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface ActivityOptions {
  text?: string;
  id?: string;
  conversationId?: string;
  conversationType?: 'personal' | 'channel' | 'groupChat';
  userId?: string;
  aadObjectId?: string;
  /** Add a mention entity for the bot (the text should contain `<at>${BOT_NAME}</at>`). */
  mentionBot?: boolean;
  value?: unknown;
  type?: string;
  name?: string;
  extra?: Record<string, unknown>;
}

/** A Teams activity as the Bot Connector posts it. */
export function activity(stub: ConnectorStub, o: ActivityOptions = {}): Record<string, unknown> {
  const conversationType = o.conversationType ?? 'personal';
  const conversationId =
    o.conversationId ?? (conversationType === 'channel' ? `19:channel${randomUUID().slice(0, 8)}@thread.tacv2;messageid=1700000000001` : `a:personal-${randomUUID()}`);
  const userId = o.userId ?? '29:user-1';
  return {
    type: o.type ?? 'message',
    id: o.id ?? `1700${Math.floor(Math.random() * 1e9)}`,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: stub.url,
    from: { id: userId, name: '職員 一郎', aadObjectId: o.aadObjectId ?? `aad-${userId}` },
    conversation: {
      id: conversationId,
      conversationType,
      tenantId: 'tenant-1',
      ...(conversationType === 'personal' ? {} : { isGroup: true }),
    },
    recipient: { id: BOT_ID, name: BOT_NAME },
    locale: 'ja-JP',
    channelData: { tenant: { id: 'tenant-1' } },
    ...(o.text !== undefined ? { text: o.text, textFormat: 'plain' } : {}),
    ...(o.mentionBot ? { entities: [{ type: 'mention', mentioned: { id: BOT_ID, name: BOT_NAME }, text: `<at>${BOT_NAME}</at>` }] } : {}),
    ...(o.value !== undefined ? { value: o.value } : {}),
    ...(o.name !== undefined ? { name: o.name } : {}),
    ...o.extra,
  };
}

/** The Adaptive Card content of a connector call's activity, if any. */
export function cardOf(body: Record<string, any>): Record<string, any> | undefined {
  const att = (body['attachments'] as any[] | undefined)?.find((a) => a.contentType === CARD_TYPE);
  return att?.content as Record<string, any> | undefined;
}

/** Every TextBlock text of a card, joined by line breaks. */
export const cardText = (card: Record<string, any>): string =>
  (card['body'] as any[])
    .filter((b) => b.type === 'TextBlock')
    .map((b) => b.text as string)
    .join('\n');

/**
 * The text a person sees for a text message: a Markdown notice's paragraphs are its lines, and
 * its backslash escapes show as the characters themselves.
 */
export function shownText(body: Record<string, unknown>): string {
  const text = String(body['text'] ?? '');
  if (body['textFormat'] !== 'markdown') return text;
  return text
    .split('\n\n')
    .map((p) => p.replace(/\\([!-/:-@[-`{-~])/g, '$1'))
    .join('\n');
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** One bot on the mini knowledge and one connector stub per test file (created once, closed after). */
export function useBotAndStub(set: (bot: TeleworkBot, stub: ConnectorStub) => void): void {
  let stub: ConnectorStub | undefined;
  beforeAll(async () => {
    const bot = await TeleworkBot.create({ baseKnowledgeDir: 'test/fixtures/knowledge-mini' });
    stub = await startConnectorStub();
    set(bot, stub);
  });
  afterAll(async () => {
    await stub?.close();
  });
}
