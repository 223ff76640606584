import { afterEach, describe, expect, test } from 'vitest';
import type { TeleworkBot } from '../../src/core/bot.js';
import { MESSAGES } from '../../src/core/messages.js';
import { createLogger } from '../../src/logging/logger.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import type { ConnectorStub } from '../support/connector-stub.js';
import { logSink } from '../support/log-sink.js';
import { QUESTION, type TeamsHarness, activity, cardOf, sleep, startTeamsHarness, useBotAndStub } from './harness.js';

const QUIET_MS = 300;
const APP_ID = '11111111-2222-3333-4444-555555555555';

let bot: TeleworkBot;
let stub: ConnectorStub;
let h: TeamsHarness | undefined;

useBotAndStub((b, s) => {
  bot = b;
  stub = s;
});
afterEach(async () => {
  await h?.close();
  h = undefined;
  stub.reset();
});

const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('POST /api/messages boundary', () => {
  test('malformed bodies get 400 with a JSON error, and the server keeps answering', async () => {
    h = await startTeamsHarness({ bot });
    const good = activity(stub, { text: QUESTION });
    const { type: _t, ...noType } = good;
    const { serviceUrl: _s, ...noServiceUrl } = good;
    const { conversation: _c, ...noConversation } = good;
    const bodies: (string | Record<string, unknown>)[] = [
      '{"type": "message", ',
      'null',
      '[1,2,3]',
      '"just a string"',
      noType,
      noServiceUrl,
      noConversation,
      { ...good, serviceUrl: 'not a url' },
      { ...good, serviceUrl: 'file:///etc/passwd' },
      { ...good, conversation: { id: '' } },
      { ...good, from: 'someone' },
      { ...good, text: 42 },
    ];
    for (const body of bodies) {
      const res = await h.post(body);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/json');
      const json = (await res.json()) as { error: string };
      expect(typeof json.error).toBe('string');
    }
    // A form body is not an activity either.
    const form = await fetch(`${h.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'type=message' });
    expect(form.status).toBe(400);
    expect(((await form.json()) as { error: string }).error).toContain('activity');

    await sleep(QUIET_MS);
    expect(stub.calls).toHaveLength(0);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    expect((await h.post(good)).status).toBe(200);
    await stub.waitFor((c) => cardOf(c.body) !== undefined);
  });

  test('answers while the store cannot serve (no dedupe, no answer record): the answer card, not an error notice', async () => {
    const store = new MemoryStore();
    h = await startTeamsHarness({ bot, store });
    await store.close();
    expect((await h.post(activity(stub, { text: QUESTION }))).status).toBe(200);
    const [call] = await stub.waitFor((c) => cardOf(c.body) !== undefined);
    expect(JSON.stringify(call!.body)).not.toContain(MESSAGES.error.ja);
  });

  test('a body over the limit gets 413 in JSON', async () => {
    h = await startTeamsHarness({ bot });
    const res = await h.post(activity(stub, { text: 'あ'.repeat(100_000) }));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toContain('256kb');
  });

  test('without an app id it warns loudly and only accepts loopback service URLs', async () => {
    const { lines, sink } = logSink();
    h = await startTeamsHarness({ bot, logger: createLogger({ level: 'warn' }, sink) });
    const warning = lines.map((l) => JSON.parse(l) as { level: number; msg: string }).find((l) => l.msg.includes('UNAUTHENTICATED'));
    expect(warning?.level).toBe(40);
    expect(warning?.msg).toContain('MICROSOFT_APP_ID');

    const res = await h.post({ ...activity(stub, { text: QUESTION }), serviceUrl: 'https://smba.trafficmanager.net/jp/' });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toContain('MICROSOFT_APP_ID');
  });
});

describe('authentication with MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD', () => {
  test('an activity without a valid Authorization header is refused with 401 and never answered', async () => {
    h = await startTeamsHarness({ bot, env: { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'not-a-real-secret' } });
    const forged = `Bearer ${b64({ alg: 'RS256', typ: 'JWT', kid: 'k1' })}.${b64({ iss: 'https://api.botframework.com', aud: APP_ID, exp: Math.floor(Date.now() / 1000) + 600, serviceurl: stub.url })}.c2lnbmF0dXJl`;
    for (const authorization of [undefined, '', 'Bearer not-a-jwt', 'Basic dXNlcjpwYXNz', forged]) {
      const res = await h.post(activity(stub, { text: QUESTION }), authorization === undefined ? {} : { authorization });
      expect(res.status, String(authorization).slice(0, 20)).toBe(401);
      expect(await res.json()).toEqual({ error: 'unauthorized' });
    }
    // Authenticated mode is not limited to loopback service URLs; the token is what is checked.
    const remote = await h.post({ ...activity(stub, { text: QUESTION }), serviceUrl: 'https://smba.trafficmanager.net/jp/' });
    expect(remote.status).toBe(401);
    await sleep(QUIET_MS);
    expect(stub.calls).toHaveLength(0);
  });

  test('SingleTenant without a tenant id stops the start with a settings error naming the variable', async () => {
    await expect(startTeamsHarness({ bot, env: { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'x', MICROSOFT_APP_TYPE: 'SingleTenant' } })).rejects.toThrow(
      /^MICROSOFT_APP_TENANT_ID: is required when MICROSOFT_APP_TYPE is SingleTenant$/,
    );
    h = await startTeamsHarness({
      bot,
      env: { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'x', MICROSOFT_APP_TYPE: 'SingleTenant', MICROSOFT_APP_TENANT_ID: '99999999-0000-0000-0000-000000000000' },
    });
    expect((await h.post(activity(stub, { text: QUESTION }))).status).toBe(401);
  });

  test('the same activity without an app id is accepted (the 401 above comes from the credentials)', async () => {
    h = await startTeamsHarness({ bot });
    const res = await h.post(activity(stub, { text: QUESTION }), { authorization: 'Bearer not-a-jwt' });
    expect(res.status).toBe(200);
    await stub.waitFor('reply');
  });
});
