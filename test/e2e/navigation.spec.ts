import { expect, test } from './app-fixture.js';
import { watchPageProblems } from './page-problems.js';

const PAGES = [
  { title: 'Dashboard', hash: '#/dashboard', built: true },
  { title: 'Jobs', hash: '#/jobs', built: true },
  { title: 'Earnings', hash: '#/earnings', built: true },
  { title: 'Markets', hash: '#/markets', built: true },
  { title: 'Pricing', hash: '#/pricing', built: true },
  { title: 'Hardware', hash: '#/hardware', built: true },
  { title: 'Settings', hash: '#/settings', built: true },
  { title: 'Resources', hash: '#/resources', built: true },
];

test('every page in the navigation opens, and the unbuilt ones say so', async ({ page, app }) => {
  const problems = watchPageProblems(page);
  await page.goto(app.url);
  await expect(page.getByRole('contentinfo')).toContainText('headless mode');

  const nav = page.getByRole('navigation', { name: 'Pages' });
  await expect(nav.getByRole('link')).toHaveText(PAGES.map((entry) => new RegExp(`^${entry.title}`)));

  for (const entry of PAGES) {
    await nav.getByRole('link', { name: entry.title }).click();
    await expect(page).toHaveURL(new RegExp(`${entry.hash}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(entry.title);
    const notBuilt = page.getByText(`${entry.title} is not built yet.`);
    if (entry.built) await expect(notBuilt).toHaveCount(0);
    else await expect(notBuilt).toBeVisible();
  }

  // The page lives in the address, so a reload stays on it.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Resources');

  expect(problems).toEqual([]);
});
