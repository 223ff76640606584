import express from 'express';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, test } from 'vitest';
import { createSlackAdapter } from '../../adapters/slack/index.js';
import { loadSettings } from '../../src/config/settings.js';
import { TeleworkBot } from '../../src/core/bot.js';
import { createLogger } from '../../src/logging/logger.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { buildContext } from '../../src/server/context.js';
import { type SlackApiStub, startSlackApiStub } from '../support/slack-api-stub.js';
import { envelope, newTs } from './harness.js';
import { type MiniWsServer, startMiniWsServer } from './mini-websocket.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

test('with SLACK_APP_TOKEN the adapter uses Socket Mode: no HTTP route, events acked over the socket and answered', async () => {
  const stub: SlackApiStub = await startSlackApiStub();
  cleanups.push(() => stub.close());
  const ws: MiniWsServer = await startMiniWsServer((send) => send({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' }, debug_info: { host: 'stub' } }));
  cleanups.push(() => ws.close());
  stub.answers.set('apps.connections.open', { ok: true, url: ws.url });

  const store = new MemoryStore();
  const adapter = await createSlackAdapter(
    buildContext({
      bot: await TeleworkBot.create({ baseKnowledgeDir: 'test/fixtures/knowledge-mini' }),
      store,
      logger: createLogger({ level: 'silent' }),
      // No signing secret: Socket Mode needs only the app token and the bot token.
      settings: loadSettings({ SLACK_APP_TOKEN: 'xapp-test', SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: stub.url.replace(/\/$/, '') }),
    }),
  );
  const app = express();
  await adapter.mount(app);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  cleanups.push(() => new Promise((r) => server.close(() => r(undefined))));
  const port = (server.address() as AddressInfo).port;
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: '{}' });
  expect(res.status).toBe(404);

  await adapter.start!();
  let stopped = false;
  cleanups.push(async () => {
    if (!stopped) await adapter.stop();
  });
  const [open] = await stub.waitFor('apps.connections.open');
  expect(open!.headers['authorization']).toBe('Bearer xapp-test');

  const ev = { type: 'app_mention', user: 'U1', text: '<@UBOT> 特別交付税の措置率は?', ts: newTs(), channel: 'C1' };
  ws.send({ envelope_id: 'env-1', type: 'events_api', accepts_response_payload: false, retry_attempt: 0, retry_reason: '', payload: envelope(ev, 'EvSOCKET1') });
  const ack = await ws.waitForMessage((m) => m?.envelope_id === 'env-1');
  expect(ack.envelope_id).toBe('env-1');
  const [post] = await stub.waitFor('chat.postMessage');
  expect(post!.body['channel']).toBe('C1');
  expect(post!.body['thread_ts']).toBe(ev.ts);
  expect(JSON.stringify(post!.body['blocks'])).toContain('0.5');

  await adapter.stop();
  stopped = true;
});
