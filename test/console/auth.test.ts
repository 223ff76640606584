import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionStore } from '../../src/console/sessions.js';
import { startTestServer } from '../support/server-harness.js';

// Local mode with no ADMIN_TOKEN: the start-up sign-in token is the only way in.
const SIGN_IN = 'StartUpTokenOnlyLettersAbcdefghijKLMN';
let srv: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  srv = await startTestServer({}, { signInToken: SIGN_IN });
});
afterAll(async () => {
  await srv?.close();
});

const get = (path: string, cookie?: string) => fetch(`${srv.base}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${srv.base}${path}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

async function signIn(token = SIGN_IN, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${srv.base}/admin/sign-in`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams({ token }) });
}
const cookieOf = (res: Response): string => res.headers.get('set-cookie')!.split(';')[0]!;

describe('console sign-in (local mode) and sessions on /api', () => {
  it('sends GET /admin to the sign-in page, refuses a wrong token, and signs in with the start-up token', async () => {
    const first = await get('/admin');
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/admin/sign-in');
    expect((await get('/admin/sign-in')).status).toBe(200);

    const wrong = await signIn('WrongTokenWrongTokenWrongToken');
    expect(wrong.status).toBe(303);
    expect(wrong.headers.get('location')).toBe('/admin/sign-in?error=1');
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect((await signIn(SIGN_IN, { origin: 'https://evil.example' })).status).toBe(403);

    const ok = await signIn();
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/admin');
    const setCookie = ok.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).not.toContain(SIGN_IN);
    const cookie = cookieOf(ok);
    const page = await get('/admin', cookie);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('管理コンソール');
    const me = await (await get('/admin/session', cookie)).json();
    expect(me.user.roles).toEqual(['admin']);
    expect(me.csrf).toMatch(/^[\w-]{40,}$/);
    expect(me.offices.map((o: { id: string }) => o.id).sort()).toEqual(['hr', 'security']);
  });

  it('lets the operator read and answer an escalated question without ADMIN_TOKEN (CSRF token required for writes)', async () => {
    // Without a session the admin API is still off (the contract: 503 without ADMIN_TOKEN).
    expect((await get('/api/tickets')).status).toBe(503);
    const asked = await (await postJson('/api/ask', { question: '特別交付税の措置率は?' })).json();
    const esc = await (await postJson('/api/escalation-requests', { answerId: asked.answerId })).json();
    expect(esc.ticketId).toMatch(/^TW-/);

    const cookie = cookieOf(await signIn());
    const { csrf } = await (await get('/admin/session', cookie)).json();
    const list = await (await get('/api/tickets', cookie)).json();
    expect(list.map((t: { id: string }) => t.id)).toContain(esc.ticketId);

    const noCsrf = await postJson(`/api/tickets/${esc.ticketId}/answer`, { answer: '措置率は0.5です。' }, { cookie });
    expect(noCsrf.status).toBe(403);
    const wrongCsrf = await postJson(`/api/tickets/${esc.ticketId}/answer`, { answer: '措置率は0.5です。' }, { cookie, 'x-csrf-token': 'x'.repeat(43) });
    expect(wrongCsrf.status).toBe(403);
    const answered = await postJson(`/api/tickets/${esc.ticketId}/answer`, { answer: '措置率は0.5です。' }, { cookie, 'x-csrf-token': csrf });
    expect(answered.status).toBe(200);
    const t = await answered.json();
    expect(t.answer.by).toBe('管理者');
    const audit = await (await get(`/api/audit?type=ticket&id=${esc.ticketId}&action=ticket.answered`, cookie)).json();
    expect(audit.entries[0].actor).toEqual({ platform: 'console', userId: 'local-operator' });
  });

  it('signs out (CSRF token required) and the session is gone', async () => {
    const cookie = cookieOf(await signIn());
    const { csrf } = await (await get('/admin/session', cookie)).json();
    expect((await postJson('/admin/sign-out', {}, { cookie })).status).toBe(403);
    const out = await postJson('/admin/sign-out', {}, { cookie, 'x-csrf-token': csrf });
    expect(out.status).toBe(303);
    expect((await get('/admin/session', cookie)).status).toBe(401);
    expect((await get('/admin', cookie)).status).toBe(303);
  });

  it('scopes roles: an office sees only its own tickets; hr, curator and audit are others\' pages', async () => {
    const sessions = new SessionStore(srv.ctx.store);
    const { id, session } = await sessions.create({ id: 'hr-desk', name: '人材活用推進室', roles: ['office'], offices: ['hr'], via: 'session' });
    const cookie = `tw_console=${id}`;
    const mk = async (route: string) => (await srv.ctx.escalations.request((await (await postJson('/api/ask', { question: `${route} の質問です` })).json()).answerId, { platform: 'web', userId: `u-${route}` }, { route }))!.ticketId!;
    const hrTicket = await mk('hr');
    const secTicket = await mk('security');
    const list = (await (await get('/api/tickets', cookie)).json()) as Array<{ id: string; route: string }>;
    expect(list.map((t) => t.id)).toContain(hrTicket);
    expect(list.every((t) => t.route === 'hr')).toBe(true);
    expect((await get(`/api/tickets?office=security`, cookie).then((r) => r.json())).length).toBe(0);
    expect((await get(`/api/tickets/${hrTicket}`, cookie)).status).toBe(200);
    expect((await get(`/api/tickets/${secTicket}`, cookie)).status).toBe(403);
    expect((await postJson(`/api/tickets/${secTicket}/answer`, { answer: 'x' }, { cookie, 'x-csrf-token': session.csrf })).status).toBe(403);
    // Handing its own ticket to the other office is the office's to do; then it is no longer theirs.
    const moved = await postJson(`/api/tickets/${hrTicket}/transfer`, { office: 'security', note: 'セキュリティの件です' }, { cookie, 'x-csrf-token': session.csrf });
    expect(moved.status).toBe(200);
    expect((await get(`/api/tickets/${hrTicket}`, cookie)).status).toBe(403);
    for (const path of ['/api/reminders', '/api/review', '/api/audit', '/api/tickets/audit']) expect((await get(path, cookie)).status, path).toBe(403);
  });

  it('stops guessing: after 10 failed sign-ins from one address, 429 (a right token is refused too until the window ends)', async () => {
    const other = await startTestServer({}, { signInToken: SIGN_IN });
    try {
      const attempt = (token: string) => fetch(`${other.base}/admin/sign-in`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token }) });
      expect((await attempt(SIGN_IN)).status).toBe(303);
      for (let i = 0; i < 10; i++) expect((await attempt(`WrongGuess${i}xxxxxxxxxxxxxxxxxx`)).headers.get('location')).toBe('/admin/sign-in?error=1');
      expect((await attempt('WrongGuessAgainxxxxxxxxxxxxxxxxx')).status).toBe(429);
      expect((await attempt(SIGN_IN)).status).toBe(429);
    } finally {
      await other.close();
    }
  });
});
