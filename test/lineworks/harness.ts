import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AdapterContext, ChatAdapter } from '../../adapters/adapter.js';
import { type LineWorksAdapter, createLineWorksAdapterWith, lineworksSignature } from '../../adapters/lineworks/index.js';
import { loadSettings } from '../../src/config/settings.js';
import type { TeleworkBot } from '../../src/core/bot.js';
import { type Logger, createLogger } from '../../src/logging/logger.js';
import { createApp } from '../../src/server/app.js';
import { buildContext } from '../../src/server/context.js';
import { type RunningService, startServices } from '../../src/server/services.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import type { Store } from '../../src/store/store.js';
import { type LineWorksApiStub, startLineWorksApiStub } from '../support/lineworks-api-stub.js';

export const BOT_ID = '2000001';
export const BOT_SECRET = 'bot-secret-for-tests-0123456789';
export const BOT_NAME = 'テレワーク相談ボット';
export const CLIENT_ID = 'client-id-test';
export const CLIENT_SECRET = 'client-secret-test';
export const SERVICE_ACCOUNT = 'abcde.serviceaccount@example-works';
/** Short waits, so retries in tests take milliseconds. */
export const FAST_RETRY = { attempts: 4, baseDelayMs: 5, maxDelayMs: 50 };

/** A real RSA key pair, made once per test file (the app's private key and what the stand-in verifies with). */
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
export const PRIVATE_KEY_PEM = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
export const PUBLIC_KEY = keys.publicKey;

export const startStub = (): Promise<LineWorksApiStub> => startLineWorksApiStub({ publicKey: PUBLIC_KEY, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, serviceAccount: SERVICE_ACCOUNT });

/** Every LINE WORKS setting, pointing at the stand-in. */
export const lineworksEnv = (stub: LineWorksApiStub): Record<string, string> => ({
  LINEWORKS_BOT_ID: BOT_ID,
  LINEWORKS_BOT_SECRET: BOT_SECRET,
  LINEWORKS_CLIENT_ID: CLIENT_ID,
  LINEWORKS_CLIENT_SECRET: CLIENT_SECRET,
  LINEWORKS_SERVICE_ACCOUNT: SERVICE_ACCOUNT,
  LINEWORKS_PRIVATE_KEY: PRIVATE_KEY_PEM,
  LINEWORKS_API_URL: stub.apiUrl,
  LINEWORKS_AUTH_URL: stub.authUrl,
});

export interface LineWorksHarness {
  url: string;
  ctx: AdapterContext;
  adapter: LineWorksAdapter;
  /** POSTs a callback, signed with the bot secret unless `headers` says otherwise. */
  post(event: Record<string, unknown> | string, headers?: Record<string, string | undefined>): Promise<Response>;
  /** post(), then waits until the adapter has finished everything it acknowledged. */
  deliver(event: Record<string, unknown> | string): Promise<Response>;
  close(): Promise<void>;
}

/** The real server app with the LINE WORKS adapter on 127.0.0.1, the LINE WORKS API replaced by the stand-in. */
export async function startLineWorksHarness(o: { bot: TeleworkBot; stub: LineWorksApiStub; env?: Record<string, string>; store?: Store; logger?: Logger; services?: boolean }): Promise<LineWorksHarness> {
  const ctx = buildContext({
    bot: o.bot,
    store: o.store ?? new MemoryStore(),
    logger: o.logger ?? createLogger({ level: 'silent' }),
    settings: loadSettings({ LOG_LEVEL: 'silent', ...lineworksEnv(o.stub), ...o.env }),
  });
  const services: RunningService[] = o.services ? await startServices(ctx) : [];
  const adapter = await createLineWorksAdapterWith(ctx, { retry: FAST_RETRY });
  const adapters: ChatAdapter[] = [adapter];
  const app = await createApp(ctx, adapters, services);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const s of services) await s.start?.();
  const post = (event: Record<string, unknown> | string, headers: Record<string, string | undefined> = {}): Promise<Response> => {
    const body = typeof event === 'string' ? event : JSON.stringify(event);
    const all: Record<string, string | undefined> = { 'content-type': 'application/json; charset=UTF-8', 'x-works-botid': BOT_ID, 'x-works-signature': lineworksSignature(body, BOT_SECRET), ...headers };
    return fetch(`${url}/lineworks/callback`, { method: 'POST', headers: Object.fromEntries(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined)), body });
  };
  return {
    url,
    ctx,
    adapter,
    post,
    async deliver(event) {
      const res = await post(event);
      await adapter.idle();
      return res;
    },
    async close() {
      for (const a of adapters) await a.stop();
      for (const s of services) await s.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A text message callback as LINE WORKS posts it (no channelId in a 1:1 chat). */
export function textEvent(o: { userId: string; text: string; channelId?: string }): Record<string, unknown> {
  return {
    type: 'message',
    source: { userId: o.userId, ...(o.channelId ? { channelId: o.channelId } : {}), domainId: 40029600 },
    issuedTime: new Date().toISOString(),
    // A unique field keeps identical texts from being taken for redeliveries of one callback.
    content: { type: 'text', text: o.text },
    nonce: randomUUID(),
  };
}

/** A postback event (quick reply with a postback action). */
export function postbackEvent(o: { userId: string; data: string; channelId?: string }): Record<string, unknown> {
  return { type: 'postback', source: { userId: o.userId, ...(o.channelId ? { channelId: o.channelId } : {}), domainId: 40029600 }, issuedTime: new Date().toISOString(), data: o.data, nonce: randomUUID() };
}

/** A message action's press (button template): the label as text, the postback beside it. */
export function messageActionEvent(o: { userId: string; label: string; postback: string; channelId?: string }): Record<string, unknown> {
  return {
    type: 'message',
    source: { userId: o.userId, ...(o.channelId ? { channelId: o.channelId } : {}), domainId: 40029600 },
    issuedTime: new Date().toISOString(),
    content: { type: 'text', text: o.label, postback: o.postback },
    nonce: randomUUID(),
  };
}
