import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadSettings, SettingsError } from '../../src/config/settings.js';
import { redisDurability } from '../../src/store/open-store.js';
import { describeRedisTarget, parseRedisUrl } from '../../src/store/redis-url.js';
import { storeUnavailableReason } from '../../src/store/unavailable.js';

const run = promisify(execFile);

describe('REDIS_URL forms', () => {
  it('reads one server, with user, password, database and TLS', () => {
    expect(parseRedisUrl('redis://127.0.0.1:6380/2')).toEqual({ kind: 'single', host: '127.0.0.1', port: 6380, db: 2, tls: false });
    expect(parseRedisUrl('rediss://app:p%40ss%3Aw@redis.example.jp')).toEqual({ kind: 'single', host: 'redis.example.jp', port: 6379, db: 0, tls: true, username: 'app', password: 'p@ss:w' });
    expect(parseRedisUrl('redis://:secret@[::1]:7000')).toEqual({ kind: 'single', host: '::1', port: 7000, db: 0, tls: false, password: 'secret' });
  });

  it('reads Sentinel host lists with the master name, database and Sentinel credentials', () => {
    expect(parseRedisUrl('redis+sentinel://h1:26379,h2:26380,10.0.0.3/mymaster')).toEqual({
      kind: 'sentinel',
      sentinels: [
        { host: 'h1', port: 26379 },
        { host: 'h2', port: 26380 },
        { host: '10.0.0.3', port: 26379 },
      ],
      name: 'mymaster',
      db: 0,
      tls: false,
    });
    expect(parseRedisUrl('rediss+sentinel://:pw@h1:26379,h2:26379/main/3?sentinelPassword=s%23')).toMatchObject({ kind: 'sentinel', name: 'main', db: 3, tls: true, password: 'pw', sentinelPassword: 's#' });
  });

  it('reads Cluster seed lists', () => {
    expect(parseRedisUrl('redis+cluster://h1:7000,h2:7001')).toEqual({
      kind: 'cluster',
      nodes: [
        { host: 'h1', port: 7000 },
        { host: 'h2', port: 7001 },
      ],
      tls: false,
    });
    expect(parseRedisUrl('rediss+cluster://u:pw@h1:7000')).toMatchObject({ kind: 'cluster', tls: true, username: 'u', password: 'pw' });
  });

  it('describes a target without its secrets', () => {
    expect(describeRedisTarget(parseRedisUrl('redis+sentinel://:topsecret@h1:26379,h2/mymaster'))).toBe('Sentinel h1:26379,h2:26379 master "mymaster"');
    expect(describeRedisTarget(parseRedisUrl('redis://:topsecret@h1'))).not.toContain('topsecret');
  });

  it.each([
    ['http://h1:6379', /unknown scheme/],
    ['redis://h1:6379,h2:6379', /several hosts/],
    ['redis+sentinel://h1:26379,h2:26379', /master name/],
    ['redis+cluster://h1:7000,h2:70001', /bad port/],
    ['redis+cluster://h1:7000/0', /no path/],
    ['redis://h1:6379/db', /not a number/],
    ['redis://h 1:6379', /white space/],
    ['redis+sentinel://h1/m?tls=yes', /unknown option/],
    ['redis://', /no host/],
  ])('refuses %s with one line naming REDIS_URL', (url, reason) => {
    expect(() => loadSettings({ REDIS_URL: url })).toThrow(SettingsError);
    expect(() => loadSettings({ REDIS_URL: url })).toThrow(reason);
    try {
      loadSettings({ REDIS_URL: url });
    } catch (e) {
      expect((e as Error).message).toMatch(/^REDIS_URL: /);
      expect((e as Error).message).not.toContain('\n');
    }
  });

  it('never repeats a password in its refusal', () => {
    expect(() => loadSettings({ REDIS_URL: 'redis://:hunter2hunter2@h1:99999' })).toThrow(/bad port/);
    try {
      loadSettings({ REDIS_URL: 'redis://:hunter2hunter2@h1:99999' });
    } catch (e) {
      expect((e as Error).message).not.toContain('hunter2');
    }
  });

  it('waits for one replica by default with Sentinel only', () => {
    expect(redisDurability(loadSettings({ REDIS_URL: 'redis+sentinel://h1,h2/m' }))).toEqual({ replicas: 1, timeoutMs: 1000 });
    expect(redisDurability(loadSettings({ REDIS_URL: 'redis://h1' }))).toEqual({ replicas: 0, timeoutMs: 1000 });
    expect(redisDurability(loadSettings({ REDIS_URL: 'redis+cluster://h1,h2', REDIS_WAIT_REPLICAS: '1', REDIS_WAIT_TIMEOUT_MS: '250' }))).toEqual({ replicas: 1, timeoutMs: 250 });
    expect(() => loadSettings({ REDIS_WAIT_REPLICAS: '-1' })).toThrow(/^REDIS_WAIT_REPLICAS: /);
  });

  // npm test builds dist/ first.
  it('stops `serve` with exit code 2 and one line for a bad REDIS_URL', async () => {
    const r = await run(process.execPath, ['dist/src/cli/main.js', 'serve'], { env: { ...process.env, REDIS_URL: 'redis+sentinel://h1:26379,h2:26379', PORT: '0' } }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/REDIS_URL: needs the master name/);
  });
});

describe('store-unavailable errors', () => {
  it.each([
    'CLUSTERDOWN The cluster is down',
    'TRYAGAIN Multiple keys request during rehashing of slot',
    "READONLY You can't write against a read only replica.",
    'LOADING Redis is loading the dataset in memory',
    'MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to no',
    'NOREPLICAS Not enough good replicas to write.',
    'Command aborted due to connection close',
  ])('%s is "store unavailable"', (message) => {
    expect(storeUnavailableReason(new Error(message))).toBe(message);
  });

  it('follows a Cluster redirection loop to its last node error', () => {
    const e = Object.assign(new Error('Too many Cluster redirections. Last error: Error: MOVED 1234 127.0.0.1:7001'), { lastNodeError: new Error('MOVED 1234 127.0.0.1:7001') });
    expect(storeUnavailableReason(e)).toMatch(/^Too many Cluster redirections/);
  });

  it('leaves bugs alone', () => {
    expect(storeUnavailableReason(new TypeError('x is undefined'))).toBeNull();
    expect(storeUnavailableReason(new Error('WRONGTYPE Operation against a key holding the wrong kind of value'))).toBeNull();
  });
});
