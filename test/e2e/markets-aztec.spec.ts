// Connecting an Aztec market for epoch proof quotes in Markets, the way a prover shop would: the dialog says at
// once that current Aztec networks take no quotes, checks what the core would (a malformed rollup address, no
// chain id), and an imported key shows only as its address (never the key, in the page or in any answer the page
// received). The card shows the statement, the prover address, the quote provider's address to give the prover
// node, and the chain and rollup; editing keeps the key. The node is unreachable here: this is about the
// connection's settings and the key, not about quoting (markets-aztec-practice.spec.ts quotes).
import { expect, test } from './app-fixture.js';
import { watchPageProblems } from './page-problems.js';
import { expectKeyNowhere, recordApiAnswers } from './support/key-secrecy.js';

const KEY = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
const ADDRESS = '0x2c7536E3605D9C16a7a3D7b1898e529396a65c23';
const ROLLUP = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const UNREACHABLE = 'http://127.0.0.1:9';
const STATEMENT = /^Aztec removed epoch proof quotes in February 2025 \(multi-proofs\): current Aztec networks accept no quotes\. This serves quote-era networks and forks that still use them\.$/;

test('an Aztec market connects with an imported key, shows its address and quote provider, and never the key', async ({ page, app }) => {
  test.setTimeout(90_000);
  const problems = watchPageProblems(page);
  const answers = recordApiAnswers(page);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.baseUrl.replace(/\/$/, '') });
  await page.goto(`${app.url}#/markets`);

  await page.getByRole('group', { name: 'Connect a market' }).getByRole('button', { name: 'Aztec epoch proof quotes' }).click();
  const dialog = page.getByRole('dialog', { name: 'Connect an Aztec market for epoch proof quotes' });
  await expect(dialog.getByRole('note')).toHaveText(STATEMENT);
  await expect(dialog.getByLabel('Quote provider host')).toHaveValue('127.0.0.1');
  await expect(dialog.getByLabel('Quote provider port')).toHaveValue('0');
  await expect(dialog.getByLabel('Slots per epoch')).toHaveValue('32');
  await expect(dialog.getByLabel('Sign quotes here and send them to the node')).toBeChecked();
  await expect(dialog.getByLabel('Import a private key')).toBeChecked();
  const key = dialog.getByLabel('Private key', { exact: true });
  await expect(key).toHaveAttribute('type', 'password');
  await expect(dialog.getByRole('group', { name: 'Signing key' })).toHaveAccessibleDescription(/OS keychain.*escrow on the rollup must hold the bond/);

  // Checked as the core would before anything is sent: a rollup address one digit short, and no chain id.
  await dialog.getByLabel('Name').fill('Aztec lab');
  await dialog.getByLabel('Node URL').fill(UNREACHABLE);
  const rollup = dialog.getByLabel('Rollup address');
  await rollup.fill(ROLLUP.slice(0, -1));
  await key.fill(KEY);
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(rollup).toHaveAccessibleDescription(/must be 0x and 40 hexadecimal digits/);
  await expect(dialog.getByLabel('Chain ID')).toHaveAccessibleDescription(/enter the L1 chain's id/);
  await expect(dialog).toBeVisible();

  await rollup.fill(ROLLUP);
  await dialog.getByLabel('Chain ID').fill('31337');
  await key.fill(KEY);
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText('Added Aztec lab.');

  const card = page.getByRole('region', { name: 'Aztec lab' });
  await expect(card.getByRole('note')).toHaveText(STATEMENT);
  await expect(card.getByTestId('prover-address')).toHaveText(new RegExp(`^${ADDRESS}$`, 'i'));
  await expect(card.getByTestId('aztec-chain-id')).toHaveText('31337');
  await expect(card.getByTestId('rollup-address')).toHaveText(new RegExp(`^${ROLLUP}$`, 'i'));
  // The quote provider starts within seconds of the market being added; the node being down does not stop it.
  const provider = card.getByTestId('provider-url');
  await expect(provider).toHaveText(/^http:\/\/127\.0\.0\.1:\d+$/, { timeout: 30_000 });
  await expect(card).toContainText("Set the prover node's QUOTE_PROVIDER_URL to this.");
  await card.getByRole('button', { name: "Copy the quote provider's address" }).click();
  await expect(card).toContainText('Copied.');
  expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(await provider.textContent());
  // What is wrong is said on the card: the L1 (the node's URL here) cannot be read.
  await expect(card.getByTestId('coordinator-status')).toHaveText(/^waiting: cannot read claims and payouts from L1/, { timeout: 30_000 });
  await expect(card.getByRole('region', { name: 'Quotes' })).toContainText('The node has not asked for a quote yet');
  await expect(card.getByRole('region', { name: 'Quotes' }).getByTestId('quotes-bonds-at-risk')).toHaveText('0.0000 FEE');

  // Editing keeps the key unless "Replace the key" is chosen; the key is never filled in.
  await card.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Aztec lab' });
  await expect(edit.getByLabel('Node URL')).toHaveValue(UNREACHABLE);
  await expect(edit.getByLabel('Chain ID')).toHaveValue('31337');
  await expect(edit.getByLabel('Replace the key')).not.toBeChecked();
  await expect(edit.getByLabel('Private key', { exact: true })).toHaveCount(0);
  await edit.getByLabel('Slots per epoch').fill('16');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toHaveCount(0);
  await expect(card).toContainText('epochs of 16 slots');
  await expect(card.getByTestId('prover-address')).toHaveText(new RegExp(`^${ADDRESS}$`, 'i'));

  await page.reload();
  await expect(card.getByTestId('prover-address')).toHaveText(new RegExp(`^${ADDRESS}$`, 'i'));
  await expectKeyNowhere(page, answers, KEY);

  await card.getByRole('button', { name: 'Remove' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove coordinator' });
  await expect(confirm).toContainText('signing key is deleted from the keychain');
  await confirm.getByRole('button', { name: 'Remove' }).click();
  await expect(card).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('an Aztec market whose prover node signs takes the node address instead of a key', async ({ page, app }) => {
  const problems = watchPageProblems(page);
  await page.goto(`${app.url}#/markets`);
  await page.getByRole('group', { name: 'Connect a market' }).getByRole('button', { name: 'Aztec epoch proof quotes' }).click();
  const dialog = page.getByRole('dialog', { name: 'Connect an Aztec market for epoch proof quotes' });
  await dialog.getByLabel('Name').fill('Node signs');
  await dialog.getByLabel('Node URL').fill(UNREACHABLE);
  await dialog.getByLabel('Chain ID').fill('31337');
  await dialog.getByLabel('Rollup address').fill(ROLLUP);
  await dialog.getByLabel('Sign quotes here and send them to the node').uncheck();
  // No key is asked for: the node signs; its address is how its claims and payouts are found.
  await expect(dialog.getByLabel('Import a private key')).toHaveCount(0);
  const address = dialog.getByLabel("Prover node's address");
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(address).toHaveAccessibleDescription(/is needed when the prover node signs/);
  await address.fill(ADDRESS.toLowerCase());
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(dialog).toHaveCount(0);

  const card = page.getByRole('region', { name: 'Node signs' });
  await expect(card.getByTestId('prover-address')).toHaveText(new RegExp(`^${ADDRESS}$`, 'i'));
  await card.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Node signs' });
  await expect(edit.getByLabel("Prover node's address")).toHaveValue(ADDRESS);
  await edit.getByRole('button', { name: 'Cancel' }).click();
  await card.getByRole('button', { name: 'Remove' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove coordinator' });
  await expect(confirm).not.toContainText('signing key'); // there is none here to lose
  await confirm.getByRole('button', { name: 'Remove' }).click();
  await expect(card).toHaveCount(0);
  expect(problems).toEqual([]);
});
