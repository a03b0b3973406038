// A new user's first minutes: the app starts with its built-in practice market, takes a practice job at once,
// shows it proving on the Dashboard, and the job ends accepted on the Jobs and Dashboard pages, with no
// coordinator added and no account anywhere.
import { expect, test } from './app-fixture.js';
import { watchPageProblems } from './page-problems.js';

test.use({ practice: true });

/** Records in window.__bestProgress the highest fraction the Dashboard's progress bar ever showed. */
const WATCH_PROGRESS = `
  new MutationObserver(() => {
    const bar = document.querySelector('progress[aria-label="Progress of the current job"]');
    if (bar) window.__bestProgress = Math.max(window.__bestProgress ?? 0, bar.value);
  }).observe(document, { subtree: true, childList: true, attributes: true });
`;

test('the practice market gives work at once: a job proves with visible progress and ends accepted', async ({ page, app }) => {
  test.setTimeout(150_000);
  const problems = watchPageProblems(page);
  // A practice job takes a fraction of a second, shorter than Playwright's polling: watch the progress bar
  // from inside the page instead, for every job that runs while the Dashboard is open.
  await page.addInitScript({ content: WATCH_PROGRESS });
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  // The coordinators' list names it (the Now card may name it too, while a job runs).
  await expect(page.getByText('Practice (batch API)', { exact: true })).toBeVisible({ timeout: 30_000 });

  // Practice batches come every 20 s; within two of them the Dashboard has shown one proving.
  await expect.poll(() => page.evaluate<number>('window.__bestProgress ?? 0'), { timeout: 90_000 }).toBeGreaterThan(0);
  await expect(page.getByTestId('accepted-today')).not.toHaveText('0', { timeout: 60_000 });

  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Jobs' }).click();
  const accepted = page.locator('.jobs-table tbody tr').filter({ hasText: 'accepted' });
  await expect(accepted.first()).toContainText(/Practice \((batch API|donation)\)/);
  await accepted.first().getByRole('button').click();
  const history = page.getByRole('list', { name: 'Events' });
  await expect(history).toContainText(/proving (range-check|poseidon-chain-4k|poseidon-chain-16k)/);
  await expect(history).toContainText(/proof submitted successfully|proof uploaded; the organisation verifies it/);
  expect(problems).toEqual([]);
});
