import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketsFor } from '../../src/tickets/registry.js';
import { runAxe } from '../support/axe.js';
import { launchChromium } from '../support/chromium.js';
import { startTestServer } from '../support/server-harness.js';

let srv: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;

beforeAll(async () => {
  srv = await startTestServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await srv?.close();
});

describe('web chat page in a real browser', () => {
  it('asks with the keyboard alone and shows the answer with a source link', async () => {
    const page = await browser.newPage();
    await page.goto(`${srv.base}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('ja');
    // Keyboard only: Tab to the labelled question field, type, Enter.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.locator('#question').focus();
    await page.keyboard.type('特別交付税の措置率は?');
    await page.keyboard.press('Enter');
    const answer = page.locator('.msg.bot').first();
    await answer.waitFor({ timeout: 10_000 });
    expect(await answer.locator('.text').textContent()).toContain('0.5');
    const link = answer.locator('.sources a').first();
    expect(await link.getAttribute('href')).toBe('https://example.invalid/support.pdf');
    await answer.getByRole('button', { name: '役に立った' }).click();
    await expect.poll(() => answer.textContent()).toContain('ありがとうございます');
    expect((await srv.feedback.listVotes()).length).toBe(1);
    mkdirSync('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/web-chat.png', fullPage: true });
  });

  it('escalates after a confirm step showing the redacted question and office, shows the ticket id, then the office\'s answer', async () => {
    const page = await browser.newPage();
    await page.goto(`${srv.base}/`);
    await page.locator('#question').fill('山田太郎さん(090-1234-5678)の件です。特別交付税の措置率は?');
    await page.keyboard.press('Enter');
    const answer = page.locator('.msg.bot').first();
    await answer.waitFor({ timeout: 10_000 });
    // Buttons are independent: a vote leaves 担当窓口に問い合わせる usable.
    await answer.getByRole('button', { name: '役に立った' }).click();
    await expect.poll(() => answer.textContent()).toContain('ありがとうございます');
    const escalate = answer.getByRole('button', { name: '担当窓口に問い合わせる' });
    expect(await escalate.isEnabled()).toBe(true);

    await escalate.click();
    const confirm = answer.locator('.confirm');
    await confirm.waitFor();
    const shown = await confirm.textContent();
    expect(shown).toContain('人事の窓口');
    expect(shown).toContain('[電話番号削除]');
    expect(shown).not.toContain('090-1234-5678');
    expect(shown).not.toContain('山田太郎');
    // やめる sends nothing and gives the button back; focus returns to it.
    await confirm.getByRole('button', { name: 'やめる' }).click();
    expect(await confirm.count()).toBe(0);
    expect(await escalate.isEnabled()).toBe(true);
    const tickets = ticketsFor(srv.ctx.store)!;
    expect(await tickets.service.list({})).toHaveLength(0);

    // Keyboard: the button is focused again; Enter opens the confirm step, whose 送信する has the focus.
    expect(await escalate.evaluate((b) => b === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await confirm.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('送信する');
    expect((await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await page.keyboard.press('Enter');
    await expect.poll(() => answer.textContent()).toMatch(/問い合わせ番号 TW-\d{4}-\d{6} で/);
    const ticketId = (await answer.textContent())!.match(/TW-\d{4}-\d{6}/)![0];
    const [t] = await tickets.service.list({});
    expect(t!.id).toBe(ticketId);
    expect(t!.requester.platform).toBe('web');
    expect(t!.requester.userId).toMatch(/^web-[0-9a-f]{32}$/);

    // Nobody else can read it: another browser context (no cookie) and a cookie-less fetch get 404.
    const other = await browser.newContext();
    const stranger = await other.request.get(`${srv.base}/api/escalation-requests/${ticketId}`);
    expect(stranger.status()).toBe(404);
    await other.close();
    expect((await fetch(`${srv.base}/api/escalation-requests/${ticketId}`)).status).toBe(404);

    await tickets.service.answer(ticketId, '措置率は0.5です。詳しくは通知をご覧ください。', { admin: true }, 'hr desk');
    const reply = page.locator('.office-answer');
    await reply.waitFor({ timeout: 15_000 });
    expect(await reply.textContent()).toContain('措置率は0.5です');
    expect(await reply.textContent()).toContain(ticketId);
    await page.screenshot({ path: 'test-artifacts/web-chat-escalation.png', fullPage: true });
  });
});
