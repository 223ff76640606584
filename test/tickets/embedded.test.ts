import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsError, loadSettings, type Env } from '../../src/config/settings.js';
import { MemoryJobQueue } from '../../src/jobs/memory-queue.js';
import { deliveryPlan } from '../../src/tickets/delivery-config.js';
import { startSmtpSink } from '../support/smtp-sink.js';
import { eventually, fixtureBot, newPrefix, sleep, startTicketsServer, type TicketsServer } from './harness.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
});
async function embedded(env: Record<string, string> = {}): Promise<TicketsServer> {
  const s = await startTicketsServer({ prefix: newPrefix(), redisUrl: null, env });
  cleanups.push(() => s.close());
  return s;
}

describe('tickets without Redis (embedded store, in-process queue)', () => {
  it('with no delivery configured keeps tickets and warns the operator once, at start-up', async () => {
    const srv = await embedded();
    const warnings = () => srv.logs.filter((l) => l.includes('no ticket delivery is configured'));
    expect(warnings()).toHaveLength(1);
    expect(JSON.parse(warnings()[0]!).level).toBe(40);
    const r1 = await srv.api('/api/tickets', { body: { question: '規程について相談したいです' } });
    const r2 = await srv.api('/api/tickets', { body: { question: '暗号化について相談したいです', route: 'security' } });
    expect([r1.status, r2.status]).toEqual([201, 201]);
    const t = await r1.json();
    expect(t.deliveries).toEqual({});
    expect(t.history[0]).toMatchObject({ type: 'created', detail: expect.stringMatching(/kept, not sent/) });
    await sleep(300);
    expect((await (await srv.api(`/api/tickets/${t.id}`)).json()).status).toBe('open');
    expect(warnings()).toHaveLength(1);
  });

  it('never reuses a ticket id: a counter that went back skips the ids that exist, and the earlier tickets stay as they were', async () => {
    const srv = await embedded();
    const first = await (await srv.api('/api/tickets', { body: { question: '規程について相談したいです', route: 'hr' } })).json();
    const second = await (await srv.api('/api/tickets', { body: { question: '暗号化について相談したいです', route: 'security' } })).json();
    // What a failover that lost the counter's last increments (but not the tickets) leaves behind.
    const year = new Date().getUTCFullYear();
    await srv.ctx.store.set(`{tickets}:seq:${year}`, '0');
    const third = await srv.api('/api/tickets', { body: { question: 'テレワーク手当について相談したいです', route: 'hr' } });
    expect(third.status).toBe(201);
    const t3 = await third.json();
    expect([first.id, second.id]).not.toContain(t3.id);
    expect(t3.id > second.id).toBe(true);
    expect((await (await srv.api(`/api/tickets/${first.id}`)).json()).question).toBe('規程について相談したいです');
    expect((await (await srv.api(`/api/tickets/${second.id}`)).json()).question).toBe('暗号化について相談したいです');
    expect(srv.logs.filter((l) => l.includes('ticket id already taken'))).toHaveLength(1);
  });

  it('retries e-mail in-process while SMTP is down and delivers exactly once when it is back', async () => {
    const smtp = await startSmtpSink({ started: false });
    cleanups.push(() => smtp.close());
    const srv = await embedded({ SMTP_URL: smtp.url, MAIL_FROM: 'bot@example.invalid' });
    expect(srv.ctx.store.kind).toBe('memory');
    const t = await (await srv.api('/api/tickets', { body: { question: '規程について相談したいです', route: 'hr' } })).json();
    await eventually(async () => srv.logs.filter((l) => l.includes('ticket job failed')).length >= 2);
    await smtp.start();
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual(['hr@example.invalid']);
    await eventually(async () => (await (await srv.api(`/api/tickets/${t.id}`)).json()).status === 'notified');
    await sleep(1000);
    expect(smtp.messages).toHaveLength(1);
  });

  it('delivers to an office webhook with retries, once', async () => {
    const hits: { body: any; key: string | undefined }[] = [];
    let fail = 2;
    const hook: Server = createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        if (fail-- > 0) return void res.writeHead(500).end();
        hits.push({ body: JSON.parse(data), key: req.headers['idempotency-key'] as string | undefined });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => hook.close(() => r())));
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/tickets`;
    const srv = await embedded({ TICKET_ROUTES_JSON: JSON.stringify({ security: { webhook: url } }) });
    expect(srv.logs.some((l) => l.includes('some offices have no ticket delivery configured'))).toBe(true);
    const t = await (await srv.api('/api/tickets', { body: { question: '090-1234-5678 から紛失の連絡がありました', route: 'security' } })).json();
    const done = await eventually(async () => {
      const got = await (await srv.api(`/api/tickets/${t.id}`)).json();
      return got.status === 'notified' ? got : undefined;
    });
    expect(done.deliveries).toEqual({ webhook: 'sent' });
    await sleep(500);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.key).toBe(`${t.id}--webhook`);
    expect(hits[0]!.body.ticket).toMatchObject({ id: t.id, route: 'security', answerPath: `/api/tickets/${t.id}/answer` });
    expect(JSON.stringify(hits[0]!.body)).not.toContain('090-1234-5678');
  });
});

describe('answers back to the asker (embedded)', () => {
  it('an answer that cannot reach the asker stays answered with answer-delivery-failed, and redeliver sends it once', async () => {
    const srv = await embedded({ TICKET_DELIVERY_ATTEMPTS: '2', TICKET_DELIVERY_BACKOFF_MS: '20' });
    let up = false;
    const sent: { target: unknown; text: string }[] = [];
    srv.ctx.messengers.register({
      platform: 'slack',
      async send(target, message) {
        if (!up) throw new Error('channel_not_found');
        sent.push({ target, text: message.text });
      },
    });
    const requester = { platform: 'slack', userId: 'U1', channelId: 'C1', threadId: '1700000000.000100' };
    const t = await (await srv.api('/api/tickets', { body: { question: '規程について相談したいです', route: 'hr', requester } })).json();
    const answered = await (await srv.api(`/api/tickets/${t.id}/answer`, { body: { answer: '規程例をご確認ください。' } })).json();
    expect(answered.status).toBe('answered');
    const failed = await eventually(async () => {
      const got = await (await srv.api(`/api/tickets/${t.id}`)).json();
      return got.history.some((e: { type: string }) => e.type === 'answer-delivery-failed') ? got : undefined;
    });
    expect(failed.status).toBe('answered');
    await sleep(700); // sweeps run: a given-up answer is not retried on its own
    expect(sent).toHaveLength(0);

    up = true;
    await srv.api(`/api/tickets/${t.id}/redeliver`, { method: 'POST' });
    const closed = await eventually(async () => {
      const got = await (await srv.api(`/api/tickets/${t.id}`)).json();
      return got.status === 'closed' ? got : undefined;
    });
    await sleep(700);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.target).toEqual(requester);
    expect(sent[0]!.text).toContain('規程例をご確認ください。');
    expect(closed.history.map((e: { type: string }) => e.type)).toEqual(['created', 'answered', 'answer-delivery-failed', 'delivery-requeued', 'answer-delivered', 'closed']);
  });
});

describe('delivery settings', () => {
  it('refuses a bad TICKET_ROUTES_JSON or half a mail setting, naming the variable', async () => {
    const offices = (await fixtureBot()).offices;
    const plan = (v: Partial<Env>) => () => deliveryPlan({ ...loadSettings({}), ...v }, offices);
    const fails = (fn: () => unknown, variable: string, msg: RegExp) => {
      try {
        fn();
      } catch (e) {
        expect(e).toBeInstanceOf(SettingsError);
        expect((e as SettingsError).variable).toBe(variable);
        expect((e as Error).message).toMatch(msg);
        return;
      }
      throw new Error('expected a SettingsError');
    };
    fails(plan({ TICKET_ROUTES_JSON: '{nope' }), 'TICKET_ROUTES_JSON', /not valid JSON/);
    fails(plan({ TICKET_ROUTES_JSON: '{"finance":{"webhook":"https://x.invalid"}}' }), 'TICKET_ROUTES_JSON', /unknown office id\(s\): finance/);
    fails(plan({ TICKET_ROUTES_JSON: '{"hr":{"webhook":"ftp://x.invalid"}}' }), 'TICKET_ROUTES_JSON', /hr\.webhook/);
    fails(plan({ TICKET_ROUTES_JSON: '{"hr":{"slackChannel":"general"}}' }), 'TICKET_ROUTES_JSON', /Slack channel id/);
    fails(plan({ TICKET_ROUTES_JSON: '{"hr":{"fax":"03"}}' }), 'TICKET_ROUTES_JSON', /hr/);
    fails(plan({ SMTP_URL: 'smtp://127.0.0.1:25' }), 'MAIL_FROM', /required/);
    // The shape is checked when the settings load, before anything connects.
    fails(() => loadSettings({ TICKET_ROUTES_JSON: '{"hr":{"webhook":"nope"}}' }), 'TICKET_ROUTES_JSON', /hr\.webhook/);
    fails(() => loadSettings({ TICKET_DELIVERY_ATTEMPTS: '0' }), 'TICKET_DELIVERY_ATTEMPTS', /.+/);
    expect(loadSettings({}).TICKET_DELIVERY_ATTEMPTS).toBe(8);
    const slack = { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret' };
    const ok = plan({ ...slack, SMTP_URL: 'smtp://127.0.0.1:25', MAIL_FROM: 'bot@example.invalid', TICKET_ROUTES_JSON: '{"hr":{"email":"desk@example.invalid","slackChannel":"C0123ABCD"}}' })();
    expect(ok.byOffice.get('hr')).toEqual({ email: 'desk@example.invalid', webhook: null, slackChannel: 'C0123ABCD', teamsConversation: null });
    expect(ok.byOffice.get('security')!.email).toBe('sec@example.invalid');
  });

  it('refuses Slack and Teams conversations for platforms that are not enabled, and a MAIL_FROM that is no address', async () => {
    const offices = (await fixtureBot()).offices;
    const plan = (v: Partial<Env>) => () => deliveryPlan({ ...loadSettings({}), ...v }, offices);
    const refused = (fn: () => unknown, variable: string, msg: RegExp) => {
      const e = (() => {
        try {
          fn();
        } catch (err) {
          return err;
        }
        throw new Error('expected a SettingsError');
      })();
      expect(e).toBeInstanceOf(SettingsError);
      expect((e as SettingsError).variable).toBe(variable);
      expect((e as Error).message).toMatch(msg);
      expect((e as Error).message).not.toContain('\n');
    };
    const routes = (r: unknown) => JSON.stringify(r);
    refused(plan({ TICKET_ROUTES_JSON: routes({ hr: { slackChannel: 'C0123ABCD' } }) }), 'TICKET_ROUTES_JSON', /^TICKET_ROUTES_JSON: hr\.slackChannel set but Slack is not enabled/);
    // Half a Slack setting is not Slack enabled either (an app token alone, no bot token).
    refused(plan({ SLACK_SIGNING_SECRET: 'secret', TICKET_ROUTES_JSON: routes({ hr: { slackChannel: 'C0123ABCD' } }) }), 'TICKET_ROUTES_JSON', /Slack is not enabled/);
    refused(plan({ TICKET_ROUTES_JSON: routes({ security: { teamsConversation: '19:abc@thread.tacv2' } }) }), 'TICKET_ROUTES_JSON', /security\.teamsConversation set but Teams is not enabled \(TEAMS_ENABLED is off\)/);
    refused(plan({ SLACK_BOT_TOKEN: 'xoxb', SLACK_SIGNING_SECRET: 's', TICKET_ROUTES_JSON: routes({ hr: { slackChannel: 'C0123ABCD', teamsConversation: '19:x' } }) }), 'TICKET_ROUTES_JSON', /hr\.teamsConversation/);
    for (const from of ['bot', 'bot@', 'Telework Bot', 'Bot <bot>', 'bot@example.invalid, other@example.invalid', 'Bot <bot@example.invalid', 'Bot\r\nBcc: x <bot@example.invalid>']) {
      refused(plan({ SMTP_URL: 'smtp://127.0.0.1:25', MAIL_FROM: from }), 'MAIL_FROM', /is not an e-mail address/);
    }
    // Enabled: accepted.
    expect(plan({ SLACK_BOT_TOKEN: 'xoxb', SLACK_APP_TOKEN: 'xapp', TICKET_ROUTES_JSON: routes({ hr: { slackChannel: 'C0123ABCD' } }) })().byOffice.get('hr')!.slackChannel).toBe('C0123ABCD');
    expect(plan({ TEAMS_ENABLED: true, TICKET_ROUTES_JSON: routes({ hr: { teamsConversation: '19:x' } }) })().byOffice.get('hr')!.teamsConversation).toBe('19:x');
    for (const from of ['bot@example.invalid', 'テレワーク相談ボット <bot@example.invalid>', '"Telework Bot" <bot@example.invalid>', ' Bot <bot@example.invalid> ']) {
      expect(plan({ SMTP_URL: 'smtp://127.0.0.1:25', MAIL_FROM: from })().mailEnabled).toBe(true);
    }
  });

  it('stops serve at start-up with one line and exit code 2 for a conversation on a platform that is off', async () => {
    const { runServe } = await import('../../src/server/serve.js');
    const env = { LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', TICKET_ROUTES_JSON: JSON.stringify({ security: { teamsConversation: '19:abc@thread.tacv2' } }) };
    await expect(runServe(env)).rejects.toThrow(SettingsError);
    await expect(runServe(env)).rejects.toThrow(/^TICKET_ROUTES_JSON: security\.teamsConversation set but Teams is not enabled/);
  });
});

describe('in-process job queue', () => {
  it('adds a job id once, retries with exponential backoff, flags the final try, and logs the drop', async () => {
    const logged: { level: string; fields: Record<string, unknown>; msg: string }[] = [];
    const logger = {
      error: (fields: Record<string, unknown>, msg: string) => void logged.push({ level: 'error', fields, msg }),
      warn: (fields: Record<string, unknown>, msg: string) => void logged.push({ level: 'warn', fields, msg }),
    };
    const q = new MemoryJobQueue<string>({ attempts: 4, backoffMs: 40 }, logger as never);
    cleanups.push(() => q.close());
    const tries: { at: number; attempt: number; final: boolean }[] = [];
    const start = Date.now();
    await q.start(async (_data, info) => {
      tries.push({ at: Date.now() - start, attempt: info.attempt, final: info.final });
      throw new Error('down');
    });
    await q.add('job-1', 'x');
    await q.add('job-1', 'x');
    // The drop is logged after the last try has run: nothing can follow it.
    await eventually(async () => logged.length > 0, 5000);
    expect(logged).toHaveLength(1);
    expect(logged[0]!.level).toBe('error');
    expect(logged[0]!.fields).toMatchObject({ jobId: 'job-1', attempts: 4 });
    expect((logged[0]!.fields['err'] as Error).message).toBe('down');
    expect(logged[0]!.msg).toMatch(/job-1 dropped after its last attempt \(4 of 4\)/);
    expect(tries.map((t) => [t.attempt, t.final])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, true],
    ]);
    // 40, 80, 160 ms between tries (timers are never early).
    const gaps = tries.slice(1).map((t, i) => t.at - tries[i]!.at);
    expect(gaps[0]).toBeGreaterThanOrEqual(38);
    expect(gaps[1]).toBeGreaterThanOrEqual(78);
    expect(gaps[2]).toBeGreaterThanOrEqual(158);
  });
});

describe('in-process job queue at close', () => {
  it('logs the jobs still waiting for a retry when it closes', async () => {
    const warned: Record<string, unknown>[] = [];
    const logger = { error: () => {}, warn: (fields: Record<string, unknown>) => void warned.push(fields) };
    const q = new MemoryJobQueue<string>({ attempts: 3, backoffMs: 60_000 }, logger as never);
    let tried = 0;
    await q.start(async () => {
      tried++;
      throw new Error('down');
    });
    await q.add('job-2', 'x');
    await eventually(async () => tried === 1, 5000);
    await q.close();
    expect(warned).toEqual([{ jobIds: ['job-2'], count: 1 }]);
  });
});
