import type { Page } from '@playwright/test';
import { expect, test } from './app-fixture.js';
import { watchPageProblems } from './page-problems.js';
import { startSandbox } from './support/sandbox-process.js';

const openMarkets = async (page: Page) => {
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Markets' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Markets' })).toBeVisible();
};

test('a batch-API coordinator added in Markets gets its batches proven, and is paused, edited and removed there', async ({ page, app }) => {
  test.setTimeout(180_000);
  const problems = watchPageProblems(page);
  const sandbox = await startSandbox();
  try {
    // The app is shared by the spec files of a worker: other coordinators may be listed already.
    await page.goto(app.url);
    await openMarkets(page);

    // The form checks what the core would, before sending anything.
    await page.getByRole('button', { name: 'Add batch-API coordinator' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a batch-API coordinator' });
    await dialog.getByLabel('URL').fill('not a url');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await expect(dialog.getByLabel('Name')).toHaveAccessibleDescription('must not be empty');
    await expect(dialog.getByLabel('URL')).toHaveAccessibleDescription('must be an http:// or https:// address');
    await expect(dialog.getByLabel('Participant ID')).toHaveAttribute('type', 'password');

    await dialog.getByLabel('Name').fill('Markets sandbox');
    await dialog.getByLabel('URL').fill(sandbox.url);
    await dialog.getByLabel('Participant ID').fill(sandbox.participant);
    await dialog.getByRole('button', { name: 'Add' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole('status')).toHaveText('Added Markets sandbox.');

    const card = page.getByRole('region', { name: 'Markets sandbox' });
    await expect(card).toContainText('stored in the keychain');
    await expect(card.getByTestId('coordinator-jobs')).toHaveText('2 accepted · 0 rejected · 0 failed', { timeout: 120_000 });
    await expect(card.getByTestId('coordinator-status')).toHaveText('waiting: no more batches left to prove', { timeout: 30_000 });
    await expect(card.getByTestId('coordinator-last-error')).toHaveText('none');
    expect(await page.content()).not.toContain(sandbox.participant);

    await card.getByRole('button', { name: 'Pause' }).click();
    await expect(card.getByTestId('coordinator-status')).toHaveText('paused: paused by you');
    await expect(card.getByRole('button', { name: 'Pause' })).toHaveCount(0);
    await expect(card.getByRole('button', { name: 'Resume' })).toBeVisible();

    // Editing keeps the participant ID unless a new one is typed, and clears the pause.
    await card.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Markets sandbox' });
    await expect(edit.getByLabel('Name')).toHaveValue('Markets sandbox');
    await expect(edit.getByLabel('URL')).toHaveValue(sandbox.url);
    await expect(edit.getByLabel('Participant ID')).toHaveValue('');
    await edit.getByLabel('Name').fill('Markets renamed');
    await edit.getByLabel('Submit path').fill('/submit_proof/');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect(edit).toHaveCount(0);
    const renamed = page.getByRole('region', { name: 'Markets renamed' });
    await expect(renamed).toContainText('/submit_proof/');
    await expect(renamed).toContainText('stored in the keychain');
    await expect(renamed.getByTestId('coordinator-status')).not.toContainText('paused');
    await expect(renamed.getByRole('button', { name: 'Pause' })).toBeVisible();

    // A name in use (ignoring case) is refused by the core; the dialog keeps what was typed.
    await page.getByRole('button', { name: 'Add batch-API coordinator' }).click();
    await dialog.getByLabel('Name').fill('markets RENAMED');
    await dialog.getByLabel('URL').fill(sandbox.url);
    await dialog.getByLabel('Participant ID').fill('someone-else');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await expect(dialog.getByRole('alert')).toHaveText("a coordinator named 'Markets renamed' already exists");
    await expect(dialog.getByLabel('Name')).toHaveValue('markets RENAMED');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);

    // Its jobs stay in the history, so removing it disables it.
    await renamed.getByRole('button', { name: 'Remove' }).click();
    const confirm = page.getByRole('dialog', { name: 'Remove coordinator' });
    await expect(confirm).toContainText('Its participant ID is deleted from the keychain');
    await confirm.getByRole('button', { name: 'Remove' }).click();
    await expect(page.getByRole('status')).toHaveText('Markets renamed has 2 job(s) in the history, so it was disabled instead of removed.');
    await expect(renamed.getByTestId('coordinator-status')).toHaveText('disabled');
    await expect(renamed).toContainText('missing: edit to set it');
    await renamed.getByRole('button', { name: 'Edit' }).click();
    const editRenamed = page.getByRole('dialog', { name: 'Edit Markets renamed' });
    await editRenamed.getByRole('button', { name: 'Save' }).click();
    await expect(editRenamed.getByLabel('Participant ID')).toHaveAccessibleDescription(/none is stored: enter the ID the market gave you/);
    await editRenamed.getByRole('button', { name: 'Cancel' }).click();
    await expect(editRenamed).toHaveCount(0);

    await page.reload();
    await expect(renamed.getByTestId('coordinator-status')).toHaveText('disabled');
    expect(problems).toEqual([expect.stringContaining('status of 409')]);
  } finally {
    sandbox.stop();
  }
});

test('a donation coordinator whose program list cannot be loaded takes typed program IDs, and is edited and removed', async ({ page, app }) => {
  const problems = watchPageProblems(page);
  await page.goto(`${app.url}#/markets`);
  await page.getByRole('button', { name: 'Add donation coordinator' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a donation coordinator' });
  await expect(dialog.getByLabel('Participant ID')).toHaveCount(0);
  await expect(dialog.getByLabel('Program IDs')).toHaveCount(0);
  await dialog.getByLabel('Name').fill('Donate');
  await dialog.getByLabel('URL').fill('http://127.0.0.1:9/');
  await dialog.getByRole('button', { name: 'Load programs' }).click();
  await expect(dialog.getByRole('alert')).toContainText('could not list the programs of 127.0.0.1:9');
  await dialog.getByLabel('Program IDs').fill('p1, p2,');
  await expect(dialog.getByRole('radio', { name: 'All programs (including ones added later)' })).not.toBeChecked();
  await dialog.getByRole('button', { name: 'Add' }).click();
  const card = page.getByRole('region', { name: 'Donate' });
  await expect(card).toContainText('Programs');
  await expect(card).toContainText('p1, p2');

  // Editing asks for the list at once; it still cannot be had, so the IDs are offered as typed text.
  await card.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Donate' });
  await expect(edit.getByRole('alert')).toContainText('could not list the programs of 127.0.0.1:9');
  await expect(edit.getByLabel('Program IDs')).toHaveValue('p1, p2');
  await edit.getByLabel('Program IDs').fill('');
  await expect(edit.getByRole('radio', { name: 'All programs (including ones added later)' })).toBeChecked();
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(card).toContainText('every program it lists');

  await card.getByRole('button', { name: 'Remove' }).click();
  await page.getByRole('dialog', { name: 'Remove coordinator' }).getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByRole('status')).toHaveText('Removed Donate.');
  await expect(card).toHaveCount(0);
  expect(problems).toEqual([expect.stringContaining('status of 503'), expect.stringContaining('status of 503')]);
});
