import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketsFor } from '../../src/tickets/registry.js';
import { expectAccessible, runAxe } from '../support/axe.js';
import { signInConsole } from '../support/console-page.js';
import { launchChromium } from '../support/chromium.js';
import { startTestServer } from '../support/server-harness.js';
import { type SlackApiStub, startSlackApiStub } from '../support/slack-api-stub.js';

const SIGN_IN = 'ConsoleBrowserTestTokenAbcdefghijKLMNOP';
let srv: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
// Reminders go to a Slack channel, so the Slack adapter runs (against a loopback stand-in of the Web API).
let slack: SlackApiStub;

beforeAll(async () => {
  slack = await startSlackApiStub();
  srv = await startTestServer({ SLACK_SIGNING_SECRET: 'console-test-secret', SLACK_BOT_TOKEN: 'xoxb-console-test', SLACK_API_URL: slack.url }, { signInToken: SIGN_IN });
  browser = await launchChromium();
  mkdirSync('test-artifacts', { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await srv?.close();
  await slack?.close();
});

const post = async (path: string, body: unknown) => (await fetch(`${srv.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();

/** A web asker's question escalated to a ticket for `route`. */
async function escalated(question: string, route: string): Promise<string> {
  const a = await post('/api/ask', { question });
  const r = await srv.ctx.escalations.request(a.answerId, { platform: 'web', userId: `asker-${route}` }, { route });
  return r!.ticketId!;
}


const signIn = (width: number): Promise<Page> => signInConsole(browser, srv.base, SIGN_IN, width);

describe('the console in a real browser (local mode)', () => {
  it('signs in with the keyboard, answers a ticket and hands another to the other office', async () => {
    const toAnswer = await escalated('特別交付税の措置率は?', 'hr');
    const toMove = await escalated('テレワーク端末の暗号化は必要ですか', 'hr');

    // Sign-in form, keyboard only.
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${srv.base}/admin`);
    await page.waitForURL(/\/admin\/sign-in$/);
    await expectAccessible(page, 'sign-in');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('token');
    await page.keyboard.type(SIGN_IN);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '受信箱' }).waitFor();
    await page.getByRole('link', { name: toAnswer }).waitFor();
    await expectAccessible(page, 'inbox');
    await page.screenshot({ path: 'test-artifacts/console-inbox-1280.png', fullPage: true });

    // Filter by text, then open the ticket with the keyboard.
    await page.getByLabel('本文を検索').fill('措置率');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.cards > li').count()).toBe(1);
    await page.getByRole('link', { name: toAnswer }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `問い合わせ ${toAnswer}` }).waitFor();
    expect(await page.locator('section', { hasText: 'ボットの回答' }).textContent()).toContain('0.5');
    expect(await page.getByRole('heading', { name: '出典' }).count()).toBe(1);
    await expectAccessible(page, 'ticket');
    await page.getByLabel('回答文').fill('措置率は0.5です。山田太郎さん(090-1234-5678)にもお伝えください。');
    await page.getByRole('button', { name: '回答を送信' }).click();
    await expect.poll(() => page.locator('.badge').first().textContent()).toBe('完了');
    const answered = await ticketsFor(srv.ctx.store)!.service.get(toAnswer);
    expect(answered!.status).toBe('closed');
    expect(answered!.answer!.text).toContain('[電話番号削除]');
    expect(answered!.answer!.by).toBe('管理者');

    // Hand the other one over with a note.
    await page.goto(`${srv.base}/admin#ticket/${toMove}`);
    await page.getByRole('heading', { name: `問い合わせ ${toMove}` }).waitFor();
    await page.getByLabel('回送先').selectOption('security');
    await page.getByLabel('申し送り').fill('端末の件なのでセキュリティ担当へ');
    await page.getByRole('button', { name: '回送する' }).click();
    await expect.poll(async () => (await ticketsFor(srv.ctx.store)!.service.get(toMove))!.route).toBe('security');
    await expect.poll(() => page.locator('.history').textContent()).toContain('回送');
    const moved = await ticketsFor(srv.ctx.store)!.service.get(toMove);
    expect(moved!.history.find((e) => e.type === 'transferred')).toMatchObject({ from: 'hr', to: 'security', note: '端末の件なのでセキュリティ担当へ' });
    await page.screenshot({ path: 'test-artifacts/console-ticket-1280.png', fullPage: true });
  });

  it('shows the review groups with counts and opens the answers given', async () => {
    await post('/api/ask', { question: '社員食堂の今日のメニューは何ですか' });
    await post('/api/ask', { question: '社員食堂の今日のメニューは何ですか?' });
    const page = await signIn(1280);
    await page.getByRole('link', { name: 'レビュー' }).click();
    const group = page.locator('.cards > li', { hasText: '社員食堂' });
    await group.waitFor();
    expect(await group.textContent()).toContain('2 件');
    expect(await group.textContent()).toContain('回答できず 2');
    await group.getByRole('button', { name: /回答を見る/ }).click();
    await expect.poll(() => group.textContent()).toContain('回答:');
    expect(await group.getByRole('button', { name: /回答を見る/ }).getAttribute('aria-expanded')).toBe('true');
    await expectAccessible(page, 'review');
  });

  it('creates a reminder showing the next five runs in JST, pauses, resumes and deletes it', async () => {
    const page = await signIn(1280);
    await page.getByRole('link', { name: 'リマインダー' }).click();
    await page.getByRole('heading', { name: 'リマインダー', level: 1 }).waitFor();
    await page.getByLabel('本文').fill('{date}({weekday})は勤怠入力の締め日です。');
    await page.getByLabel('チャネルID').fill('C0HRDESK');
    await page.getByLabel('頻度').selectOption('cron');
    await page.getByLabel(/^cron/).fill('0 9 * * 1-5');
    await page.getByLabel('祝日は送らない').check();
    await page.getByRole('button', { name: '登録する' }).click();
    const runs = page.locator('h3:has-text("次の5回") + ol li');
    await expect.poll(() => runs.count()).toBe(5);
    expect(await runs.first().textContent()).toMatch(/09:00/);
    await expectAccessible(page, 'reminders');
    const card = page.locator('.cards > li', { hasText: '勤怠入力の締め日' });
    await card.getByRole('button', { name: /^一時停止/ }).click();
    await expect.poll(() => card.locator('.badge').textContent()).toBe('一時停止');
    await card.getByRole('button', { name: /^再開/ }).click();
    await expect.poll(() => card.locator('.badge').textContent()).toBe('有効');
    page.once('dialog', (d) => void d.accept());
    await card.getByRole('button', { name: /^削除/ }).click();
    await expect.poll(() => page.locator('.cards > li', { hasText: '勤怠入力の締め日' }).count()).toBe(0);
  });

  it('searches the audit log, and every page works at 375 px without sideways scrolling', async () => {
    const page = await signIn(375);
    for (const [link, name] of [['受信箱', '受信箱'], ['レビュー', /レビュー/], ['リマインダー', 'リマインダー'], ['監査ログ', '監査ログ']] as const) {
      await page.getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { name, level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate(() => document.documentElement.scrollWidth), link).toBeLessThanOrEqual(375);
      await expectAccessible(page, `${link} at 375 px`);
    }
    await page.getByLabel('種類').selectOption('ticket');
    await page.getByLabel('操作').fill('ticket.transferred');
    await page.getByRole('button', { name: '検索' }).click();
    await expect.poll(() => page.locator('.cards > li').count()).toBe(1);
    expect(await page.locator('.cards > li').textContent()).toContain('console local-operator');
    await page.screenshot({ path: 'test-artifacts/console-audit-375.png', fullPage: true });

    // The accessibility check can fail: an image without alt text is caught.
    await page.evaluate(() => document.body.append(Object.assign(document.createElement('img'), { src: '/nothing.png' })));
    expect((await runAxe(page)).map((v) => v.id)).toContain('image-alt');
  });
});
