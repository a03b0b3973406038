import { expect, test } from './app-fixture.js';
import { watchPageProblems } from './page-problems.js';
import { startDonationSandboxProcess } from './support/donation-sandbox-process.js';

test("a donation coordinator proves only the programs picked from the server's list", async ({ page, app }) => {
  test.setTimeout(180_000);
  const problems = watchPageProblems(page);
  const sandbox = await startDonationSandboxProcess(2);
  try {
    await page.goto(`${app.url}#/markets`);
    await page.getByRole('button', { name: 'Add donation coordinator' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a donation coordinator' });
    const all = dialog.getByRole('radio', { name: 'All programs (including ones added later)' });
    await expect(all).toBeChecked();

    // The list needs an address first; then it shows every program, each with its reservation time.
    await dialog.getByRole('button', { name: 'Load programs' }).click();
    await expect(dialog.getByLabel('URL')).toHaveAccessibleDescription('must be an http:// or https:// address');
    await dialog.getByLabel('Name').fill('Picked programs');
    await dialog.getByLabel('URL').fill(sandbox.url);
    await dialog.getByRole('button', { name: 'Load programs' }).click();
    const list = dialog.getByRole('list', { name: 'Programs on the server' });
    await expect(list.getByRole('checkbox')).toHaveCount(3);
    await expect(list.getByRole('checkbox', { name: 'range-check' })).toHaveAccessibleDescription(/reservations last 10 min/);
    await expect(dialog).toContainText('3 programs');

    // The server filters by name prefix; Enter in the filter lists again without sending the form.
    await dialog.getByLabel('Filter programs').fill('poseidon');
    await dialog.getByLabel('Filter programs').press('Enter');
    await expect(list.getByRole('checkbox')).toHaveCount(2);
    await expect(dialog).toContainText('2 programs');
    await list.getByRole('checkbox', { name: 'poseidon-chain-4k' }).check();
    await expect(all).not.toBeChecked();
    await expect(dialog.getByTestId('chosen-programs')).toHaveText('Chosen: poseidon-chain-4k');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole('status')).toHaveText('Added Picked programs.');

    // Its two groups are proven; the other programs' groups are left alone.
    const card = page.getByRole('region', { name: 'Picked programs' });
    await expect(card).not.toContainText('every program it lists');
    await expect(card.getByTestId('coordinator-jobs')).toHaveText('2 accepted · 0 rejected · 0 failed', { timeout: 150_000 });
    await expect(card.getByTestId('coordinator-status')).toHaveText('waiting: no work left for now', { timeout: 30_000 });
    await expect(card.getByTestId('coordinator-jobs')).toHaveText('2 accepted · 0 rejected · 0 failed');

    // Editing lists the programs again, with the chosen one checked and named.
    await card.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Picked programs' });
    await expect(edit.getByRole('checkbox', { name: 'poseidon-chain-4k' })).toBeChecked();
    await expect(edit.getByRole('checkbox', { name: 'range-check' })).not.toBeChecked();
    await expect(edit.getByTestId('chosen-programs')).toHaveText('Chosen: poseidon-chain-4k');
    await edit.getByRole('radio', { name: 'All programs (including ones added later)' }).check();
    await expect(edit.getByRole('checkbox', { name: 'poseidon-chain-4k' })).not.toBeChecked();
    await edit.getByRole('button', { name: 'Cancel' }).click();
    await expect(edit).toHaveCount(0);

    // The Jobs page names the circuit and its size.
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Jobs' }).click();
    const rows = page.locator('.jobs-table tbody tr', { hasText: 'Picked programs' });
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toContainText('poseidon-chain-4k · 3,813');

    // Its jobs stay in the history, so removing it disables it (and the app proves nothing more for it).
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Markets' }).click();
    await card.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('dialog', { name: 'Remove coordinator' }).getByRole('button', { name: 'Remove' }).click();
    await expect(card.getByTestId('coordinator-status')).toHaveText('disabled');
    expect(problems).toEqual([]);
  } finally {
    sandbox.stop();
  }
});
