import { randomUUID } from 'node:crypto';
import { expect, test } from './app-fixture.js';
import { watchPageProblems } from './page-problems.js';

const ACCOUNT = 'e2e-account';

test('a secret is stored, kept across a reload, never shown, replaced and deleted', async ({ page, app }) => {
  const problems = watchPageProblems(page);
  const firstSecret = `first-${randomUUID()}`;
  const secondSecret = `second-${randomUUID()}`;
  await page.goto(`${app.url}#/settings`);
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByTestId('keychain-status')).toContainText('available');

  const accountInput = page.getByTestId('secret-account');
  const secretInput = page.getByTestId('secret-value');
  const save = page.getByTestId('secret-save');
  const row = page.getByTestId('secret-row').filter({ hasText: ACCOUNT });

  // Bad input: a clear error, and nothing typed is lost.
  await accountInput.fill('not a valid account!');
  await secretInput.fill(firstSecret);
  await save.click();
  await expect(page.getByTestId('secret-error')).toContainText('account may contain');
  await expect(accountInput).toHaveValue('not a valid account!');
  await expect(secretInput).toHaveValue(firstSecret);

  await accountInput.fill(ACCOUNT);
  await save.click();
  await expect(row).toContainText('stored');
  await expect(secretInput).toHaveValue('');
  await expect(page.getByTestId('secret-error')).toHaveCount(0);
  expect(await page.content()).not.toContain(firstSecret);

  await page.reload();
  await expect(row).toContainText('stored');
  expect(await page.content()).not.toContain(firstSecret);

  await row.getByRole('button', { name: 'Replace' }).click();
  await expect(accountInput).toHaveValue(ACCOUNT);
  await secretInput.fill(secondSecret);
  await save.click();
  await expect(page.getByRole('status')).toHaveText(`Replaced the secret for ${ACCOUNT}.`);
  await expect(row).toContainText('stored');
  const html = await page.content();
  expect(html).not.toContain(firstSecret);
  expect(html).not.toContain(secondSecret);

  // Deleting asks first; cancelling keeps the secret.
  await row.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete secret' });
  await expect(dialog).toContainText(ACCOUNT);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(row).toContainText('stored');

  await row.getByRole('button', { name: 'Delete' }).click();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(row).toHaveCount(0);
  await expect(page.getByRole('status')).toHaveText(`Deleted the secret for ${ACCOUNT}.`);

  await page.reload();
  await expect(page.getByTestId('keychain-status')).toBeVisible();
  await expect(row).toHaveCount(0);

  // The one failed request is the refused bad input above; the browser logs it.
  expect(problems).toEqual([expect.stringContaining('status of 400')]);
});
