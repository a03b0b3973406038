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

test('the practice market stands by while a real coordinator is connected, and practises again without it', async ({ page, app }) => {
  test.setTimeout(120_000);
  const problems = watchPageProblems(page);
  await page.goto(`${app.url}#/markets`);
  const practice = page.getByRole('region', { name: 'Practice (batch API)' });
  await expect(practice.getByTestId('coordinator-status')).not.toHaveText(/standing by/);

  await page.getByRole('button', { name: 'Add donation coordinator' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name', { exact: true }).fill('Real lab');
  await dialog.getByLabel('URL', { exact: true }).fill('http://127.0.0.1:9');
  await dialog.getByRole('button', { name: 'Add' }).click();
  await expect(practice.getByTestId('coordinator-status')).toHaveText(/standing by while a real coordinator is connected/, { timeout: 60_000 });

  const real = page.getByRole('region', { name: 'Real lab' });
  await real.getByRole('button', { name: 'Remove' }).click();
  await page.getByRole('dialog', { name: 'Remove coordinator' }).getByRole('button', { name: 'Remove' }).click();
  await expect(real).toHaveCount(0);
  await expect(practice.getByTestId('coordinator-status')).not.toHaveText(/standing by/, { timeout: 60_000 });
  expect(problems).toEqual([]);
});
