import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, deletePrefix, keysUnder, newPrefix, startTicketsServer, type TicketsServer } from '../tickets/harness.js';

// Two instances sharing Redis: a console session made on one works on the other, and signing out ends it on both.
const prefix = newPrefix();
let a: TicketsServer;
let b: TicketsServer;

beforeAll(async () => {
  a = await startTicketsServer({ prefix });
  b = await startTicketsServer({ prefix });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await deletePrefix(prefix);
});

describe('console sessions on Redis', () => {
  it('are shared by the instances, store no cookie value, and end everywhere on sign-out', async () => {
    const signIn = await fetch(`${a.base}/admin/sign-in`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: ADMIN_TOKEN }) });
    expect(signIn.status).toBe(303);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const value = cookie.split('=')[1]!;
    const me = await (await fetch(`${b.base}/admin/session`, { headers: { cookie } })).json();
    expect(me.user.roles).toEqual(['admin']);
    expect((await fetch(`${b.base}/api/tickets`, { headers: { cookie } })).status).toBe(200);
    const keys = await keysUnder(prefix);
    expect(keys.some((k) => k.includes('{console}:session:'))).toBe(true);
    expect(keys.some((k) => k.includes(value))).toBe(false);

    const out = await fetch(`${b.base}/admin/sign-out`, { method: 'POST', redirect: 'manual', headers: { cookie, 'x-csrf-token': me.csrf } });
    expect(out.status).toBe(303);
    expect((await fetch(`${a.base}/admin/session`, { headers: { cookie } })).status).toBe(401);
  });
});
