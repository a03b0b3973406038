// The Pricing page's Succinct bids: with the practice Succinct network bidding, the what-if over its recent
// requests follows the margin as it is typed (before saving), a bad value is refused at its field, and saved
// settings are kept across a reload.
import { expect, test } from './app-fixture.js';
import { watchPageProblems } from './page-problems.js';
import { callCore, PRACTICE_DEFAULTS, setPracticeMarkets } from './support/core-api.js';

test.use({ practice: true });

test('the Succinct what-if follows the margin typed, and saved bid settings stay after a reload', async ({ page, app, request }) => {
  test.setTimeout(180_000);
  const problems = watchPageProblems(page);
  const { defaults } = (await callCore(request, app, 'query', 'pricing.succinct')) as { defaults: unknown };
  try {
    // Turning the market on is Markets' business (earnings-practice.spec.ts); here it only has to bid.
    await setPracticeMarkets(request, app, { 'practice-batch-api': false, 'practice-donation': false, 'practice-succinct': true });
    await page.goto(`${app.url}#/pricing`);
    const card = page.getByRole('region', { name: 'Succinct bids' });
    await expect(card.getByRole('table', { name: 'Example bids' }).locator('tbody tr')).toHaveCount(4);
    const margin = card.getByLabel('Bid margin (%)');
    await expect(margin).toHaveValue('20');
    await expect(card.getByLabel('PROVE price (US $)')).toHaveValue('0.4');

    // One request's row, found by its id, so that requests arriving meanwhile do not move it.
    const rows = card.getByRole('table', { name: 'What-if on recent requests' }).locator('tbody tr');
    await expect(rows.first()).toBeVisible({ timeout: 90_000 });
    const requestId = await rows.first().locator('td').first().getAttribute('title');
    const bid = rows.filter({ has: page.locator(`td[title="${requestId}"]`) }).getByTestId('what-if-bid');
    const before = (await bid.textContent())!;

    await margin.fill('12.345');
    await expect(margin).toHaveAccessibleDescription(/use at most two decimals/);
    await expect(card.getByRole('button', { name: 'Save bid settings' })).toBeDisabled();
    await margin.fill('1000');
    await expect(bid).not.toHaveText(before);
    expect(Number(await bid.textContent())).toBeGreaterThan(Number(before));
    await expect(card.getByText('Unsaved changes')).toBeVisible();
    await expect(card.getByTestId('what-if-total')).toContainText(/of \d+ requests within their max price/);

    await card.getByRole('button', { name: 'Save bid settings' }).click();
    await expect(card.getByRole('status')).toHaveText('Saved. Bids placed from now on use these settings.');
    await page.reload();
    await expect(margin).toHaveValue('1000');
    await expect(bid).toHaveText(/^\d+\.\d+$/);
    expect(problems).toEqual([]);
  } finally {
    await callCore(request, app, 'command', 'pricing.setSuccinct', { settings: defaults });
    await setPracticeMarkets(request, app, PRACTICE_DEFAULTS);
  }
});
