import { expect, test } from './app-fixture.js';
import { watchPageProblems } from './page-problems.js';

test.use({ practice: true });

test('the built-in practice market can only be disabled and enabled in Markets', async ({ page, app }) => {
  const problems = watchPageProblems(page);
  await page.goto(`${app.url}#/markets`);
  const card = page.getByRole('region', { name: 'Practice (batch API)' });
  await expect(card).toContainText('Practice market — built in, no account needed');
  await expect(card.getByRole('button')).toHaveText(['Disable']);

  await card.getByRole('button', { name: 'Disable' }).click();
  await expect(card.getByTestId('coordinator-status')).toHaveText('disabled');
  await page.reload();
  await expect(card.getByTestId('coordinator-status')).toHaveText('disabled');
  await card.getByRole('button', { name: 'Enable' }).click();
  await expect(card.getByTestId('coordinator-status')).not.toHaveText('disabled');
  await expect(card.getByRole('button')).toHaveText(['Disable']);
  expect(problems).toEqual([]);
});
