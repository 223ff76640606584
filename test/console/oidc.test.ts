import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { rolesFromClaim } from '../../src/console/oidc.js';
import { runAxe } from '../support/axe.js';
import { launchChromium } from '../support/chromium.js';
import { startTestServer } from '../support/server-harness.js';

// The people the provider knows, and the groups it says they are in.
const GROUPS: Record<string, string[]> = { 'hr-desk': ['hr-office-group'], curator: ['curator'], nobody: ['sales'] };
let idpServer: Server;
let srv: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;

beforeAll(async () => {
  // A real OpenID provider (oidc-provider) on a loopback port, with its development login pages.
  idpServer = createServer();
  await new Promise<void>((r) => idpServer.listen(0, '127.0.0.1', () => r()));
  const issuer = `http://127.0.0.1:${(idpServer.address() as AddressInfo).port}`;
  srv = await startTestServer({
    OIDC_ISSUER_URL: issuer,
    OIDC_CLIENT_ID: 'tw-console',
    OIDC_CLIENT_SECRET: 'tw-console-secret-0123456789',
    OIDC_REDIRECT_URL: 'http://127.0.0.1:1/admin/oidc/callback',
    OIDC_ROLE_CLAIM: 'groups',
    OIDC_ROLES_JSON: JSON.stringify({ 'hr-office-group': ['office:hr'] }),
  });
  // The callback is only known once the server has its port (tests bind port 0).
  srv.ctx.settings.OIDC_REDIRECT_URL = `${srv.base}/admin/oidc/callback`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: 'tw-console', client_secret: 'tw-console-secret-0123456789', redirect_uris: [`${srv.base}/admin/oidc/callback`], token_endpoint_auth_method: 'client_secret_post' }],
    claims: { openid: ['sub'], profile: ['name', 'groups'] },
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub, name: `${sub} user`, groups: GROUPS[sub] ?? [] }) }),
    cookies: { keys: ['oidc-test-cookie-key-0123456789'] },
  });
  idpServer.on('request', provider.callback());
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await srv?.close();
  idpServer?.closeAllConnections();
  await new Promise<void>((r) => (idpServer ? idpServer.close(() => r()) : r()));
});

async function signInAs(login: string) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${srv.base}/admin`);
  await page.getByRole('link', { name: '組織のアカウントでサインイン' }).click();
  // The provider's development login and consent pages.
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('any');
  await page.locator('button[type=submit]').click();
  await page.locator('button[type=submit]').click();
  return page;
}

describe('console sign-in with OpenID Connect', () => {
  it('maps roles from the claim through OIDC_ROLES_JSON, or takes role names as they are', () => {
    expect(rolesFromClaim(['hr-office-group', 'x'], { 'hr-office-group': ['office:hr', 'hr'] })).toEqual({ roles: ['office', 'hr'], offices: ['hr'] });
    expect(rolesFromClaim('curator admin', {})).toEqual({ roles: ['curator', 'admin'], offices: [] });
    expect(rolesFromClaim(undefined, {})).toEqual({ roles: [], offices: [] });
  });

  it('checks the OIDC settings at start-up, naming the variable', () => {
    const base = { OIDC_ISSUER_URL: 'https://login.example.invalid/tenant/v2.0', OIDC_CLIENT_ID: 'c', OIDC_REDIRECT_URL: 'https://bot.example.invalid/admin/oidc/callback' };
    expect(loadSettings(base).OIDC_ROLE_CLAIM).toBe('roles');
    expect(() => loadSettings({ ...base, OIDC_CLIENT_ID: '' })).toThrow(/^OIDC_CLIENT_ID: is required/);
    expect(() => loadSettings({ ...base, OIDC_REDIRECT_URL: 'not a url' })).toThrow(/^OIDC_REDIRECT_URL:/);
    expect(() => loadSettings({ ...base, OIDC_ROLES_JSON: '{"g": ["boss"]}' })).toThrow(/^OIDC_ROLES_JSON: g\.0: roles are admin, hr, curator or office/);
    expect(() => loadSettings({ ...base, OIDC_ROLES_JSON: '{' })).toThrow(/^OIDC_ROLES_JSON: is not valid JSON/);
  });

  it('signs an office in through the provider: it sees its own office\'s tickets only, and no other page', async () => {
    const ask = async (q: string) => (await (await fetch(`${srv.base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: q }) })).json()).answerId as string;
    const hr = (await srv.ctx.escalations.request(await ask('特別交付税の措置率は?'), { platform: 'web', userId: 'a' }, { route: 'hr' }))!.ticketId!;
    const sec = (await srv.ctx.escalations.request(await ask('VPNの設定は?'), { platform: 'web', userId: 'b' }, { route: 'security' }))!.ticketId!;

    const page = await signInAs('hr-desk');
    await page.waitForURL(/\/admin#inbox$/);
    await page.getByRole('link', { name: hr }).waitFor();
    expect(await page.getByRole('link', { name: sec }).count()).toBe(0);
    expect(await page.locator('#nav a').allTextContents()).toEqual(['受信箱']);
    expect(await page.locator('#who').textContent()).toBe('hr-desk user');
    const bad = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad).toEqual([]);
  });

  it('refuses a person without any console role, and a replayed callback', async () => {
    const page = await signInAs('nobody');
    await page.getByRole('heading', { name: '権限がありません' }).waitFor();
    const replay = await fetch(page.url());
    expect(replay.status).toBe(400);
    expect((await fetch(`${srv.base}/admin/oidc/callback?code=x&state=forgedstate123`)).status).toBe(400);
  });
});
