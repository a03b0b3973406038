// Bidding through core.dispatch as the UI calls it: the practice Succinct network turned on in Markets, bids
// placed and won, a proof delivered and paid; the bids ledger, the Succinct price examples and what-if, saving
// bid settings (bad ones refused by field), and the earnings summary with PROVE revenue beside USD cost.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarketBids, SuccinctPreview, SuccinctPricingView } from '../../../src-main/core/api/bidding-schemas.js';
import type { ApiResponse } from '../../../src-main/core/api/contract.js';
import type { EarningsSummary } from '../../../src-main/core/api/earnings-schemas.js';
import { startCore, type Core } from '../../../src-main/core/core.js';
import { createKeychain } from '../../../src-main/core/secrets/keychain.js';

const dataDir = mkdtempSync(join(tmpdir(), 'proverdesk-bidding-api-'));
const keychainService = `ProverDesk-test-${randomUUID()}`;
let core: Core;

const call = (kind: 'query' | 'command', name: string, input: unknown = {}): Promise<ApiResponse> => core.dispatch({ v: 1, kind, name, input });
async function result<T>(kind: 'query' | 'command', name: string, input: unknown = {}): Promise<T> {
  const answer = await call(kind, name, input);
  if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
  return answer.result as T;
}

beforeAll(async () => {
  core = await startCore({ dataDir, mode: 'headless', appVersion: '0.0.0-test', sampleIntervalMs: 1000, keychainService, practice: true, practicePackagesDir: join(process.cwd(), 'dist', 'practice') });
}, 60_000);

afterAll(async () => {
  await core?.close();
  const keychain = createKeychain({ service: keychainService });
  for (const account of await keychain.listAccounts().catch(() => [])) await keychain.delete(account);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('bidding through the API', () => {
  it('bids on the practice Succinct network once it is turned on, wins, proves and is paid', async () => {
    for (const id of ['practice-batch-api', 'practice-donation']) await result('command', 'coordinators.setEnabled', { id, enabled: false });
    await result('command', 'coordinators.setEnabled', { id: 'practice-succinct', enabled: true });
    await expect
      .poll(async () => (await result<EarningsSummary>('query', 'earnings.summary', { sinceMs: 0, bucketMs: 3_600_000 })).markets.find((m) => m.currency === 'PROVE')?.revenueMinor ?? '0', { timeout: 120_000, interval: 1_000 })
      .not.toBe('0');
    const bids = await result<MarketBids>('query', 'markets.bids', { coordinatorId: 'practice-succinct' });
    expect(bids.counts.won).toBeGreaterThanOrEqual(1);
    const won = bids.bids.find((b) => b.outcome === 'won' && b.job?.state === 'accepted')!;
    expect(won).toMatchObject({ coordinatorName: 'Practice (Succinct network)', program: expect.stringMatching(/^poseidon-chain-/) });
    expect(BigInt(won.amountWeiPerPgu!)).toBeLessThanOrEqual(BigInt(won.maxPriceWeiPerPgu!));

    const summary = await result<EarningsSummary>('query', 'earnings.summary', { sinceMs: 0, bucketMs: 3_600_000 });
    expect(summary.currencies).toEqual(
      expect.arrayContaining([
        { currency: 'PROVE', decimals: 18, usdMicrosPerUnit: 400_000 },
        { currency: 'USD', decimals: 9, usdMicrosPerUnit: 1_000_000 },
      ]),
    );
    const prove = summary.markets.find((m) => m.currency === 'PROVE')!;
    expect(prove).toMatchObject({ coordinatorId: 'practice-succinct', name: 'Practice (Succinct network)', kind: 'practice succinct', costMinor: '0' });
    expect(summary.markets.find((m) => m.coordinatorId === 'practice-succinct' && m.currency === 'USD')).toBeDefined();
    expect(summary.buckets.filter((b) => b.currency === 'PROVE').reduce((sum, b) => sum + BigInt(b.revenueMinor), 0n)).toBe(BigInt(prove.revenueMinor));
  }, 180_000);

  it('shows example prices, previews other settings against recent requests, and saves them', async () => {
    const view = await result<SuccinctPricingView>('query', 'pricing.succinct');
    expect(view.calibrated).toBe(true);
    expect(view.examples.map((e) => e.gasLimit)).toEqual(['4096', '16384', '65536', '1048576']);
    for (const example of view.examples) expect(BigInt(example.bidWeiPerPgu)).toBeGreaterThanOrEqual(BigInt(example.breakEvenWeiPerPgu));

    // Twice the margin, half the PROVE price: every previewed bid goes up.
    const dearer = { ...view.settings, proveUsdMicros: view.settings.proveUsdMicros / 2, marginBasisPoints: view.settings.marginBasisPoints * 2 };
    const preview = await result<SuccinctPreview>('query', 'pricing.succinctPreview', { settings: dearer });
    expect(preview.requests.length).toBeGreaterThan(0);
    for (const request of preview.requests.filter((r) => r.recordedAmountWeiPerPgu !== null)) {
      expect(BigInt(request.amountWeiPerPgu)).toBeGreaterThan(BigInt(request.recordedAmountWeiPerPgu!));
    }
    const floor = { ...view.settings, floorWeiPerPgu: '10000000000' };
    const floored = await result<SuccinctPreview>('query', 'pricing.succinctPreview', { settings: floor });
    expect(floored.withinMaxPrice).toBe(0); // the practice max is 2 PROVE per bPGU; a 10 PROVE floor is above every one

    const saved = await result<SuccinctPricingView>('command', 'pricing.setSuccinct', { settings: dearer });
    expect(saved.settings).toEqual(dearer);
    expect((await result<SuccinctPricingView>('query', 'pricing.succinct')).settings).toEqual(dearer);
    const refused = await call('command', 'pricing.setSuccinct', { settings: { ...dearer, floorWeiPerPgu: '-5' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('settings.floorWeiPerPgu') } });
  });
});
