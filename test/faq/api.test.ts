import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionStore } from '../../src/console/sessions.js';
import { FaqFileSchema } from '../../src/faq/schema.js';
import { startTestServer } from '../support/server-harness.js';

const TOKEN = 'faq-admin-token-0123456789abcdef';
let srv: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  srv = await startTestServer({ ADMIN_TOKEN: TOKEN });
});
afterAll(async () => {
  await srv?.close();
});

const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) =>
  fetch(`${srv.base}${path}`, { method, headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
const ask = async (question: string) => (await (await call('POST', '/api/ask', { question }, {})).json()) as { answer: string; citations: Array<{ documentId?: string; title: string }>; route: string };

const WIFI = {
  questions: ['自宅のWi-Fiルーターの買い替え費用は補助されますか?', '家庭用ルーターを買い替えたら費用は出ますか?'],
  answer: '自宅の通信機器の費用は、各団体の在宅勤務手当の定めによります。人事担当にご確認ください。',
  source: { documentId: 'mini-support', section: '相談窓口' },
  route: 'hr',
};

describe('/api/faq', () => {
  it('creates an entry (201 with its id), answers /api/ask with it at once, audits, updates, exports and deletes it', async () => {
    const before = await ask('自宅のWi-Fiルーターの買い替え費用は補助されますか?');
    expect(before.answer).not.toContain('在宅勤務手当');

    const res = await call('POST', '/api/faq', WIFI);
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toMatchObject({ id: expect.stringMatching(/^curated-[0-9a-f]{8}$/), origin: 'stored', questions: WIFI.questions, answer: { ja: WIFI.answer }, route: 'hr', escalate: false });
    // The curator eval ran on the change: both forms came back to the entry.
    expect(created.eval).toMatchObject({ passed: 2, total: 2, failures: [] });

    const a = await ask('家庭用ルーターを買い替えたら費用は出ますか?');
    expect(a.answer).toContain('在宅勤務手当の定めによります');
    expect(a.citations[0]).toMatchObject({ title: 'テスト用 支援策の資料' });

    const list = (await (await call('GET', '/api/faq')).json()) as Array<{ id: string; origin: string }>;
    expect(list.find((e) => e.id === created.id)).toMatchObject({ origin: 'stored' });
    expect(await (await call('GET', `/api/faq/${created.id}`)).json()).toMatchObject({ id: created.id, by: 'admin API' });

    const put = await call('PUT', `/api/faq/${created.id}`, { ...WIFI, answer: { ja: '通信機器の費用は在宅勤務手当の定めによります。', en: 'It depends on the telework allowance.' } });
    expect(put.status).toBe(200);
    expect((await ask('家庭用ルーターを買い替えたら費用は出ますか?')).answer).toContain('通信機器の費用は在宅勤務手当');

    const exported = await call('GET', '/api/faq/export');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toContain('application/yaml');
    const file = FaqFileSchema.parse(parseYaml(await exported.text()));
    expect(file.entries.map((e) => e.id)).toContain(created.id);
    expect(file.entries.find((e) => e.id === created.id)!.answer).toEqual({ ja: '通信機器の費用は在宅勤務手当の定めによります。', en: 'It depends on the telework allowance.' });

    const del = await call('DELETE', `/api/faq/${created.id}`);
    expect(del.status).toBe(200);
    expect(await del.json()).toMatchObject({ deleted: true, hiddenShipped: false });
    expect((await ask('家庭用ルーターを買い替えたら費用は出ますか?')).answer).not.toContain('在宅勤務手当');
    expect((await call('GET', `/api/faq/${created.id}`)).status).toBe(404);

    const audit = (await (await call('GET', `/api/audit?type=faq&id=${created.id}`)).json()).entries as Array<{ action: string; actor: unknown }>;
    expect(audit.map((e) => e.action)).toEqual(['faq.created', 'faq.updated', 'faq.deleted']);
    expect(audit.every((e) => JSON.stringify(e.actor) === JSON.stringify({ admin: true }))).toBe(true);
  });

  it('refuses unknown sources and routes (400), forms another entry claims (409), forms that do not come back (422), unknown ids (404)', async () => {
    const bad = async (body: unknown) => {
      const r = await call('POST', '/api/faq', body);
      return { status: r.status, error: ((await r.json()) as { error: string }).error };
    };
    expect(await bad({ ...WIFI, source: { documentId: 'no-such-doc' } })).toEqual({ status: 400, error: 'source.documentId: unknown document "no-such-doc"' });
    expect(await bad({ ...WIFI, source: { documentId: 'mini-support', section: 'ない節' } })).toEqual({ status: 400, error: 'source.section: document "mini-support" has no section "ない節"' });
    expect((await bad({ ...WIFI, route: 'nowhere' })).status).toBe(400);
    expect((await bad({ ...WIFI, questions: [] })).status).toBe(400);
    expect((await bad({ ...WIFI, id: 'chosen' })).status).toBe(400);

    const first = await call('POST', '/api/faq', WIFI);
    expect(first.status).toBe(201);
    const { id } = await first.json();
    const claimed = await bad({ ...WIFI, questions: ['自宅のWi-Fiルーターの買い替え費用は補助されますか', '別の言い方の質問です'] });
    expect(claimed.status).toBe(409);
    expect(claimed.error).toContain(`also claimed by FAQ entry "${id}"`);

    // A form the bot never settles with an FAQ entry (it asks for a person) would leave the entry dead: refused, nothing stored.
    const dead = await call('POST', '/api/faq', { ...WIFI, questions: ['ルーターの費用について担当者と直接話したいです'] });
    expect(dead.status).toBe(422);
    expect((await dead.json()).failures[0]).toMatchObject({ question: 'ルーターの費用について担当者と直接話したいです', why: expect.arrayContaining([expect.stringContaining('answered by passages, not FAQ entry')]) });
    expect(((await (await call('GET', '/api/faq')).json()) as unknown[]).length).toBe(1);

    expect((await call('PUT', '/api/faq/curated-00000000', WIFI)).status).toBe(404);
    expect((await call('DELETE', '/api/faq/curated-00000000')).status).toBe(404);
    expect((await call('GET', '/api/faq/Bad_Id')).status).toBe(400);
    expect((await call('DELETE', `/api/faq/${id}`)).status).toBe(200);
  });

  it('needs the bearer token or a curator/admin session (with CSRF on writes)', async () => {
    expect((await call('GET', '/api/faq', undefined, {})).status).toBe(401);
    expect((await call('GET', '/api/faq', undefined, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await call('POST', '/api/faq', WIFI, {})).status).toBe(401);
    const sessions = new SessionStore(srv.ctx.store);
    const office = await sessions.create({ id: 'hr-desk', name: '人材活用推進室', roles: ['office'], offices: ['hr'], via: 'session' });
    expect((await call('GET', '/api/faq', undefined, { cookie: `tw_console=${office.id}` })).status).toBe(403);
    expect((await call('GET', '/api/knowledge/sections', undefined, { cookie: `tw_console=${office.id}` })).status).toBe(403);
    const hr = await sessions.create({ id: 'hr-admin', name: '人事', roles: ['hr'], offices: [], via: 'session' });
    expect((await call('POST', '/api/faq', WIFI, { cookie: `tw_console=${hr.id}`, 'x-csrf-token': hr.session.csrf })).status).toBe(403);

    const curator = await sessions.create({ id: 'curator-1', name: '編集担当', roles: ['curator'], offices: [], via: 'session' });
    const cookie = `tw_console=${curator.id}`;
    expect((await call('POST', '/api/faq', WIFI, { cookie })).status).toBe(403);
    const made = await call('POST', '/api/faq', { ...WIFI, questions: ['在宅勤務用のモニターの費用は出ますか?'] }, { cookie, 'x-csrf-token': curator.session.csrf });
    expect(made.status).toBe(201);
    const { id } = await made.json();
    const sections = await (await call('GET', '/api/knowledge/sections', undefined, { cookie })).json();
    expect(sections.documents.find((d: { documentId: string }) => d.documentId === 'mini-support')).toMatchObject({ title: 'テスト用 支援策の資料', sections: ['特別交付税措置', '相談窓口'] });
    expect(sections.offices.map((o: { id: string }) => o.id)).toEqual(['hr', 'security']);
    const audit = (await (await call('GET', `/api/audit?type=faq&id=${id}`)).json()).entries;
    expect(audit[0]).toMatchObject({ action: 'faq.created', actor: { platform: 'console', userId: 'curator-1' } });
    expect((await call('DELETE', `/api/faq/${id}`, undefined, { cookie, 'x-csrf-token': curator.session.csrf })).status).toBe(200);
  });
});
