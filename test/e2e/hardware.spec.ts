import { expect, test } from './app-fixture.js';
import { watchPageProblems } from './page-problems.js';

const LOAD_FIGURE = /^\d{1,3}\.\d %$/;

test('the Hardware page shows live CPU load and takes the token out of the address bar', async ({ page, app }) => {
  const problems = watchPageProblems(page);
  await page.goto(`${app.url}#/hardware`);

  await expect(page.getByRole('heading', { level: 1, name: 'Hardware' })).toBeVisible();
  await expect(page).not.toHaveURL(/token=/);

  const cpuLoad = page.getByTestId('cpu-load');
  await expect(cpuLoad).toHaveText(LOAD_FIGURE);
  // The load figure may repeat from one sample to the next; the count of samples received may not.
  const samples = page.getByTestId('sample-count');
  const sampleCount = async () => Number(await samples.getAttribute('data-count'));
  const firstCount = await sampleCount();
  await expect.poll(sampleCount).toBeGreaterThanOrEqual(firstCount + 2);
  await expect(cpuLoad).toHaveText(LOAD_FIGURE);

  await expect(page.getByRole('img', { name: /last 10 minutes/ }).locator('canvas')).toBeVisible();
  const emptyHistory = page.getByText('History fills in as ProverDesk runs (one point per minute).');
  const historyChart = page.getByRole('img', { name: /Per-minute averages/ });
  await expect(emptyHistory.or(historyChart)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Memory' })).toBeVisible();
  await expect(page.getByText(/GiB used of/).first()).toBeVisible();

  expect(problems).toEqual([]);
});
