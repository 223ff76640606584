import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runTicketCommand } from '../../src/cli/commands/ticket.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { REDIS_URL, deletePrefix, eventually, newPrefix, startTicketsServer } from './harness.js';

const prefix = newPrefix();
let smtp: SmtpSink;
const saved = { ...process.env };

beforeAll(async () => {
  smtp = await startSmtpSink();
  Object.assign(process.env, { REDIS_URL, REDIS_PREFIX: prefix, SMTP_URL: smtp.url, MAIL_FROM: 'bot@example.invalid', LOG_LEVEL: 'silent', USER: 'operator' });
});
afterAll(async () => {
  process.env = saved;
  await smtp?.close();
  await deletePrefix(prefix);
});

/** Runs `telework-bot ticket …` in-process, capturing standard output. */
async function cli(args: string[], opts: { json?: boolean; route?: string; status?: string; office?: string } = {}): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    const code = await runTicketCommand(args, { json: opts.json ?? false, ...opts });
    return { code, out };
  } finally {
    spy.mockRestore();
  }
}

describe('telework-bot ticket', () => {
  it('creates, lists, shows and answers tickets on the same store as serve', async () => {
    const created = await cli(['create', '端末の暗号化について、電話 090-1234-5678 の件で相談したいです'], { json: true, route: 'security' });
    expect(created.code).toBe(0);
    const t = JSON.parse(created.out);
    expect(t.id).toMatch(/^TW-\d{4}-\d{6}$/);
    expect(t.route).toBe('security');
    expect(t.question).toContain('[電話番号削除]');
    expect(t.requester).toEqual({ platform: 'cli', userId: 'operator' });

    const listed = await cli(['list'], { json: true, status: 'open', office: 'security' });
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.out).map((x: { id: string }) => x.id)).toEqual([t.id]);
    expect(JSON.parse((await cli(['list'], { json: true, office: 'hr' })).out)).toEqual([]);

    const shown = await cli(['show', t.id]);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain(t.id);
    expect(shown.out).toContain('created');
    expect(shown.out).toContain('email=pending');

    // The CLI only queued the delivery; a server on the same settings sends it.
    const srv = await startTicketsServer({ prefix, env: { SMTP_URL: smtp.url, MAIL_FROM: 'bot@example.invalid' } });
    try {
      const [mail] = await smtp.waitFor(1);
      expect(mail!.subject).toContain(t.id);
      expect(mail!.to).toEqual(['sec@example.invalid']);
      await eventually(async () => (await (await srv.api(`/api/tickets/${t.id}`)).json()).status === 'notified');
    } finally {
      await srv.close();
    }

    const answered = await cli(['answer', t.id, 'ご案内の手順で設定してください。'], { json: true });
    expect(answered.code).toBe(0);
    const a = JSON.parse(answered.out);
    expect(a.status).toBe('closed'); // a CLI asker has no thread: the answer is stored and the ticket closes
    expect(a.answer.text).toBe('ご案内の手順で設定してください。');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect((await cli(['answer', t.id, 'もう一度'])).code).toBe(1);
      expect(String(stderr.mock.calls[0]?.[0])).toMatch(/already closed/);
    } finally {
      stderr.mockRestore();
    }
  });

  it('refuses bad usage before touching anything (exit 2), and says so when a ticket does not exist (exit 1)', async () => {
    await expect(cli([])).rejects.toThrow(UsageError);
    await expect(cli(['frobnicate'])).rejects.toThrow(/unknown ticket command/);
    await expect(cli(['create'])).rejects.toThrow(/question text is required/);
    await expect(cli(['show', 'nope'])).rejects.toThrow(/TW-2026-000123/);
    await expect(cli(['answer', 'TW-2026-000001'])).rejects.toThrow(/answer text is required/);
    await expect(cli(['list'], { status: 'pending' })).rejects.toThrow(/--status/);
    await expect(cli(['create', '質問です'], { route: 'finance' })).rejects.toThrow(/unknown route "finance"/);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect((await cli(['show', 'TW-2020-999999'])).code).toBe(1);
    } finally {
      stderr.mockRestore();
    }
  });

  it('says plainly that without REDIS_URL it cannot see a running server\'s tickets', async () => {
    const redisUrl = process.env['REDIS_URL'];
    delete process.env['REDIS_URL'];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const listed = await cli(['list'], { json: true });
      expect(listed.code).toBe(0);
      expect(JSON.parse(listed.out)).toEqual([]);
      const said = stderr.mock.calls.map((c) => String(c[0])).join('');
      expect(said).toMatch(/REDIS_URL is not set, so this command reads its own empty store/);
      expect(said).toContain('/admin');
    } finally {
      stderr.mockRestore();
      process.env['REDIS_URL'] = redisUrl;
    }
  });
});
