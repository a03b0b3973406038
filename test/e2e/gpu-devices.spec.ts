// A machine with two NVIDIA GPUs, one too old for this build (a stand-in driver lists them; the emulated GPU library
// stands for the CUDA one): the Hardware page shows each with its memory, compute capability and state, and why the
// old one cannot prove; Settings → Resources offers only the usable one, and keeps the choice across a reload; the
// Pricing page shows the usable GPU's measured speed beside the CPU's.
import { expect, test } from './app-fixture.js';
import { watchPageProblems } from './page-problems.js';
import { emulatedGpuEnvironment } from '../support/gpu-emulation.js';

test.use({
  appEnv: emulatedGpuEnvironment({ gpus: 'NVIDIA L4|24152899584|8.9;NVIDIA GeForce GTX 1080|8589934592|6.1', claimCudaBuild: true }),
});

test('the engine GPUs are shown with their state, and only a usable one can be chosen for proving', async ({ page, app }) => {
  const problems = watchPageProblems(page);
  await page.goto(`${app.url}#/hardware`);
  const engine = page.getByRole('region', { name: 'Proving engine' });
  const devices = engine.getByTestId('engine-device');
  await expect(devices).toHaveCount(3);
  await expect(devices.nth(1)).toContainText('GPU 0NVIDIA L4');
  await expect(devices.nth(1)).toContainText('22.5 GiB');
  await expect(devices.nth(1).getByTestId('gpu-state')).toHaveText('ready (emulated on the CPU)');
  await expect(devices.nth(2).getByTestId('gpu-state')).toHaveText(
    'GPU 1 (NVIDIA GeForce GTX 1080): compute capability 6.1 is older than this build supports (7.5)',
  );

  await page.goto(`${app.url}#/resources`);
  const gpuCard = page.getByRole('region', { name: 'GPU', exact: true });
  await expect(gpuCard.getByRole('radio', { name: 'All' })).toBeChecked();
  await gpuCard.getByRole('radio', { name: /Only these/ }).check();
  const l4 = gpuCard.getByRole('checkbox', { name: /GPU 0: NVIDIA L4/ });
  const old = gpuCard.getByRole('checkbox', { name: /GPU 1: NVIDIA GeForce GTX 1080/ });
  await expect(l4).toBeChecked();
  await expect(old).toBeDisabled();
  await expect(old).not.toBeChecked();
  await expect(gpuCard).toContainText('compute capability 6.1 is older than this build supports (7.5)');
  await l4.uncheck();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText(/^Saved\./);
  await page.reload();
  await expect(gpuCard.getByRole('radio', { name: /Only these/ })).toBeChecked();
  await expect(l4).not.toBeChecked();
  expect(problems).toEqual([]);
});

test("the Pricing page shows the usable GPU's measured speed and predictions beside the CPU's", async ({ page, app }) => {
  test.setTimeout(120_000);
  const problems = watchPageProblems(page);
  await page.goto(`${app.url}#/pricing`);
  const card = page.getByRole('region', { name: "This machine's speed" });
  // Measured at start, after the CPU (the practice circuits on the emulated kernels take a few seconds).
  await expect(card.getByTestId('gpu-speed')).toHaveText(/^[\d,]+ constraints\/s plus \d+ ms per job$/, { timeout: 90_000 });
  await expect(card.locator('dl[aria-label="GPU speeds"]')).toContainText('GPU 0 (NVIDIA L4)');
  const table = card.getByRole('table', { name: 'Predicted proving times' });
  await expect(table.getByRole('columnheader')).toHaveText(['Constraints', 'CPU', 'GPU 0 (NVIDIA L4)']);
  await expect(table.locator('tbody tr').first().locator('td')).toHaveCount(3);
  await expect(table.locator('tbody tr').first().locator('td').nth(2)).toHaveText(/^(\d+ ms|[\d.]+ s)$/);
  expect(problems).toEqual([]);
});
