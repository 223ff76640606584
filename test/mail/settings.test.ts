import { describe, expect, it } from 'vitest';
import { SettingsError, loadSettings } from '../../src/config/settings.js';
import { runServe } from '../../src/server/serve.js';
import { deliveryPlan } from '../../src/tickets/delivery-config.js';
import { fixtureBot } from '../tickets/harness.js';

const variableOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SettingsError);
    return (e as SettingsError).variable;
  }
  throw new Error('expected a SettingsError');
};

describe('mail reply settings', () => {
  it('defaults: INBOX, 60 s, no folders', () => {
    const s = loadSettings({ IMAP_URL: 'imaps://office%40example.jp:p%40ss@mail.example.jp:993' });
    expect([s.IMAP_FOLDER, s.IMAP_POLL_SECONDS, s.IMAP_DONE_FOLDER, s.IMAP_HELD_FOLDER]).toEqual(['INBOX', 60, undefined, undefined]);
  });

  it.each([
    [{ IMAP_URL: 'https://mail.example.jp' }, 'IMAP_URL'],
    [{ IMAP_URL: 'imap://mail.example.jp:143' }, 'IMAP_URL'],
    [{ IMAP_URL: 'not a url' }, 'IMAP_URL'],
    [{ IMAP_POLL_SECONDS: '0' }, 'IMAP_POLL_SECONDS'],
    [{ IMAP_POLL_SECONDS: 'often' }, 'IMAP_POLL_SECONDS'],
    [{ IMAP_ALLOWED_SENDERS_JSON: '{"hr": "a@example.jp"}' }, 'IMAP_ALLOWED_SENDERS_JSON'],
    [{ IMAP_ALLOWED_SENDERS_JSON: '{"hr": ["not-an-address"]}' }, 'IMAP_ALLOWED_SENDERS_JSON'],
    [{ IMAP_ALLOWED_SENDERS_JSON: '{hr: []}' }, 'IMAP_ALLOWED_SENDERS_JSON'],
  ])('%j is refused, naming %s', (env, variable) => {
    expect(variableOf(() => loadSettings(env))).toBe(variable);
  });

  it('MAIL_REPLY_TO must be an address; the Reply-To is set only when replies are read', async () => {
    const bot = await fixtureBot();
    const base = { SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'Bot <bot@example.jp>' };
    expect(variableOf(() => deliveryPlan(loadSettings({ ...base, IMAP_URL: 'imap://u:p@127.0.0.1:1', MAIL_REPLY_TO: 'nobody' }), bot.offices))).toBe('MAIL_REPLY_TO');
    expect(deliveryPlan(loadSettings(base), bot.offices).replyTo).toBeNull();
    expect(deliveryPlan(loadSettings({ ...base, IMAP_URL: 'imap://u:p@127.0.0.1:1' }), bot.offices).replyTo).toBe('Bot <bot@example.jp>');
    expect(deliveryPlan(loadSettings({ ...base, IMAP_URL: 'imap://u:p@127.0.0.1:1', MAIL_REPLY_TO: 'replies@example.jp' }), bot.offices).replyTo).toBe('replies@example.jp');
  });

  it('serve refuses an unknown office in IMAP_ALLOWED_SENDERS_JSON (exit 2 names the variable)', async () => {
    const err = await runServe({ PORT: '0', LOG_LEVEL: 'silent', IMAP_URL: 'imap://u:p@127.0.0.1:1', IMAP_ALLOWED_SENDERS_JSON: '{"finance": ["a@example.jp"]}' }).then(
      (s) => s.close().then(() => null),
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SettingsError);
    expect((err as SettingsError).variable).toBe('IMAP_ALLOWED_SENDERS_JSON');
  });
});
