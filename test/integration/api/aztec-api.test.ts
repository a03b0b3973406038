// The Aztec quote market through core.dispatch as the UI calls it: the practice Aztec node turned on in Markets
// (quotes answered, signed, sent, claims won and paid into the ledger), a real Aztec coordinator added with an
// imported key pointed at a sandbox node (the provider's address shown, the key never), its quote settings saved
// and previewed, and the quote ledger with the bonds at risk.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AztecPreview, AztecPricingView, MarketQuotes } from '../../../src-main/core/api/aztec-schemas.js';
import type { ApiResponse } from '../../../src-main/core/api/contract.js';
import type { EarningsSummary } from '../../../src-main/core/api/earnings-schemas.js';
import type { CoordinatorRow } from '../../../src-main/core/api/market-schemas.js';
import { startAztecSandbox, type AztecSandbox } from '../../../src-main/core/coordinators/aztec/sandbox-node.js';
import { startCore, type Core } from '../../../src-main/core/core.js';
import { toHex } from '../../../src-main/core/secrets/eth-signer.js';
import { createKeychain } from '../../../src-main/core/secrets/keychain.js';

const dataDir = mkdtempSync(join(tmpdir(), 'proverdesk-aztec-api-'));
const keychainService = `ProverDesk-test-${randomUUID()}`;
const KEY = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
const ADDRESS = '0x2c7536E3605D9C16a7a3D7b1898e529396a65c23';
let core: Core;
let node: AztecSandbox;

const call = (kind: 'query' | 'command', name: string, input: unknown = {}): Promise<ApiResponse> => core.dispatch({ v: 1, kind, name, input });
async function result<T>(kind: 'query' | 'command', name: string, input: unknown = {}): Promise<T> {
  const answer = await call(kind, name, input);
  if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
  return answer.result as T;
}
const rows = async () => (await result<{ coordinators: CoordinatorRow[] }>('query', 'coordinators.list')).coordinators;

beforeAll(async () => {
  node = await startAztecSandbox({ slotMs: 0, slotsPerEpoch: 4, claimDurationSlots: 2, feePerTxWei: 10n ** 18n, escrowDepositsWei: new Map([[ADDRESS, 10n ** 24n]]) });
  core = await startCore({ dataDir, mode: 'headless', appVersion: '0.0.0-test', sampleIntervalMs: 1000, keychainService, practice: true, practicePackagesDir: join(process.cwd(), 'dist', 'practice') });
  for (const id of ['practice-batch-api', 'practice-donation']) await result('command', 'coordinators.setEnabled', { id, enabled: false });
}, 60_000);

afterAll(async () => {
  await core?.close();
  await node?.close();
  const keychain = createKeychain({ service: keychainService });
  for (const account of await keychain.listAccounts().catch(() => [])) await keychain.delete(account);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('Aztec quotes through the API', () => {
  it('quotes for the practice Aztec node once it is turned on, wins claims and books the payouts', async () => {
    await result('command', 'coordinators.setEnabled', { id: 'practice-aztec', enabled: true });
    await expect
      .poll(async () => (await result<MarketQuotes>('query', 'markets.quotes', { coordinatorId: 'practice-aztec' })).counts.paid, { timeout: 90_000, interval: 1_000 })
      .toBeGreaterThan(0);
    const ledger = await result<MarketQuotes>('query', 'markets.quotes', { coordinatorId: 'practice-aztec' });
    const paid = ledger.quotes.find((q) => q.payoutWei !== null)!;
    expect(paid).toMatchObject({ coordinatorName: 'Practice (Aztec quotes)', outcome: 'quoted', submitted: 'sent' });
    expect(BigInt(paid.payoutWei!)).toBeGreaterThan(0n);
    const summary = await result<EarningsSummary>('query', 'earnings.summary', { sinceMs: 0, bucketMs: 3_600_000 });
    expect(summary.markets.find((m) => m.coordinatorId === 'practice-aztec' && m.currency === 'FEE')).toMatchObject({ name: 'Practice (Aztec quotes)', revenueMinor: expect.stringMatching(/^[1-9]\d*$/) });
    expect(summary.currencies).toEqual(expect.arrayContaining([{ currency: 'FEE', decimals: 18, usdMicrosPerUnit: 1_000_000 }]));
    const row = (await rows()).find((c) => c.id === 'practice-aztec')!;
    // Running well: nothing to wait for, and where the node should send its requests.
    expect(row).toMatchObject({ idleReason: null, aztec: { providerUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) } });
    // Every quote is paid, lost, won and awaiting its payout, or still in its claim phase.
    const undecided = ledger.quotes.filter((q) => q.outcome === 'quoted' && q.won === null).length;
    const wonUnpaid = ledger.quotes.filter((q) => q.won === true && q.payoutWei === null).length;
    expect(ledger.counts.quoted).toBe(ledger.counts.paid + ledger.counts.lost + wonUnpaid + undecided);
    expect(ledger.quotes.filter((q) => q.won === false)).toHaveLength(ledger.counts.lost);
    // Each payout comes with the epoch's proving cost at the user's settings, so Earnings sets one against the other.
    expect(summary.markets.find((m) => m.coordinatorId === 'practice-aztec' && m.currency === 'USD')).toMatchObject({ costMinor: expect.stringMatching(/^[1-9]\d*$/) });
    await result('command', 'coordinators.setEnabled', { id: 'practice-aztec', enabled: false });
  }, 120_000);

  it('adds an Aztec coordinator with an imported key, answers its node and shows only the address', async () => {
    const added = await result<{ id: string }>('command', 'coordinators.add', {
      kind: 'aztec',
      name: 'Aztec fork',
      nodeUrl: node.url,
      chainId: node.chainId,
      rollupAddress: toHex(node.rollupAddress),
      slotsPerEpoch: 4,
      key: { source: 'import', privateKey: KEY },
    });
    const row = await expect.poll(async () => (await rows()).find((c) => c.id === added.id)?.aztec?.providerUrl ?? null).not.toBeNull().then(async () => (await rows()).find((c) => c.id === added.id)!);
    expect(row).toMatchObject({ kind: 'aztec', signerAddress: ADDRESS, pausedReason: null, aztec: { chainId: 31337, submitQuotes: true, slotsPerEpoch: 4 } });
    expect(JSON.stringify(await rows())).not.toContain(KEY.slice(2));
    node.setQuoteProviderUrl(row.aztec!.providerUrl!);
    await node.advanceEpoch();
    await expect.poll(async () => (await result<MarketQuotes>('query', 'markets.quotes', { coordinatorId: added.id })).quotes.map((q) => [q.outcome, q.submitted])).toEqual([['quoted', 'sent']]);

    // A wrong chain id: the digest check against the rollup pauses it with the reason.
    const wrong = await result<{ id: string }>('command', 'coordinators.add', { kind: 'aztec', name: 'Wrong chain', nodeUrl: node.url, chainId: 1, rollupAddress: toHex(node.rollupAddress), key: { source: 'generate' } });
    await expect.poll(async () => (await rows()).find((c) => c.id === wrong.id)?.pausedReason ?? '').toContain('digest mismatch');
    const refused = await call('command', 'coordinators.add', { kind: 'aztec', name: 'Bad', nodeUrl: node.url, chainId: 1, rollupAddress: '0x12', key: { source: 'generate' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('rollupAddress') } });
  }, 60_000);

  it('answers for a prover node that signs its own quotes, with no key kept here', async () => {
    const added = await result<{ id: string }>('command', 'coordinators.add', {
      kind: 'aztec',
      name: 'Node signs',
      nodeUrl: node.url,
      chainId: node.chainId,
      rollupAddress: toHex(node.rollupAddress),
      slotsPerEpoch: 4,
      submitQuotes: false,
      proverAddress: ADDRESS.toLowerCase(),
    });
    await expect.poll(async () => (await rows()).find((c) => c.id === added.id)?.aztec?.providerUrl ?? null).not.toBeNull();
    const row = (await rows()).find((c) => c.id === added.id)!;
    expect(row).toMatchObject({ signerAddress: ADDRESS, pausedReason: null, aztec: { submitQuotes: false } });
    const keychain = createKeychain({ service: keychainService });
    expect((await keychain.listAccounts()).filter((account) => account.includes(added.id))).toEqual([]);
    node.setQuoteProviderUrl(row.aztec!.providerUrl!);
    await node.advanceEpoch();
    await expect.poll(async () => (await result<MarketQuotes>('query', 'markets.quotes', { coordinatorId: added.id })).quotes.map((q) => [q.outcome, q.submitted])).toEqual([['quoted', 'not-configured']]);
    expect(await call('command', 'coordinators.add', { kind: 'aztec', name: 'Nobody', nodeUrl: node.url, chainId: 1, rollupAddress: toHex(node.rollupAddress), submitQuotes: false })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: expect.stringContaining('proverAddress') },
    });
  });

  it('saves quote settings, refuses bad ones by field, and previews recent epochs under new ones', async () => {
    const view = await result<AztecPricingView>('query', 'pricing.aztec');
    const dearer = { ...view.settings, marginBasisPoints: view.settings.marginBasisPoints + 10_000 };
    const preview = await result<AztecPreview>('query', 'pricing.aztecPreview', { settings: dearer });
    expect(preview.epochs.length).toBeGreaterThan(0);
    for (const epoch of preview.epochs.filter((e) => e.recordedBasisPointFee !== null && e.basisPointFee !== null)) {
      expect(epoch.basisPointFee!).toBeGreaterThan(epoch.recordedBasisPointFee!);
    }
    expect((await result<AztecPricingView>('command', 'pricing.setAztec', { settings: dearer })).settings).toEqual(dearer);
    expect(await call('command', 'pricing.setAztec', { settings: { ...dearer, bondWei: '999' } })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: expect.stringContaining('settings.bondWei') },
    });
  });
});
