// A hidden window does no work: the core's events are not handled and the page's timers stop while it is
// hidden (minimised, or closed to the tray), and showing it again reads the state afresh.
import type { Page } from '@playwright/test';
import { expect, test } from './app-fixture.js';
import { watchPageProblems } from './page-problems.js';

/** What Chromium does when the window is minimised or hidden: the page becomes hidden and is told so. */
async function setHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((value) => {
    // This file is type-checked without the DOM's types; the page has them.
    const { document } = globalThis as unknown as { document: object & { dispatchEvent(event: Event): boolean } };
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (value ? 'hidden' : 'visible') });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

test('while hidden the page ignores the core and makes no requests; shown again, it catches up', async ({ page, app }) => {
  const problems = watchPageProblems(page);
  await page.goto(`${app.url}#/markets`);
  const banner = page.getByRole('status', { name: 'Proving status' });
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Dashboard' }).click();
  await expect(banner.getByText('Running at full speed')).toBeVisible();

  await setHidden(page, true);
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  // Something changes meanwhile (as the tray's Pause would): the hidden page does not follow.
  const paused = await page.request.post(`${app.baseUrl}api/v1/rpc`, {
    headers: { Authorization: `Bearer ${app.token}` },
    data: { v: 1, kind: 'command', name: 'governor.pause', input: {} },
  });
  expect(paused.ok()).toBe(true);
  await page.waitForTimeout(2_500); // more than a hardware sample, a governor reading and the clock's tick
  await expect(banner.getByText('Running at full speed')).toBeVisible();
  expect(requests).toEqual([]);

  await setHidden(page, false);
  await expect(banner.getByText('Paused: paused by you')).toBeVisible();
  await banner.getByRole('button', { name: 'Resume now' }).click();
  await expect(banner.getByText('Running at full speed')).toBeVisible();
  expect(problems).toEqual([]);
});
