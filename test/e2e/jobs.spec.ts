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

    await rows.first().getByRole('button').click();
    const history = page.getByRole('list', { name: 'Events' });
    await expect(history).toContainText('proving poseidon-chain-small');
    await expect(history).toContainText('proof ready in');
    await expect(history).toContainText('proof submitted successfully');

    // The Dashboard counts today's accepted proofs and says the coordinator has no more batches for now.
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Dashboard' }).click();
    await expect(page.getByTestId('accepted-today')).toHaveText('2');
    await expect(page.getByText('E2E sandbox (batch-api): waiting: no more batches left to prove')).toBeVisible({ timeout: 30_000 });
    expect(problems).toEqual([]);
  } finally {
    sandbox.stop();
  }
});
