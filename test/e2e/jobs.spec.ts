import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from './app-fixture.js';
import { watchPageProblems } from './page-problems.js';
import { startSandbox } from './support/sandbox-process.js';

const run = promisify(execFile);

test('a coordinator added while the app runs gets its batches proven, and the Jobs page shows them with their history', async ({ page, app }) => {
  test.setTimeout(180_000);
  const problems = watchPageProblems(page);
  const sandbox = await startSandbox();
  try {
    await page.goto(app.url);
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Jobs' }).click();
    await expect(page.getByText('No jobs yet.')).toBeVisible();

    await run(process.execPath, ['bin/proverdesk.js', 'coordinator', 'add', 'batch-api', '--name', 'E2E sandbox', '--url', sandbox.url, '--participant', sandbox.participant, '--data-dir', app.dataDir]);

    const rows = page.locator('.jobs-table tbody tr');
    await expect(rows).toHaveCount(2, { timeout: 120_000 });
    await expect(rows.filter({ hasText: 'accepted' })).toHaveCount(2, { timeout: 120_000 });
    await expect(rows.first()).toContainText('E2E sandbox');

    // Each row says what was proven, how long it took, and what it cost and asked.
    const headers = await page.locator('.jobs-table thead th').allTextContents();
    const cell = (column: string) => rows.first().locator('td').nth(headers.indexOf(column));
    await expect(cell('Circuit')).toHaveText(/^poseidon-chain-small · [\d,]+$/);
    await expect(cell('Proving time')).toHaveText(/^(\d+(\.\d)? s|\d+ min \d+ s)$/);
    await expect(cell('Total time')).toHaveText(/^(\d+(\.\d)? s|\d+ min \d+ s)$/);
    await expect(cell('Cost / price')).toHaveText(/^\$\d+\.\d\d \/ \$\d+\.\d\d$/);
    await expect(cell('Deadline')).toHaveText(/^(–|met)$/);

    await rows.first().getByRole('button').click();
    const history = page.getByRole('list', { name: 'Events' });
    await expect(history).toContainText('proving poseidon-chain-small');
    await expect(history).toContainText('proof ready in');
    await expect(history).toContainText('proof submitted successfully');
    await expect(history).not.toContainText('backend-log');
    await expect(page.getByRole('region', { name: 'Backend log' })).toBeVisible();

    // The Dashboard counts today's accepted proofs and says the coordinator has no more batches for now.
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Dashboard' }).click();
    await expect(page.getByTestId('accepted-today')).toHaveText('2');
    await expect(page.getByText('E2E sandbox (batch-api): waiting: no more batches left to prove')).toBeVisible({ timeout: 30_000 });
    expect(problems).toEqual([]);
  } finally {
    sandbox.stop();
  }
});
