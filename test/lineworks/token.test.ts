import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { AccessTokenProvider, parsePrivateKey } from '../../adapters/lineworks/token.js';
import type { LineWorksApiStub } from '../support/lineworks-api-stub.js';
import { CLIENT_ID, CLIENT_SECRET, FAST_RETRY, PRIVATE_KEY_PEM, SERVICE_ACCOUNT, startStub } from './harness.js';

/** The service-account token against the stand-in token endpoint, with a clock the test moves. */

let stub: LineWorksApiStub;
beforeAll(async () => {
  stub = await startStub();
});
afterAll(async () => {
  await stub?.close();
});
beforeEach(() => {
  stub.reset();
  stub.expiresIn = '86400';
  stub.tokenDelayMs = 0;
});

function provider(clock: { now: number }, extra: Partial<ConstructorParameters<typeof AccessTokenProvider>[0]> = {}) {
  return new AccessTokenProvider({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    serviceAccount: SERVICE_ACCOUNT,
    privateKey: parsePrivateKey(PRIVATE_KEY_PEM),
    authUrl: stub.authUrl,
    retry: FAST_RETRY,
    now: () => clock.now,
    ...extra,
  });
}

describe('AccessTokenProvider', () => {
  test('cached until shortly before expiry, then refreshed', async () => {
    stub.expiresIn = '3600';
    const clock = { now: 1_000_000 };
    const p = provider(clock, { refreshMarginMs: 5 * 60_000 });
    const first = await p.get();
    clock.now += 54 * 60_000;
    expect(await p.get()).toBe(first);
    expect(stub.tokenCalls()).toHaveLength(1);
    // Inside the five minutes before expiry: a new token, before the old one stops working.
    clock.now += 2 * 60_000;
    const second = await p.get();
    expect(second).not.toBe(first);
    expect(stub.tokenCalls()).toHaveLength(2);
  });

  test('concurrent callers during a refresh share it', async () => {
    stub.tokenDelayMs = 100;
    const p = provider({ now: 0 });
    const tokens = await Promise.all(Array.from({ length: 20 }, () => p.get()));
    expect(new Set(tokens).size).toBe(1);
    expect(stub.tokenCalls()).toHaveLength(1);
  });

  test('a failed refresh is not cached: the next call tries again', async () => {
    stub.failNext('token', 503, FAST_RETRY.attempts);
    const p = provider({ now: 0 });
    await expect(p.get()).rejects.toThrow(/503/);
    expect(stub.tokenCalls()).toHaveLength(FAST_RETRY.attempts);
    await expect(p.get()).resolves.toMatch(/^stub-token-/);
  });

  test('refused credentials (400) are not retried', async () => {
    const p = provider({ now: 0 }, { clientSecret: 'wrong' });
    await expect(p.get()).rejects.toThrow(/400/);
    expect(stub.tokenCalls()).toHaveLength(1);
  });

  test('the key may come as one line with \\n sequences (an environment variable)', () => {
    expect(parsePrivateKey(PRIVATE_KEY_PEM.replace(/\n/g, '\\n')).asymmetricKeyType).toBe('rsa');
    expect(() => parsePrivateKey('-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----')).toThrow();
  });
});
