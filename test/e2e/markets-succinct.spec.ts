// Connecting to the Succinct Prover Network in Markets, the way a prover shop would: the dialog's defaults and
// checks (a malformed key, a key out of range, the throughput SP1 needs), an imported key of which only the
// address is ever shown (never the key, in the page or in any answer the page received), editing that keeps or
// replaces the key, and a key generated in the keychain. The network is unreachable here: this is about the
// connection's settings and the key, not about bidding (earnings-practice.spec.ts bids).
import type { Page } from '@playwright/test';
import { expect, test } from './app-fixture.js';
import { watchPageProblems } from './page-problems.js';
import { expectKeyNowhere, recordApiAnswers } from './support/key-secrecy.js';

const KEY = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
const ADDRESS = '0x2c7536E3605D9C16a7a3D7b1898e529396a65c23';
const UNREACHABLE = 'http://127.0.0.1:9';

async function removeCard(page: Page, name: string) {
  const card = page.getByRole('region', { name });
  await card.getByRole('button', { name: 'Remove' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove coordinator' });
  await expect(confirm).toContainText('signing key is deleted from the keychain');
  await confirm.getByRole('button', { name: 'Remove' }).click();
  await expect(card).toHaveCount(0);
}

test('a Succinct market connects with an imported key, of which only the address is ever shown', async ({ page, app }) => {
  test.setTimeout(90_000);
  const problems = watchPageProblems(page);
  const answers = recordApiAnswers(page);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.baseUrl.replace(/\/$/, '') });
  await page.goto(`${app.url}#/markets`);

  await page.getByRole('group', { name: 'Connect a market' }).getByRole('button', { name: 'Connect to the Succinct Prover Network' }).click();
  const dialog = page.getByRole('dialog', { name: 'Connect to the Succinct Prover Network' });
  await expect(dialog.getByLabel('RPC URL')).toHaveValue('https://rpc.mainnet.succinct.xyz');
  await expect(dialog.getByLabel('Circuit version')).toHaveValue('sp1-v6.1.0');
  await expect(dialog.getByLabel('Chain ID')).toHaveValue('1');
  await expect(dialog.getByLabel('Max outstanding bids and proofs')).toHaveValue('2');
  await expect(dialog.getByLabel('Import a private key')).toBeChecked();
  const key = dialog.getByLabel('Private key', { exact: true });
  await expect(key).toHaveAttribute('type', 'password');
  await expect(dialog.getByRole('group', { name: 'Signing key' })).toHaveAccessibleDescription(/OS keychain.*at least 1000 PROVE staked/);

  // Checked as the core would before anything is sent: a malformed key, and no throughput.
  await dialog.getByLabel('Name').fill('Succinct lab');
  await dialog.getByLabel('RPC URL').fill(UNREACHABLE);
  await key.fill('not-a-key');
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(key).toHaveAccessibleDescription(/must be 64 hexadecimal digits/);
  await expect(dialog.getByLabel('Throughput (PGU/s)')).toHaveAccessibleDescription(/enter your SP1 prover's speed/);

  // A key of the right form but outside secp256k1's range: the core refuses it, said at the field, which is emptied.
  await dialog.getByLabel('Throughput (PGU/s)').fill('1500000');
  await key.fill(`0x${'0'.repeat(64)}`);
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(key).toHaveAccessibleDescription(/outside the secp256k1 range/);
  await expect(key).toHaveValue('');

  await key.fill(KEY);
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText('Added Succinct lab.');

  const card = page.getByRole('region', { name: 'Succinct lab' });
  await expect(card.getByTestId('prover-address')).toHaveText(new RegExp(`^${ADDRESS}$`, 'i'));
  await expect(card.getByTestId('circuit-version')).toHaveText('sp1-v6.1.0');
  await expect(card).toContainText('1,500,000 PGU/s');
  await expect(card.getByRole('region', { name: 'Bids' })).toContainText('No requests seen yet.');
  await card.getByRole('button', { name: 'Copy the prover address' }).click();
  await expect(card).toContainText('Copied.');
  expect((await page.evaluate<string>('navigator.clipboard.readText()')).toLowerCase()).toBe(ADDRESS.toLowerCase());

  // Editing keeps the key unless "Replace the key" is chosen; the key is never filled in.
  await card.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Succinct lab' });
  await expect(edit.getByLabel('RPC URL')).toHaveValue(UNREACHABLE);
  await expect(edit.getByLabel('Throughput (PGU/s)')).toHaveValue('1500000');
  await expect(edit.getByLabel('Replace the key')).not.toBeChecked();
  await expect(edit.getByLabel('Import a private key')).toHaveCount(0);
  await expect(edit.getByLabel('Generate a new key')).toHaveCount(0);
  await edit.getByLabel('Replace the key').check();
  await expect(edit.getByLabel('New private key')).toHaveValue('');
  await edit.getByLabel('Replace the key').uncheck();
  await edit.getByLabel('Max outstanding bids and proofs').fill('3');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toHaveCount(0);
  await expect(card).toContainText('3 bids or proofs');
  await expect(card.getByTestId('prover-address')).toHaveText(new RegExp(`^${ADDRESS}$`, 'i'));

  await page.reload();
  await expect(card.getByTestId('prover-address')).toHaveText(new RegExp(`^${ADDRESS}$`, 'i'));
  await expectKeyNowhere(page, answers, KEY);

  // The bid settings behind these bids are a click away.
  await card.getByRole('link', { name: 'Bid settings and what-if (Pricing) →' }).click();
  await expect(page.getByRole('heading', { name: 'Succinct bids' })).toBeVisible();
  await page.goBack();

  await removeCard(page, 'Succinct lab');
  // The one failed request is the key the core refused above; the browser logs it.
  expect(problems).toEqual([expect.stringContaining('status of 400')]);
});

test('"Generate a new key" makes a key in the keychain and shows its address', async ({ page, app }) => {
  const problems = watchPageProblems(page);
  await page.goto(`${app.url}#/markets`);
  await page.getByRole('button', { name: 'Connect to the Succinct Prover Network' }).click();
  const dialog = page.getByRole('dialog', { name: 'Connect to the Succinct Prover Network' });
  await dialog.getByLabel('Name').fill('Succinct generated');
  await dialog.getByLabel('RPC URL').fill(UNREACHABLE);
  await dialog.getByLabel('Throughput (PGU/s)').fill('1000');
  await dialog.getByLabel('Generate a new key').check();
  await expect(dialog.getByLabel('Private key', { exact: true })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(dialog).toHaveCount(0);

  const card = page.getByRole('region', { name: 'Succinct generated' });
  await expect(card.getByTestId('prover-address')).toHaveText(/^0x[0-9a-fA-F]{40}$/);
  await expect(card.getByTestId('prover-address')).not.toHaveText(new RegExp(ADDRESS, 'i'));
  await removeCard(page, 'Succinct generated');
  expect(problems).toEqual([]);
});
