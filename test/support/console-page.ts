import type { Browser, Page } from 'playwright-core';

/** Opens the console through its start-up sign-in URL (the token in the fragment) at `width` px. */
export async function signInConsole(browser: Browser, base: string, token: string, width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(`${base}/admin/sign-in#token=${token}`);
  await page.waitForURL(/\/admin#inbox$/);
  await page.getByRole('heading', { name: '受信箱' }).waitFor();
  return page;
}
