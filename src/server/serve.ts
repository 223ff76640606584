import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DestinationStream } from 'pino';
import type { ChatAdapter } from '../../adapters/adapter.js';
import { loadAdapters } from '../../adapters/registry.js';
import { loadSettings } from '../config/settings.js';
import { botFromSettings } from '../core/bot-from-settings.js';
import { createLogger } from '../logging/logger.js';
import { openStore } from '../store/open-store.js';
import { createApp } from './app.js';
import { buildContext } from './context.js';
import { type RunningService, startServices } from './services.js';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const FORCE_CLOSE_MS = 10_000;
const SERVICE_STOP_MS = 8_000;
const EXIT_DEADLINE_MS = 30_000;

/** True when `work` settled within `ms`; it is left running (and its rejection ignored) otherwise. */
async function withDeadline(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const settled = work.then(
    () => true,
    () => true,
  );
  const late = new Promise<boolean>((r) => {
    timer = setTimeout(() => r(false), ms);
    timer.unref();
  });
  const ok = await Promise.race([settled, late]);
  clearTimeout(timer);
  return ok;
}

/** Letters only (≈ 182 bits for 32): no run of digits the log's personal-data redaction could mistake for a phone number. */
function lettersToken(n: number): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  // 52 × 4 = 208 ≤ 256: bytes ≥ 208 are dropped so every letter is equally likely.
  let out = '';
  while (out.length < n) for (const b of randomBytes(n)) if (b < 208 && out.length < n) out += abc[b % 52];
  return out;
}

/** `telework-bot serve`: settings → store → bot → adapters → HTTP, with graceful shutdown. */
export async function runServe(
  env: NodeJS.ProcessEnv = process.env,
  opts: { handleSignals?: boolean; prettyLogs?: boolean; logDestination?: DestinationStream } = {},
): Promise<RunningServer> {
  const settings = loadSettings(env);
  const logger = createLogger({ level: settings.LOG_LEVEL, pretty: opts.prettyLogs }, opts.logDestination);
  const store = await openStore(settings, logger);
  const services: RunningService[] = [];
  const adapters: ChatAdapter[] = [];
  let server: Server | undefined;
  // Without ADMIN_TOKEN the operator still reaches the console (tickets, review): a token made for this process.
  const signInToken = settings.ADMIN_TOKEN === undefined && settings.OIDC_ISSUER_URL === undefined ? lettersToken(32) : undefined;
  try {
    const bot = await botFromSettings(settings, (e) => logger.warn({ err: e }, 'generated answer rejected; using the extractive answer'));
    const preparing = performance.now();
    bot.prepare();
    logger.info({ ...bot.stats, prepareMs: Math.round(performance.now() - preparing) }, 'knowledge loaded');
    const ctx = buildContext({ bot, store, logger, settings });
    services.push(...(await startServices(ctx)));
    adapters.push(...(await loadAdapters(ctx)));
    const app = await createApp(ctx, adapters, services, signInToken !== undefined ? { signInToken } : {});
    server = await new Promise<Server>((resolve, reject) => {
      // Express 5 calls back with the error too (a port in use): the start must fail, not go on unbound.
      const s = app.listen(settings.PORT, settings.HOST, (err?: Error) => (err ? reject(err) : resolve(s)));
    });
    for (const a of adapters) await a.start?.();
    for (const s of services) await s.start?.();
  } catch (e) {
    // A failed start must not leave connections (Redis, BullMQ, sockets) holding the process open.
    await Promise.allSettled([...adapters.map((a) => a.stop()), ...services.map((s) => s.stop())]);
    if (server) server.close();
    await store.close().catch(() => {});
    throw e;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://${settings.HOST.includes(':') ? `[${settings.HOST}]` : settings.HOST}:${port}/`;
  logger.info({ adapters: adapters.map((a) => a.name) }, `web chat: ${url}`);
  // The fragment never reaches the server's logs or a Referer: the sign-in page reads it in the browser.
  if (signInToken !== undefined) logger.info(`console: ${url}admin/sign-in#token=${signInToken} (sign-in token made at start-up, valid until the server stops; set ADMIN_TOKEN to choose your own)`);
  else logger.info(`console: ${url}admin (sign in ${[settings.OIDC_ISSUER_URL ? 'with OpenID Connect' : '', settings.ADMIN_TOKEN ? 'with ADMIN_TOKEN' : ''].filter(Boolean).join(' or ')})`);

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      logger.info('shutting down: finishing in-flight requests');
      for (const a of adapters) await a.stop();
      // A service whose backend is gone (Redis down) must not hold the shutdown forever.
      for (const s of services) {
        const stopped = await withDeadline(s.stop(), SERVICE_STOP_MS);
        if (!stopped) logger.warn({ service: s.name }, `service did not stop within ${SERVICE_STOP_MS} ms; closing anyway`);
      }
      const force = setTimeout(() => server.closeAllConnections(), FORCE_CLOSE_MS);
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeIdleConnections();
      });
      clearTimeout(force);
      if (!(await withDeadline(store.close(), SERVICE_STOP_MS))) logger.warn('the store did not close in time');
      logger.info('stopped');
    })());
  if (opts.handleSignals) {
    for (const sig of ['SIGTERM', 'SIGINT'] as const) {
      process.once(sig, () => {
        // Whatever happens, the process ends: a hung shutdown is cut off after EXIT_DEADLINE_MS.
        setTimeout(() => process.exit(1), EXIT_DEADLINE_MS).unref();
        close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      });
    }
  }
  return { url, port, close };
}
