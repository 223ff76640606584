import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AdapterContext } from '../../adapters/adapter.js';
import { loadAdapters } from '../../adapters/registry.js';
import { loadSettings } from '../../src/config/settings.js';
import { TeleworkBot } from '../../src/core/bot.js';
import type { FeedbackRecorder } from '../../src/feedback/recorder.js';
import { createLogger } from '../../src/logging/logger.js';
import { createApp, type AppOptions } from '../../src/server/app.js';
import { buildContext } from '../../src/server/context.js';
import { startServices } from '../../src/server/services.js';
import { MemoryStore } from '../../src/store/memory-store.js';

/** The real app on a loopback port, with the small fixture knowledge. */
export async function startTestServer(
  env: Record<string, string> = {},
  opts: AppOptions = {},
): Promise<{ base: string; close: () => Promise<void>; feedback: FeedbackRecorder; store: MemoryStore; ctx: AdapterContext }> {
  const settings = loadSettings({ LOG_LEVEL: 'silent', ...env });
  const store = new MemoryStore();
  const bot = await TeleworkBot.create({ baseKnowledgeDir: 'test/fixtures/knowledge-mini' });
  const ctx = buildContext({ bot, store, logger: createLogger({ level: 'silent' }), settings });
  const feedback = ctx.feedback;
  const services = await startServices(ctx);
  const app = await createApp(ctx, await loadAdapters(ctx), services, opts);
  const server: Server = await new Promise((r) => {
    const s = app.listen(0, '127.0.0.1', () => r(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    feedback,
    store,
    ctx,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
