// The Aztec quote service as the app runs it, over real loopback HTTP with a real SQLite file and the real
// keychain: a sandbox quote-era node (time advanced by hand) asks the service's provider for a quote at each
// epoch end; the service prices it with the saved settings, signs it with the keychain key, sends it to the
// node and records it; the claim and the payout are read back from L1 into the quote ledger and booked once as
// a FEE reward. Also the declines and refusals, the reasons a coordinator is paused, an outage of the node while
// polling, and the practice network.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { AztecConfigInput } from '../../../src-main/core/coordinators/aztec/config.js';
import { AztecNodeClient } from '../../../src-main/core/coordinators/aztec/node-rpc-client.js';
import { recoverQuoteSigner, signQuote } from '../../../src-main/core/coordinators/aztec/quote-digest.js';
import { FEE_CURRENCY, startAztecQuoteService, type AztecQuoteService } from '../../../src-main/core/coordinators/aztec/quote-service.js';
import { NO_EXPIRY_SLOT } from '../../../src-main/core/coordinators/aztec/quote-wire.js';
import { startAztecSandbox, type AztecSandbox, type SandboxEvent } from '../../../src-main/core/coordinators/aztec/sandbox-node.js';
import type { Logger } from '../../../src-main/core/log/logger.js';
import { listenOnLoopback } from '../../../src-main/core/net/loopback-server.js';
import { loadAztecQuoteSettings, saveAztecQuoteSettings } from '../../../src-main/core/pricing/aztec-quote-settings.js';
import { DEFAULT_AZTEC_QUOTE_SETTINGS, quoteEpoch, type AztecQuoteSettings } from '../../../src-main/core/pricing/aztec-quote-strategy.js';
import { PRACTICE_AZTEC_ID, startPracticeAztec } from '../../../src-main/core/practice/practice-aztec.js';
import { fromHex, generatePrivateKey, sameBytes, toHex } from '../../../src-main/core/secrets/eth-signer.js';
import { createKeychain } from '../../../src-main/core/secrets/keychain.js';
import { generateSigningKey, signerAccount, signerFromKey } from '../../../src-main/core/secrets/signing-keys.js';
import { openStore } from '../../../src-main/core/store/open-store.js';
import type { Store } from '../../../src-main/core/store/store.js';

const ETH = 10n ** 18n;
const BOND_WEI = 100n * ETH;
const REWARD_PER_BLOCK_WEI = 50n * ETH;
const FEE_PER_TX_WEI = 10n ** 15n;
const POLL_MS = 50;

const keychain = createKeychain({ service: `ProverDeskTest-${randomBytes(4).toString('hex')}` });
const scratch = mkdtempSync(join(tmpdir(), 'proverdesk-aztec-service-'));
const accounts = new Set<string>();
const rival = signerFromKey(generatePrivateKey());

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  for (const account of accounts) await keychain.delete(account).catch(() => false);
  rmSync(scratch, { recursive: true, force: true });
});

/** $1 a fee token; 100 ¢ an epoch plus 5 ¢ a tx; 20 % margin; the sandbox's 50-token block reward; valid 2 slots after the epoch. */
const SETTINGS: AztecQuoteSettings = {
  costCentsPerTx: 5,
  costCentsPerEpoch: 100,
  feeTokenUsdMicros: 1_000_000,
  rewardPerBlockWei: REWARD_PER_BLOCK_WEI,
  marginBasisPoints: 2_000,
  maxBasisPointFee: 10_000,
  bondWei: BOND_WEI,
  validForSlots: 2,
};

/** A logger that keeps its lines, to check what was logged (and that no secret was). */
function keptLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => lines.push(`info ${message}`),
    warn: (message) => lines.push(`warn ${message}`),
    error: (message, error) => lines.push(`error ${message}${error === undefined ? '' : `: ${String(error)}`}`),
  };
}

function freshStore(): Store {
  const store = openStore(join(scratch, `${randomUUID()}.db`));
  cleanups.push(() => store.close());
  return store;
}

/** Four slots an epoch, a two-slot claim phase, one block a slot with four txs; our key and the rival's escrow funded. */
async function sandboxFor(prover: string): Promise<AztecSandbox> {
  const sandbox = await startAztecSandbox({
    slotMs: 0,
    slotsPerEpoch: 4,
    claimDurationSlots: 2,
    txsPerBlock: 4,
    feePerTxWei: FEE_PER_TX_WEI,
    rewardPerBlockWei: REWARD_PER_BLOCK_WEI,
    escrowDepositsWei: new Map([
      [prover, 1000n * ETH],
      [rival.addressText, 1000n * ETH],
    ]),
  });
  cleanups.push(() => sandbox.close());
  return sandbox;
}

/** A coordinator id with a fresh key in the keychain; returns the key's address. */
async function coordinatorWithKey(): Promise<{ id: string; address: string }> {
  const id = `aztec-${randomBytes(4).toString('hex')}`;
  accounts.add(signerAccount(id));
  return { id, address: await generateSigningKey(keychain, id) };
}

function configFor(sandbox: AztecSandbox, signerAddress: string, change: Partial<AztecConfigInput> = {}): Record<string, unknown> {
  return { nodeUrl: sandbox.url, chainId: sandbox.chainId, rollupAddress: toHex(sandbox.rollupAddress), slotsPerEpoch: 4, signerAddress, ...change };
}

async function running(started: AztecQuoteService | { pause: string }): Promise<AztecQuoteService> {
  if ('pause' in started) throw new Error(`the service paused: ${started.pause}`);
  cleanups.push(() => started.close());
  return started;
}

const ofKind = <K extends SandboxEvent['kind']>(sandbox: AztecSandbox, kind: K) =>
  sandbox.events().filter((event): event is Extract<SandboxEvent, { kind: K }> => event.kind === kind);

const feeRewards = (store: Store) => store.earnings.list({ sinceMs: 0, untilMs: Date.now() + 1 }).filter((entry) => entry.currency === FEE_CURRENCY);

/** Waits until the service has read L1 twice more after now. */
async function twoMorePolls(service: AztecQuoteService): Promise<void> {
  const since = Date.now();
  await expect.poll(() => service.status().lastOutcomeCheckAtMs ?? 0).toBeGreaterThanOrEqual(since + 2 * POLL_MS);
}

describe('the Aztec quote service', () => {
  it('quotes an epoch at the strategy’s price, signs and sends it, wins over a dearer rival, and books the payout once', async () => {
    const { id, address } = await coordinatorWithKey();
    const sandbox = await sandboxFor(address);
    const store = freshStore();
    saveAztecQuoteSettings(store.settings, SETTINGS);
    const logger = keptLogger();
    const service = await running(await startAztecQuoteService({ coordinator: { id, name: 'Aztec test', config: configFor(sandbox, address) }, store, keychain, logger, pollMs: POLL_MS }));
    sandbox.setQuoteProviderUrl(service.providerUrl);

    await sandbox.advanceEpoch();
    // Epoch 0: blocks 1-4, 16 txs. Cost 100 + 16 × 5 = 180 ¢ = 1.8 tokens, 2.16 with margin; the pool is
    // 0.016 tokens of fees + 4 × 50 of reward = 200.016: 10000 × 2.16 / 200.016 = 107.99 → 108 bp.
    // Valid until 2 slots after the epoch's end: slot 4 + 2.
    const request = { epochNumber: 0, fromBlock: 1, toBlock: 4, totalFeesWei: 16n * FEE_PER_TX_WEI, txCount: 16 };
    expect(quoteEpoch(loadAztecQuoteSettings(store.settings), request, 4n)).toMatchObject({ basisPointFee: 108, bondAmountWei: BOND_WEI, validUntilSlot: 6n });
    await expect.poll(() => store.aztecQuotes.get(id, 0n)?.submitted).toBe('sent');
    expect(store.aztecQuotes.get(id, 0n)).toMatchObject({
      coordinatorId: id,
      epoch: 0n,
      fromBlock: 1,
      toBlock: 4,
      txCount: 16,
      totalFeesWei: 16n * FEE_PER_TX_WEI,
      outcome: 'quoted',
      basisPointFee: 108,
      bondWei: BOND_WEI,
      validUntilSlot: 6n,
      reason: null,
      claimedAtMs: null,
    });
    expect(ofKind(sandbox, 'quote-received')).toEqual([{ kind: 'quote-received', epoch: 0n, basisPointFee: 108, bondAmount: BOND_WEI, validUntilSlot: 6n }]);

    // In the node's pool: our quote, signed by the keychain key for the rollup's domain.
    const node = new AztecNodeClient({ url: sandbox.url });
    const [ours] = await node.getEpochProofQuotes(0n);
    expect(ours!.payload).toMatchObject({ epochToProve: 0n, basisPointFee: 108, bondAmount: BOND_WEI, validUntilSlot: 6n });
    expect(sameBytes(recoverQuoteSigner(ours!, sandbox.domain), fromHex(address, 20))).toBe(true);

    // A rival asks 400 bp: the proposer of slot 4 claims with ours, and the bond is staked.
    await node.addEpochProofQuote(signQuote({ epochToProve: 0n, validUntilSlot: NO_EXPIRY_SLOT, bondAmount: BOND_WEI, prover: rival.address, basisPointFee: 400 }, rival, sandbox.domain));
    await sandbox.advanceSlot();
    const [claimed] = ofKind(sandbox, 'claimed');
    expect(claimed).toMatchObject({ epoch: 0n, bondProvider: address, basisPointFee: 108 });
    await expect.poll(() => store.aztecQuotes.get(id, 0n)?.claimL1Block).toBe(Number(claimed!.l1Block));
    expect(store.aztecQuotes.bondsAtRiskWei(id)).toBe(BOND_WEI);
    expect(store.aztecQuotes.bondsAtRiskWei()).toBe(BOND_WEI);

    // The proof lands a slot later: 108 bp of each block's reward and fees, paid to us and booked as a FEE reward.
    await sandbox.advanceSlot();
    const [proven] = ofKind(sandbox, 'proven');
    const payoutWei = 4n * (((REWARD_PER_BLOCK_WEI + 4n * FEE_PER_TX_WEI) * 108n) / 10_000n);
    expect(proven).toMatchObject({ epoch: 0n, payoutWei });
    await expect.poll(() => feeRewards(store)).toEqual([
      expect.objectContaining({ kind: 'reward', coordinatorId: id, amountMinor: payoutWei, note: `epoch 0: 108 bp of the epoch's rewards and fees (L1 block ${proven!.l1Block})` }),
    ]);
    expect(store.aztecQuotes.get(id, 0n)).toMatchObject({ payoutWei, paidL1Block: Number(proven!.l1Block) });
    expect(store.aztecQuotes.bondsAtRiskWei(id)).toBe(0n);
    expect(store.aztecQuotes.lastL1Block(id)).toBe(proven!.l1Block);

    // Exactly once: more polls, and a restart of the service over the same ledger, book nothing again.
    await twoMorePolls(service);
    await service.close();
    expect(service.status().state).toBe('closed');
    const again = await running(await startAztecQuoteService({ coordinator: { id, name: 'Aztec test', config: configFor(sandbox, address) }, store, keychain, logger, pollMs: POLL_MS }));
    await twoMorePolls(again);
    expect(feeRewards(store)).toHaveLength(1);
    expect(again.status()).toMatchObject({ state: 'running', reason: null, lastQuoteAtMs: null });
    expect(logger.lines).toContain(`info Aztec test: epoch 0 quoted at 108 bp with a bond of ${BOND_WEI} wei, sent to the node`);
  });

  it('declines an epoch its fees cannot pay for (503, with the reason recorded) and records malformed requests as refused', async () => {
    const { id, address } = await coordinatorWithKey();
    const sandbox = await sandboxFor(address);
    const store = freshStore();
    // No reward counted and at most 50 bp: 0.016 tokens of fees cannot pay 2.16 tokens.
    saveAztecQuoteSettings(store.settings, { ...SETTINGS, rewardPerBlockWei: 0n, maxBasisPointFee: 50 });
    const service = await running(await startAztecQuoteService({ coordinator: { id, name: 'Aztec test', config: configFor(sandbox, address) }, store, keychain, logger: keptLogger(), pollMs: POLL_MS }));
    sandbox.setQuoteProviderUrl(service.providerUrl);

    await sandbox.advanceEpoch();
    const reason = "the epoch's fees (0.016 FEE) cannot pay its cost (2.16 FEE) within your max fee of 50 bp";
    expect(store.aztecQuotes.get(id, 0n)).toMatchObject({ outcome: 'declined', reason, basisPointFee: null, submitted: null, txCount: 16 });
    // The node heard a 503 and made no quote.
    expect(ofKind(sandbox, 'quote-failed')).toEqual([{ kind: 'quote-failed', epoch: 0n, message: 'Failed to fetch quote: Service Unavailable' }]);
    expect(await new AztecNodeClient({ url: sandbox.url }).getEpochProofQuotes(0n)).toEqual([]);

    // Two malformed requests: refused with their reason, no epoch, one row each.
    for (const body of ['{}', '{"epochNumber": 1}']) {
      const answer = await fetch(service.providerUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(answer.status).toBe(400);
    }
    expect(store.aztecQuotes.recent(10, id).map((q) => [q.outcome, q.epoch, q.reason])).toEqual([
      ['refused', null, 'HTTP 400: fromBlock: is missing'],
      ['refused', null, 'HTTP 400: epochNumber: is missing'],
      ['declined', 0n, reason],
    ]);
    expect(service.status().lastQuoteAtMs).not.toBeNull();
  });

  it('pauses with what to fix: a wrong rollup or chain id, a missing or different key, a port in use, unusable settings', async () => {
    const { id, address } = await coordinatorWithKey();
    const sandbox = await sandboxFor(address);
    const store = freshStore();
    const start = (config: Record<string, unknown>, coordinatorId = id) =>
      startAztecQuoteService({ coordinator: { id: coordinatorId, name: 'Aztec test', config }, store, keychain, logger: keptLogger(), pollMs: POLL_MS });

    const elsewhere = '0x' + '12'.repeat(20);
    expect(await start(configFor(sandbox, address, { rollupAddress: elsewhere }))).toEqual({
      pause: `the rollup at 0x1212121212121212121212121212121212121212 returned no data for quoteToDigest: no contract there?; check the chain id and rollup address in Markets`,
    });
    const wrongChain = await start(configFor(sandbox, address, { chainId: 1 }));
    expect(wrongChain).toEqual({ pause: expect.stringMatching(/^digest mismatch: wrong chain id, rollup address or version — the rollup at 0x5FbDB2315678afecb367f032d93F642f64180aa3 computes 0x[0-9a-f]{64}, this app 0x[0-9a-f]{64} with chain id 1, .*; check the chain id and rollup address in Markets$/) });

    expect(await start(configFor(sandbox, address), `aztec-nokey-${randomBytes(4).toString('hex')}`)).toEqual({ pause: 'no signing key in the keychain; import or generate one in Markets' });
    const other = signerFromKey(generatePrivateKey()).addressText;
    expect(await start(configFor(sandbox, other))).toEqual({ pause: `the keychain holds a key for ${address}, not ${other}; import the key again in Markets` });

    const taken = await listenOnLoopback(createServer());
    cleanups.push(() => taken.close());
    const port = Number(new URL(taken.url).port);
    expect(await start(configFor(sandbox, address, { providerPort: port }))).toEqual({
      pause: `cannot listen for quote requests on 127.0.0.1:${port}: the port is in use; pick another port (or 0 for any free one) in Markets`,
    });
    expect(await start(configFor(sandbox, address, { nodeUrl: 'ftp://node.example' }))).toEqual({ pause: expect.stringMatching(/^its settings are not usable \(nodeUrl: .+\); edit it in Markets$/) });

    // Without submitting, the prover node signs what the provider answers: no key is needed.
    const providerOnly = await start(configFor(sandbox, other, { submitQuotes: false }), `aztec-nokey-${randomBytes(4).toString('hex')}`);
    expect(await running(providerOnly).then((service) => service.status().state)).toBe('running');
  });

  it('logs an outage of the node while polling once, keeps retrying, and books the payout once it is back', async () => {
    const { id, address } = await coordinatorWithKey();
    const sandbox = await sandboxFor(address);
    const store = freshStore();
    saveAztecQuoteSettings(store.settings, SETTINGS);
    const logger = keptLogger();
    // The node is down for the check at start: the service runs and checks again with its polls.
    sandbox.injectFault({ kind: 'error-500' });
    const service = await running(await startAztecQuoteService({ coordinator: { id, name: 'Aztec test', config: configFor(sandbox, address) }, store, keychain, logger, pollMs: POLL_MS }));
    expect(logger.lines.filter((line) => line.includes('could not check the quote digest against the rollup yet'))).toHaveLength(1);
    await expect.poll(() => service.status()).toMatchObject({ state: 'running', reason: null, lastOutcomeCheckAtMs: expect.any(Number) });

    sandbox.injectFault({ kind: 'error-500', times: 20 });
    await expect.poll(() => service.status(), { interval: 10 }).toMatchObject({ state: 'degraded', reason: expect.stringMatching(/^cannot read claims and payouts from L1: eth_blockNumber: POST 127\.0\.0\.1:\d+\/ answered HTTP 500/) });
    await expect.poll(() => service.status().state).toBe('running');
    const outage = logger.lines.filter((line) => line.startsWith('warn Aztec test: cannot read claims and payouts from L1'));
    expect(outage).toHaveLength(1);
    expect(outage[0]).toMatch(/; retrying every 0\.05 s$/);
    expect(logger.lines).toContain('info Aztec test: reading claims and payouts from L1 works again');

    sandbox.setQuoteProviderUrl(service.providerUrl);
    await sandbox.advanceEpoch();
    await expect.poll(() => store.aztecQuotes.get(id, 0n)?.submitted).toBe('sent');
    await sandbox.advanceSlot();
    await sandbox.advanceSlot();
    await expect.poll(() => feeRewards(store).map((entry) => entry.amountMinor)).toEqual([ofKind(sandbox, 'proven')[0]!.payoutWei]);

    // Nothing secret in the logs: not the key, with or without 0x.
    const key = (await keychain.get(signerAccount(id)))!;
    expect(logger.lines.join('\n')).not.toContain(key.replace(/^0x/, ''));
  });

  it('quotes the practice network with the default settings, from the practice key in the keychain', async () => {
    accounts.add(signerAccount(PRACTICE_AZTEC_ID));
    const practice = await startPracticeAztec({ keychain });
    cleanups.push(() => practice.close());
    if ('unavailable' in practice.endpoint) throw new Error(practice.endpoint.unavailable);
    const store = freshStore();
    const service = await running(
      await startAztecQuoteService({ coordinator: { id: PRACTICE_AZTEC_ID, name: 'Practice (Aztec)', config: practice.endpoint.config }, store, keychain, logger: keptLogger(), pollMs: 200 }),
    );
    practice.attachProvider(service.providerUrl);
    // An epoch ends every 12 s: 6 blocks of 4 txs paying 1 token each. The defaults (124 ¢ at $1, 20 % margin)
    // ask 10000 × 1.488 / 24 = 620 bp.
    expect(quoteEpoch(DEFAULT_AZTEC_QUOTE_SETTINGS, { epochNumber: 0, fromBlock: 1, toBlock: 6, totalFeesWei: 24n * ETH, txCount: 24 })).toMatchObject({ basisPointFee: 620 });
    await expect.poll(() => store.aztecQuotes.recent(1, PRACTICE_AZTEC_ID)[0], { timeout: 30_000 }).toMatchObject({ outcome: 'quoted', basisPointFee: 620, submitted: 'sent', txCount: 24 });
  }, 45_000);
});
