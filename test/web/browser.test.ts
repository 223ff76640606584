import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../support/server-harness.js';

const CHROMIUM = '/usr/bin/chromium';
let srv: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium); .ci/run does this`);
  srv = await startTestServer();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
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
});
