// A prover shop trying bidding on the practice Succinct network: turned on in Markets (the other practice
// markets off), its Bids panel shows bids placed and auctions won, a won request is proven and accepted, and
// the Earnings page shows the market's PROVE revenue beside the proofs' cost. Auctions take seconds and the
// practice requester posts every 20 s, so the waits are generous; nothing here times the app.
import { expect, test } from './app-fixture.js';
import { watchPageProblems } from './page-problems.js';
import { disablePracticeJobMarkets } from './support/practice-markets-ui.js';
import { PRACTICE_DEFAULTS, setPracticeMarkets } from './support/core-api.js';

test.use({ practice: true });

const AUCTION_WAIT = { timeout: 90_000 };

test('the practice Succinct network bids, wins, proves and is paid in PROVE, and Earnings shows it against the cost', async ({ page, app, request }) => {
  test.setTimeout(300_000);
  const problems = watchPageProblems(page);
  try {
    await page.goto(`${app.url}#/markets`);
    await disablePracticeJobMarkets(page);
    const succinct = page.getByRole('region', { name: 'Practice (Succinct network)' });
    await expect(succinct.getByTestId('coordinator-status')).toHaveText('disabled');
    await succinct.getByRole('button', { name: 'Enable' }).click();
    await expect(succinct.getByTestId('coordinator-status')).not.toHaveText('disabled');

    const bids = succinct.getByRole('region', { name: 'Bids' });
    await expect(bids.getByTestId('bids-placed')).not.toHaveText('0', AUCTION_WAIT);
    await expect(bids.getByTestId('bids-won')).not.toHaveText('0', AUCTION_WAIT);
    const recent = bids.getByRole('table', { name: 'Recent requests' });
    await expect(recent.getByRole('row').filter({ hasText: 'won · accepted' }).first()).toBeVisible(AUCTION_WAIT);
    await expect(recent.getByRole('row').filter({ hasText: /poseidon-chain-/ }).first()).toBeVisible();
    await expect(succinct.getByTestId('coordinator-jobs')).not.toHaveText(/^0 accepted/);

    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Earnings' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Earnings' })).toBeVisible();
    const market = page.getByRole('table', { name: 'Earnings by market' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Practice (Succinct network)' }) });
    const revenue = market.getByTestId('market-revenue');
    await expect(revenue).toHaveText(/^[\d,.]+ PROVE$/, AUCTION_WAIT);
    expect(Number((await revenue.textContent())!.replace(/[, PROVE]/g, ''))).toBeGreaterThan(0);
    const cost = market.getByTestId('market-cost');
    await expect(cost).toHaveText(/^\$[\d,.]+$/);
    expect(Number((await cost.textContent())!.replace(/[$,]/g, ''))).toBeGreaterThan(0);
    await expect(page.getByRole('img', { name: /Revenue and cost in dollars per day/ })).toBeVisible();
    await expect(page.getByTestId('total-revenue')).toContainText('PROVE');

    // Every range reads the same ledger; the last 24 hours hold all of it, in hourly buckets.
    await page.getByRole('group', { name: 'Earnings range' }).getByRole('button', { name: '24 hours' }).click();
    await expect(page.getByRole('img', { name: /per hour/ })).toBeVisible();
    await expect(revenue).toHaveText(/PROVE$/);
    expect(problems).toEqual([]);
  } finally {
    // The practice markets as the other specs sharing this app expect them.
    await setPracticeMarkets(request, app, PRACTICE_DEFAULTS);
  }
});
