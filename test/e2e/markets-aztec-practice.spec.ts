// A prover shop trying Aztec epoch proof quotes on the practice node: turned on in Markets (the other practice
// markets off), its card says that current Aztec networks take no quotes, shows the prover address and where the
// quote provider listens, and its Quotes panel shows quotes answered and sent to the node, then an epoch claimed
// with one of them and its payout; the Earnings page lists the market's FEE revenue. On Pricing, the Aztec quotes
// card's what-if over those epochs follows the margin as it is typed. The practice node's epochs last 12 s and its
// claims and payouts are read every 15 s, so the waits are generous; nothing here times the app.
import { expect, test } from './app-fixture.js';
import { watchPageProblems } from './page-problems.js';
import { disablePracticeJobMarkets } from './support/practice-markets-ui.js';
import { callCore, PRACTICE_DEFAULTS, setPracticeMarkets } from './support/core-api.js';

test.use({ practice: true });

const EPOCHS_WAIT = { timeout: 90_000 };

test('the practice Aztec node asks for quotes, claims an epoch with one, pays FEE, and Earnings shows it', async ({ page, app, request }) => {
  test.setTimeout(300_000);
  const problems = watchPageProblems(page);
  try {
    await page.goto(`${app.url}#/markets`);
    await disablePracticeJobMarkets(page);
    await expect(page.getByRole('region', { name: 'Practice (Succinct network)' }).getByTestId('coordinator-status')).toHaveText('disabled');
    const aztec = page.getByRole('region', { name: 'Practice (Aztec quotes)' });
    await expect(aztec.getByTestId('coordinator-status')).toHaveText('disabled');
    await expect(aztec.getByRole('note')).toContainText('Aztec removed epoch proof quotes in February 2025 (multi-proofs): current Aztec networks accept no quotes.');
    await aztec.getByRole('button', { name: 'Enable' }).click();
    await expect(aztec.getByTestId('coordinator-status')).not.toHaveText('disabled');

    // The practice row carries its public settings, as a real one does.
    await expect(aztec.getByTestId('prover-address')).toHaveText(/^0x[0-9a-fA-F]{40}$/);
    await expect(aztec.getByTestId('provider-url')).toHaveText(/^http:\/\/127\.0\.0\.1:\d+$/, { timeout: 30_000 });
    await expect(aztec.getByTestId('coordinator-status')).toHaveText('active');
    await expect(aztec.getByTestId('rollup-address')).toHaveText(/^0x[0-9a-fA-F]{40}$/);

    const quotes = aztec.getByRole('region', { name: 'Quotes' });
    await expect(quotes.getByTestId('quotes-quoted')).not.toHaveText('0', EPOCHS_WAIT);
    const rows = quotes.getByRole('table', { name: 'Recent epochs' }).getByTestId('quote-row');
    await expect(rows.filter({ has: page.getByTestId('quote-submitted').getByText('sent', { exact: true }) }).first()).toBeVisible();
    await expect(rows.filter({ hasText: /[\d,]+ bp \([\d.]+ %\)/ }).first()).toBeVisible();
    await expect(quotes.getByTestId('quotes-claimed')).not.toHaveText('0', EPOCHS_WAIT);
    await expect(quotes.getByTestId('quotes-paid')).not.toHaveText('0', EPOCHS_WAIT);
    const paid = rows.filter({ hasText: 'quoted · paid' }).first().getByTestId('quote-payout');
    await expect(paid).toHaveText(/^[\d,.]+ FEE$/);
    expect(Number((await paid.textContent())!.replace(/[, FE]/g, ''))).toBeGreaterThan(0);
    await expect(quotes.getByTestId('quotes-bonds-at-risk')).toHaveText(/^[\d,.]+ FEE$/);

    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Earnings' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Earnings' })).toBeVisible();
    const market = page.getByRole('table', { name: 'Earnings by market' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Practice (Aztec quotes)' }) });
    await expect(market).toContainText('Practice · Aztec epoch proof quotes');
    const revenue = market.getByTestId('market-revenue');
    await expect(revenue).toHaveText(/^[\d,.]+ FEE$/, EPOCHS_WAIT);
    expect(Number((await revenue.textContent())!.replace(/[, FE]/g, ''))).toBeGreaterThan(0);
    await expect(page.getByTestId('total-revenue')).toContainText('FEE');
    expect(problems).toEqual([]);
  } finally {
    // The practice markets as the other specs sharing this app expect them.
    await setPracticeMarkets(request, app, PRACTICE_DEFAULTS);
  }
});

test('the Aztec quotes what-if follows the margin typed, a bad value is refused at its field, and saved settings stay after a reload', async ({ page, app, request }) => {
  test.setTimeout(180_000);
  const problems = watchPageProblems(page);
  const { defaults } = (await callCore(request, app, 'query', 'pricing.aztec')) as { defaults: unknown };
  try {
    // Turning the market on is Markets' business (the test above); here it only has to be asked for quotes.
    await setPracticeMarkets(request, app, { 'practice-batch-api': false, 'practice-donation': false, 'practice-aztec': true });
    await page.goto(`${app.url}#/pricing`);
    const card = page.getByRole('region', { name: 'Aztec quotes' });
    const margin = card.getByLabel('Quote margin (%)');
    await expect(margin).toHaveValue('20');
    await expect(card.getByLabel('Cost per tx (US $)')).toHaveValue('0.01');
    await expect(card.getByLabel('Cost per epoch (US $)')).toHaveValue('1');
    await expect(card.getByLabel('Max fee (%)')).toHaveValue('100');
    await expect(card.getByLabel('Bond (FEE)')).toHaveValue('1000');

    // One epoch's row, found by its number, so that epochs asked about meanwhile do not move it.
    const rows = card.getByRole('table', { name: 'What-if on recent epochs' }).locator('tbody tr');
    await expect(rows.first()).toBeVisible({ timeout: 90_000 });
    const epoch = await rows.first().getAttribute('data-epoch');
    const fee = card.locator(`tbody tr[data-epoch="${epoch}"]`).getByTestId('aztec-what-if-fee');
    await expect(fee).toHaveText(/^[\d,]+ bp \([\d.]+ %\)$/);
    const before = Number(await fee.getAttribute('data-basis-points'));

    await margin.fill('12.345');
    await expect(margin).toHaveAccessibleDescription(/use at most two decimals/);
    await expect(card.getByRole('button', { name: 'Save quote settings' })).toBeDisabled();
    const maxFee = card.getByLabel('Max fee (%)');
    await maxFee.fill('150');
    await expect(maxFee).toHaveAccessibleDescription(/must be at most 100/);
    await maxFee.fill('100');
    await margin.fill('1000');
    await expect.poll(async () => Number(await fee.getAttribute('data-basis-points'))).toBeGreaterThan(before);
    await expect(card.getByText('Unsaved changes')).toBeVisible();
    await expect(card.getByTestId('aztec-what-if-total')).toContainText(/^\d+ of \d+ epochs quoted; claimed and proven, they would earn [\d,.]+ FEE/);

    await card.getByRole('button', { name: 'Save quote settings' }).click();
    await expect(card.getByRole('status')).toHaveText('Saved. Quotes answered from now on use these settings.');
    await page.reload();
    await expect(margin).toHaveValue('1000');
    await expect(fee).toHaveText(/^[\d,]+ bp \([\d.]+ %\)$/);
    await card.getByRole('button', { name: 'Reset quote settings to defaults' }).click();
    await expect(margin).toHaveValue('20');
    await expect(card.getByText('Unsaved changes')).toBeVisible();
    expect(problems).toEqual([]);
  } finally {
    await callCore(request, app, 'command', 'pricing.setAztec', { settings: defaults });
    await setPracticeMarkets(request, app, PRACTICE_DEFAULTS);
  }
});
