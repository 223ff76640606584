import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../support/axe.js';
import { signInConsole } from '../support/console-page.js';
import { launchChromium } from '../support/chromium.js';
import { startTestServer } from '../support/server-harness.js';

const SIGN_IN = 'FaqBrowserTestTokenAbcdefghijKLMNOPQRS';
let srv: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;

beforeAll(async () => {
  srv = await startTestServer({}, { signInToken: SIGN_IN });
  browser = await launchChromium();
  mkdirSync('test-artifacts', { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

const post = async (path: string, body: unknown) => (await fetch(`${srv.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();


const signIn = (width: number): Promise<Page> => signInConsole(browser, srv.base, SIGN_IN, width);

const QUESTION = '在宅勤務の日の通勤手当はどうなりますか?';
const OFFICE_ANSWER = '在宅勤務の日数に応じて通勤手当を日割りで支給する団体が多いです。各団体の給与条例をご確認ください。';

describe('promoting answers to FAQ entries in the console', () => {
  it('promotes an office\'s answer, and the web chat then answers that question with it and its source', async () => {
    const asked = await post('/api/ask', { question: QUESTION });
    expect(asked.answer).not.toContain('日割り');
    const ticket = await srv.ctx.escalations.request(asked.answerId, { platform: 'web', userId: 'asker-faq' }, { route: 'hr' });

    const page = await signIn(1280);
    await page.goto(`${srv.base}/admin#ticket/${ticket!.ticketId}`);
    await page.getByLabel('回答文').fill(OFFICE_ANSWER);
    await page.getByRole('button', { name: '回答を送信' }).click();
    const promote = page.getByRole('button', { name: 'この回答をFAQにする' });
    await promote.waitFor();
    await promote.focus();
    await page.keyboard.press('Enter');

    // The form, prefilled with the question and the office's answer.
    await page.getByRole('heading', { name: 'FAQエントリの作成' }).waitFor();
    expect(await page.getByLabel('質問の言い方(1行に1つ)').inputValue()).toBe(QUESTION);
    expect(await page.getByLabel('回答(日本語)').inputValue()).toBe(OFFICE_ANSWER);
    expect(await page.getByLabel('担当窓口').inputValue()).toBe('hr');
    await page.getByLabel('出典の資料').selectOption('mini-support');
    await page.getByLabel('出典の節').selectOption('相談窓口');
    await page.getByLabel('質問の言い方(1行に1つ)').fill(`${QUESTION}\nテレワークの日の通勤手当は出ますか?`);
    await expectAccessible(page, 'FAQ form');
    await page.screenshot({ path: 'test-artifacts/console-faq-form-1280.png', fullPage: true });
    await page.getByRole('button', { name: '保存する' }).click();

    await page.getByRole('heading', { name: 'FAQ', level: 1 }).waitFor();
    const card = page.locator('.cards > li', { hasText: QUESTION });
    await card.waitFor();
    expect(await card.textContent()).toContain('コンソールで作成');
    await expect.poll(() => page.locator('section', { hasText: 'キュレーター評価' }).textContent()).toContain('2 / 2');
    await expectAccessible(page, 'FAQ list');

    // The web chat answers the question with the entry, citing its source.
    const chat = await browser.newPage();
    await chat.goto(`${srv.base}/`);
    await chat.locator('#question').fill(QUESTION);
    await chat.keyboard.press('Enter');
    const answer = chat.locator('.msg.bot').first();
    await answer.waitFor({ timeout: 10_000 });
    expect(await answer.locator('.text').textContent()).toContain('日割りで支給する団体が多いです');
    expect(await answer.locator('.sources').textContent()).toContain('テスト用 支援策の資料');

    // Edited from the list: the change answers at once.
    await card.getByRole('link', { name: /を編集$/ }).click();
    await page.getByRole('heading', { name: /の編集$/ }).waitFor();
    await page.getByLabel('回答(日本語)').fill(`${OFFICE_ANSWER}(人事担当より)`);
    await page.getByRole('button', { name: '保存する' }).click();
    await page.getByRole('heading', { name: 'FAQ', level: 1 }).waitFor();
    expect((await post('/api/ask', { question: QUESTION })).answer).toContain('(人事担当より)');

    // A form another entry already claims is refused with the reason, nothing is saved.
    await page.getByRole('link', { name: '新しいエントリ' }).click();
    await page.getByLabel('質問の言い方(1行に1つ)').fill(QUESTION);
    await page.getByLabel('回答(日本語)').fill('別の回答です。');
    await page.getByRole('button', { name: '保存する' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('also claimed by FAQ entry');

    const audit = (await srv.ctx.audit.query({ subjectType: 'faq' })).map((e) => e.action);
    expect(audit).toEqual(['faq.created', 'faq.updated']);
  });

  it('promotes a review group: the form starts with the group\'s questions; the FAQ pages work at 375 px', async () => {
    await post('/api/ask', { question: '庁舎の食堂の営業時間は何時までですか' });
    await post('/api/ask', { question: '庁舎の食堂の営業時間は何時までですか?' });
    const page = await signIn(375);
    await page.getByRole('link', { name: 'レビュー' }).click();
    const group = page.locator('.cards > li', { hasText: '食堂の営業時間' });
    await group.getByRole('button', { name: /をFAQにする$/ }).click();
    await page.getByRole('heading', { name: 'FAQエントリの作成' }).waitFor();
    expect(await page.getByLabel('質問の言い方(1行に1つ)').inputValue()).toContain('庁舎の食堂の営業時間は何時までですか');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'FAQ form at 375 px');
    await page.getByRole('link', { name: '取り消し' }).click();
    await page.getByRole('heading', { name: 'FAQ', level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'FAQ list at 375 px');
    await page.screenshot({ path: 'test-artifacts/console-faq-375.png', fullPage: true });
  });
});
