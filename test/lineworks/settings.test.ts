import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { lineworksConfig } from '../../adapters/lineworks/config.js';
import { SettingsError, lineworksEnabled, loadSettings } from '../../src/config/settings.js';
import { BOT_ID, PRIVATE_KEY_PEM } from './harness.js';

const FULL = {
  LINEWORKS_BOT_ID: BOT_ID,
  LINEWORKS_BOT_SECRET: 'secret',
  LINEWORKS_CLIENT_ID: 'cid',
  LINEWORKS_CLIENT_SECRET: 'csecret',
  LINEWORKS_SERVICE_ACCOUNT: 'sa.serviceaccount@example',
  LINEWORKS_PRIVATE_KEY: PRIVATE_KEY_PEM,
};

const settingsError = (env: Record<string, string>): SettingsError => {
  try {
    lineworksConfig(loadSettings(env));
  } catch (e) {
    if (e instanceof SettingsError) return e;
    throw e;
  }
  throw new Error('no SettingsError');
};

describe('LINE WORKS settings', () => {
  test('off without settings; on with the bot id and secret; defaults for the API and token URLs', () => {
    expect(lineworksEnabled(loadSettings({}))).toBe(false);
    const s = loadSettings(FULL);
    expect(lineworksEnabled(s)).toBe(true);
    expect(s.LINEWORKS_API_URL).toBe('https://www.worksapis.com/v1.0');
    expect(s.LINEWORKS_AUTH_URL).toBe('https://auth.worksmobile.com/oauth2/v2.0/token');
    expect(lineworksConfig(s).privateKey.asymmetricKeyType).toBe('rsa');
  });

  test.each(Object.keys(FULL))('a half-set configuration without %s names it', (missing) => {
    const env: Record<string, string> = { ...FULL };
    delete env[missing];
    expect(settingsError(env).variable).toBe(missing);
  });

  test('the key from a file; an unreadable file or a bad key is named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lw-key-'));
    const file = join(dir, 'private.key');
    writeFileSync(file, PRIVATE_KEY_PEM);
    const { LINEWORKS_PRIVATE_KEY: _k, ...rest } = FULL;
    expect(lineworksConfig(loadSettings({ ...rest, LINEWORKS_PRIVATE_KEY_FILE: file })).privateKey.type).toBe('private');
    expect(settingsError({ ...rest, LINEWORKS_PRIVATE_KEY_FILE: join(dir, 'missing.key') }).message).toMatch(/^LINEWORKS_PRIVATE_KEY_FILE: cannot be read \(ENOENT\)/);
    expect(settingsError({ ...rest, LINEWORKS_PRIVATE_KEY: 'not a key' }).variable).toBe('LINEWORKS_PRIVATE_KEY');
    expect(settingsError({ ...FULL, LINEWORKS_PRIVATE_KEY_FILE: file }).variable).toBe('LINEWORKS_PRIVATE_KEY_FILE');
  });

  test('bad URLs and a lineworksChannel without LINE WORKS are refused', () => {
    expect(settingsError({ ...FULL, LINEWORKS_API_URL: 'ftp://x' }).variable).toBe('LINEWORKS_API_URL');
    expect(() => loadSettings({ TICKET_ROUTES_JSON: JSON.stringify({ hr: { lineworksChannel: 'bad id with spaces' } }) })).toThrow(/lineworksChannel/);
  });

  test('`telework-bot serve` with a half-set configuration exits 2 with one line naming the variable', () => {
    const { LINEWORKS_CLIENT_SECRET: _s, ...half } = FULL;
    const r = spawnSync(process.execPath, ['dist/src/cli/main.js', 'serve'], { env: { PATH: process.env['PATH'] ?? '', ...half, PORT: '0', LOG_LEVEL: 'silent' }, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('LINEWORKS_CLIENT_SECRET');
  });
});
