import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from './app-fixture.js';
import { watchPageProblems } from './page-problems.js';
import { startSandbox } from './support/sandbox-process.js';

const run = promisify(execFile);

test('the cost model is edited with a live preview on recent proofs, saved, and kept across a reload', async ({ page, app }) => {
  test.setTimeout(180_000);
  const problems = watchPageProblems(page);
  const sandbox = await startSandbox();
  try {
    await page.goto(`${app.url}#/pricing`);
    await expect(page.getByRole('heading', { level: 1, name: 'Pricing' })).toBeVisible();
    const minimumPrice = page.getByLabel('Minimum price (¢)');
    await expect(minimumPrice).toHaveValue('1');
    await expect(page.getByLabel('Power draw while proving (W)')).toHaveAccessibleDescription(/^About \d+ W estimated for this machine\.$/);
    const save = page.getByRole('button', { name: 'Save', exact: true });
    await expect(save).toBeDisabled(); // nothing changed yet

    // Two proofs are made while the page is open; the preview picks them up. (The app is shared by the spec
    // files of a worker, so the preview may list earlier proofs too.)
    await run(process.execPath, ['bin/proverdesk.js', 'coordinator', 'add', 'batch-api', '--name', 'Pricing sandbox', '--url', sandbox.url, '--participant', sandbox.participant, '--data-dir', app.dataDir]);
    const rows = page.getByRole('table', { name: 'Preview on recent proofs' }).locator('tbody tr');
    await expect(rows.filter({ hasText: 'Pricing sandbox' }).filter({ hasText: 'accepted' })).toHaveCount(2, { timeout: 120_000 });
    const proofs = await rows.count();
    const floorTotal = `$${(5 * proofs).toFixed(2)}`;
    await expect(page.getByTestId('preview-total-price')).not.toHaveText(floorTotal);

    // A price floor of $5 makes each of these small proofs (a fraction of a cent each) ask exactly $5.00.
    await minimumPrice.fill('500');
    await expect(page.getByTestId('preview-total-price')).toHaveText(floorTotal);
    await expect(rows.first().getByRole('cell').last()).toHaveText('$5.00');
    await expect(page.getByText('Unsaved changes')).toBeVisible();

    // Inline validation: nothing is sent, the preview keeps the last valid model, Save waits.
    const power = page.getByLabel('Power draw while proving (W)');
    await power.fill('-5');
    await expect(power).toHaveAccessibleDescription(/must be at least 0/);
    await expect(save).toBeDisabled();
    await power.fill('lots');
    await expect(power).toHaveAccessibleDescription(/enter a number/);
    await power.fill('150');
    await page.getByLabel('Margin (%)', { exact: true }).fill('12.345');
    await expect(page.getByLabel('Margin (%)', { exact: true })).toHaveAccessibleDescription('use at most two decimals');
    await page.getByLabel('Margin (%)', { exact: true }).fill('12.5');

    await save.click();
    await expect(page.getByRole('status')).toHaveText('Saved. Proofs made from now on are priced with this model.');
    await expect(save).toBeDisabled();

    await page.reload();
    await expect(minimumPrice).toHaveValue('500');
    await expect(page.getByLabel('Margin (%)', { exact: true })).toHaveValue('12.5');
    await expect(power).toHaveValue('150');
    await expect(page.getByTestId('preview-total-price')).toHaveText(floorTotal);

    // Reset fills in the defaults; they are not saved until Save.
    await page.getByRole('button', { name: 'Reset to defaults' }).click();
    await expect(minimumPrice).toHaveValue('1');
    await expect(page.getByTestId('preview-total-price')).not.toHaveText(floorTotal);
    await expect(save).toBeEnabled();
    await page.reload();
    await expect(minimumPrice).toHaveValue('500');
    expect(problems).toEqual([]);
  } finally {
    sandbox.stop();
  }
});

test("the machine's measured speed is shown with predictions, and measured again on request", async ({ page, app }) => {
  test.setTimeout(120_000);
  const problems = watchPageProblems(page);
  await page.goto(`${app.url}#/pricing`);
  const card = page.getByRole('region', { name: "This machine's speed" });
  // The app measures itself before its first job, a few seconds after it starts.
  await expect(card.getByTestId('constraints-per-second')).toHaveText(/^[\d,]+ constraints\/s$/, { timeout: 60_000 });
  await expect(card.getByRole('table', { name: 'Predicted proving times' }).locator('tbody tr')).toHaveCount(3);
  const measuredAt = card.getByTestId('measured-at');
  const before = await measuredAt.textContent();
  await card.getByRole('button', { name: 'Measure again' }).click();
  await expect(card.getByRole('button', { name: 'Measuring…' })).toBeDisabled();
  await expect(measuredAt).not.toHaveText(before ?? '', { timeout: 60_000 });
  await expect(card.getByRole('button', { name: 'Measure again' })).toBeEnabled();
  await expect(card.getByRole('alert')).toHaveCount(0);
  expect(problems).toEqual([]);
});
