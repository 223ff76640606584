import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ImapFlow } from 'imapflow';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { createSlackAdapter } from '../../adapters/slack/index.js';
import { loadSettings } from '../../src/config/settings.js';
import { createLogger } from '../../src/logging/logger.js';
import { startMailReplies, type MailRepliesOptions } from '../../src/mail/inbox/start.js';
import { createApp } from '../../src/server/app.js';
import { buildContext } from '../../src/server/context.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { RedisStore } from '../../src/store/redis-store.js';
import type { Store } from '../../src/store/store.js';
import { startTicketService } from '../../src/tickets/start.js';
import type { Dovecot } from '../support/dovecot.js';
import { logSink } from '../support/log-sink.js';
import { ADMIN_TOKEN, fixtureBot, REDIS_URL } from '../tickets/harness.js';

export const BOT_ADDRESS = 'bot@example.invalid';
export const SLACK_SECRET = 'mail-replies-slack-secret';

export interface MailServer {
  base: string;
  store: Store;
  logs: string[];
  service: Awaited<ReturnType<typeof startTicketService>>['service'];
  api(path: string, body?: unknown): Promise<Response>;
  /** Stops the instance (serve's order: services with deadlines, then the HTTP server and the store). */
  close(): Promise<void>;
}

/** One instance as `serve` builds it with SMTP_URL and IMAP_URL: tickets, mail replies, Slack, the HTTP API. */
export async function startMailServer(opts: {
  dovecot: Dovecot;
  smtpUrl: string;
  slackApiUrl: string;
  /** A Redis prefix (several instances share it), or null for the embedded store. */
  prefix: string | null;
  env?: Record<string, string>;
  mail?: MailRepliesOptions;
}): Promise<MailServer> {
  const settings = loadSettings({
    LOG_LEVEL: 'debug',
    ADMIN_TOKEN,
    SMTP_URL: opts.smtpUrl,
    MAIL_FROM: `テレワーク相談ボット <${BOT_ADDRESS}>`,
    IMAP_URL: opts.dovecot.url,
    IMAP_DONE_FOLDER: 'Done',
    IMAP_POLL_SECONDS: '1',
    SLACK_SIGNING_SECRET: SLACK_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-mail-test',
    SLACK_API_URL: opts.slackApiUrl,
    TICKET_DELIVERY_ATTEMPTS: '6',
    TICKET_DELIVERY_BACKOFF_MS: '200',
    ...(opts.prefix !== null ? { REDIS_URL, REDIS_PREFIX: opts.prefix } : {}),
    ...opts.env,
  });
  const { lines: logs, sink } = logSink();
  const store: Store = opts.prefix !== null ? RedisStore.fromUrl(REDIS_URL, opts.prefix) : new MemoryStore();
  const ctx = buildContext({ bot: await fixtureBot(), store, logger: createLogger({ level: 'debug' }, sink), settings });
  const tickets = await startTicketService(ctx, { sweepMs: 500, smtpTimeoutMs: 2000 });
  const mail = await startMailReplies(ctx, { pollMs: 300, stopTimeoutMs: 1000, commandTimeoutMs: 5000, ...opts.mail });
  const adapters = [await createSlackAdapter(ctx)];
  const app = await createApp(ctx, adapters, [tickets, mail]);
  const server: Server = await new Promise((r) => {
    const s = app.listen(0, '127.0.0.1', () => r(s));
  });
  for (const a of adapters) await a.start?.();
  await tickets.start?.();
  await mail.start?.();
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    store,
    logs,
    service: tickets.service,
    api: (path, body) =>
      fetch(`${base}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      }),
    async close() {
      for (const a of adapters) await a.stop();
      await mail.stop();
      await tickets.stop();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await store.close();
    },
  };
}

/** A reply as a mail client writes it, built by nodemailer's composer (real MIME: UTF-8, base64, multipart). */
export async function composeReply(m: {
  from: string;
  subject: string;
  inReplyTo?: string;
  text?: string;
  html?: string;
  headers?: Record<string, string>;
  messageId?: string;
}): Promise<Buffer> {
  const composer = new MailComposer({
    from: m.from,
    to: BOT_ADDRESS,
    subject: m.subject,
    ...(m.inReplyTo ? { inReplyTo: m.inReplyTo, references: m.inReplyTo } : {}),
    ...(m.text !== undefined ? { text: m.text } : {}),
    ...(m.html !== undefined ? { html: m.html } : {}),
    ...(m.messageId ? { messageId: m.messageId } : {}),
    headers: m.headers ?? {},
  });
  return composer.compile().build();
}

/** A client of the test mailbox: delivers mail into it (APPEND, as a mail server does) and looks at folders. */
export async function mailbox(d: Dovecot): Promise<{ deliver(raw: Buffer, folder?: string): Promise<void>; count(folder: string): Promise<number>; flagged(folder: string): Promise<number>; seen(folder: string): Promise<number>; close(): Promise<void> }> {
  const c = new ImapFlow({ host: '127.0.0.1', port: d.port, secure: false, auth: { user: d.user, pass: d.pass }, logger: false });
  c.on('error', () => {});
  await c.connect();
  return {
    async deliver(raw, folder = 'INBOX') {
      await c.append(folder, raw);
    },
    async count(folder) {
      const list = await c.list();
      if (!list.some((m) => m.path === folder)) return 0;
      return (await c.status(folder, { messages: true })).messages ?? 0;
    },
    async flagged(folder) {
      const lock = await c.getMailboxLock(folder);
      try {
        return ((await c.search({ flagged: true }, { uid: true })) || []).length;
      } finally {
        lock.release();
      }
    },
    async seen(folder) {
      const lock = await c.getMailboxLock(folder);
      try {
        return ((await c.search({ seen: true }, { uid: true })) || []).length;
      } finally {
        lock.release();
      }
    },
    async close() {
      await c.logout().catch(() => c.close());
    },
  };
}
