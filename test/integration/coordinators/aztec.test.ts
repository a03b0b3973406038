// Aztec epoch proof quotes end to end, over real HTTP on loopback with real signatures: the sandbox node asks
// the app's quote provider at each epoch end, the provider signs and submits the quote over JSON-RPC, the
// rollup's claim, proof, payout and pruning rules run, and the app reads the outcomes back from L1. Also the
// refusals, malformed requests and node faults, each with the text a user would see.
import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient } from '../../../src-main/core/net/http-client.js';
import { listenOnLoopback, type LoopbackListener } from '../../../src-main/core/net/loopback-server.js';
import { fromHex, sameBytes } from '../../../src-main/core/secrets/eth-signer.js';
import { signerFromKey, type Signer } from '../../../src-main/core/secrets/signing-keys.js';
import { AztecNodeClient, L1Client, NodeRpcError } from '../../../src-main/core/coordinators/aztec/node-rpc-client.js';
import { signQuote, type QuoteDomain } from '../../../src-main/core/coordinators/aztec/quote-digest.js';
import { checkDigestAgainstRollup, DigestMismatchError, readProofClaim, readQuoteOutcomes } from '../../../src-main/core/coordinators/aztec/quote-outcomes.js';
import { startQuoteProvider, type PriceDecision, type QuoteProvider, type QuoteRecord } from '../../../src-main/core/coordinators/aztec/quote-provider.js';
import { NO_EXPIRY_SLOT, type EpochProofQuotePayload, type QuoteRequest } from '../../../src-main/core/coordinators/aztec/quote-wire.js';
import { startAztecSandbox, type AztecSandbox, type AztecSandboxOptions, type SandboxEvent } from '../../../src-main/core/coordinators/aztec/sandbox-node.js';

const app = signerFromKey(fromHex('0x' + 'a1'.repeat(32)));
const rival = signerFromKey(fromHex('0x' + 'b2'.repeat(32)));
const ETH = 10n ** 18n;
const BOND_WEI = 100n * ETH;
const REWARD_PER_BLOCK_WEI = 50n * ETH;
const FEE_PER_TX_WEI = 10n ** 15n;

const fastHttp = (options: { timeoutMs?: number } = {}) => new HttpClient({ retries: 0, timeoutMs: options.timeoutMs ?? 5000 });

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Four slots an epoch, a two-slot claim phase, one block a slot with four txs; time moves only when told. */
async function sandboxWith(options: AztecSandboxOptions = {}): Promise<AztecSandbox> {
  const sandbox = await startAztecSandbox({
    slotMs: 0,
    slotsPerEpoch: 4,
    claimDurationSlots: 2,
    txsPerBlock: 4,
    feePerTxWei: FEE_PER_TX_WEI,
    rewardPerBlockWei: REWARD_PER_BLOCK_WEI,
    escrowDepositsWei: new Map([
      [app.addressText, 1000n * ETH],
      [rival.addressText, 1000n * ETH],
    ]),
    ...options,
  });
  cleanups.push(() => sandbox.close());
  return sandbox;
}

/** The app's provider, pricing with `price`, signing with the app's key and submitting to the sandbox. */
async function providerFor(sandbox: AztecSandbox, price: (request: QuoteRequest) => PriceDecision, submit = true): Promise<{ provider: QuoteProvider; records: QuoteRecord[] }> {
  const records: QuoteRecord[] = [];
  const provider = await startQuoteProvider({
    price,
    onQuote: (record) => records.push(record),
    ...(submit ? { submit: { nodeUrl: sandbox.url, signer: app, domain: sandbox.domain, http: fastHttp() } } : {}),
  });
  cleanups.push(() => provider.close());
  sandbox.setQuoteProviderUrl(provider.url);
  return { provider, records };
}

const ofKind = <K extends SandboxEvent['kind']>(sandbox: AztecSandbox, kind: K) =>
  sandbox.events().filter((event): event is Extract<SandboxEvent, { kind: K }> => event.kind === kind);

const quoteFor = (signer: Signer, epoch: bigint, change: Partial<EpochProofQuotePayload> = {}): EpochProofQuotePayload => ({
  epochToProve: epoch,
  validUntilSlot: NO_EXPIRY_SLOT,
  bondAmount: BOND_WEI,
  prover: signer.address,
  basisPointFee: 400,
  ...change,
});

async function waitForSubmission(records: QuoteRecord[]): Promise<void> {
  await expect.poll(() => records.find((r) => r.outcome === 'quoted')).toMatchObject({ submitted: 'sent' });
}

describe('Aztec quotes, end to end', () => {
  it('quotes at epoch end, submits the signed quote, wins the claim on the lowest fee and reads the payout back', async () => {
    const sandbox = await sandboxWith();
    const priced: QuoteRequest[] = [];
    const { records } = await providerFor(sandbox, (request) => {
      priced.push(request);
      return { basisPointFee: 250, bondAmountWei: BOND_WEI };
    });
    const node = new AztecNodeClient({ url: sandbox.url }, fastHttp());
    const l1 = new L1Client({ url: sandbox.url }, fastHttp());

    await sandbox.advanceEpoch();
    // The node described epoch 0 (slots 0-3, one block each, four txs a block) and read the provider's reply.
    expect(priced).toEqual([{ epochNumber: 0, fromBlock: 1, toBlock: 4, totalFeesWei: 16n * FEE_PER_TX_WEI, txCount: 16 }]);
    expect(ofKind(sandbox, 'quote-received')).toEqual([{ kind: 'quote-received', epoch: 0n, basisPointFee: 250, bondAmount: BOND_WEI, validUntilSlot: NO_EXPIRY_SLOT }]);
    await waitForSubmission(records);
    expect(records).toEqual([
      { outcome: 'quoted', request: priced[0], basisPointFee: 250, bondAmountWei: BOND_WEI, validUntilSlot: undefined, submitted: 'sent' },
    ]);

    // A rival asks for more; both quotes sit in the node's pool.
    const rivalQuote = signQuote(quoteFor(rival, 0n, { basisPointFee: 400 }), rival, sandbox.domain);
    await node.addEpochProofQuote(rivalQuote);
    const pooled = await node.getEpochProofQuotes(0n);
    expect(pooled.map((q) => [q.payload.basisPointFee, sameBytes(q.payload.prover, app.address)])).toEqual([
      [250, true],
      [400, false],
    ]);
    expect(pooled[0]!.payload.validUntilSlot).toBe(NO_EXPIRY_SLOT);
    expect(pooled[1]).toEqual(rivalQuote);

    // The proposer of slot 4 (first of epoch 1, in the claim phase) claims with the cheaper quote.
    await sandbox.advanceSlot();
    expect(ofKind(sandbox, 'claimed')).toMatchObject([{ epoch: 0n, slot: 4n, bondProvider: app.addressText, basisPointFee: 250, bondAmount: BOND_WEI }]);
    expect(sandbox.escrowDeposit(app.address)).toBe(1000n * ETH - BOND_WEI); // the bond is staked
    const claim = await readProofClaim(l1, sandbox.rollupAddress);
    expect(claim).toMatchObject({ epochToProve: 0n, basisPointFee: 250n, bondAmount: BOND_WEI });
    expect(sameBytes(claim!.bondProvider, app.address)).toBe(true);

    // The proof lands a slot later: per block, 2.5 % of (block reward + the block's fees); the bond comes back.
    await sandbox.advanceSlot();
    const payoutWei = 4n * (((REWARD_PER_BLOCK_WEI + 4n * FEE_PER_TX_WEI) * 250n) / 10_000n);
    expect(ofKind(sandbox, 'proven')).toMatchObject([{ epoch: 0n, bondProvider: app.addressText, payoutWei }]);
    expect(sandbox.escrowDeposit(app.address)).toBe(1000n * ETH);

    const outcomes = await readQuoteOutcomes(l1, { rollup: sandbox.rollupAddress, prover: app.address, fromBlock: 0n });
    const claimedAt = ofKind(sandbox, 'claimed')[0]!.l1Block;
    const provenAt = ofKind(sandbox, 'proven')[0]!.l1Block;
    expect(outcomes).toEqual({
      claims: [{ epoch: 0n, bondAmountWei: BOND_WEI, slot: 4n, l1Block: claimedAt }],
      payouts: [{ epoch: 0n, amountWei: payoutWei, l1Block: provenAt }],
      lastBlock: await l1.blockNumber(),
    });
    expect(provenAt).toBeGreaterThan(claimedAt);
    // Nothing for the rival, and nothing new after the last block read.
    expect(await readQuoteOutcomes(l1, { rollup: sandbox.rollupAddress, prover: rival.address, fromBlock: 0n })).toMatchObject({ claims: [], payouts: [] });
    expect(await readQuoteOutcomes(l1, { rollup: sandbox.rollupAddress, prover: app.address, fromBlock: outcomes.lastBlock + 1n })).toMatchObject({ claims: [], payouts: [] });
  });

  it('refuses quotes signed for another chain id or rollup, or for an epoch long past, with the node’s text', async () => {
    const sandbox = await sandboxWith();
    const node = new AztecNodeClient({ url: sandbox.url }, fastHttp());
    await sandbox.advanceEpoch();
    const refusal = (domain: QuoteDomain, epoch = 0n) => node.addEpochProofQuote(signQuote(quoteFor(app, epoch), app, domain)).catch((e: unknown) => e);

    const wrongChain = await refusal({ ...sandbox.domain, chainId: 1 });
    expect(wrongChain).toBeInstanceOf(NodeRpcError);
    expect(wrongChain).toMatchObject({ failure: 'refused', code: -32000 });
    expect((wrongChain as Error).message).toMatch(
      new RegExp(`^the node refused the quote: signature check failed: the EIP-712 signature \\(chain id 31337, rollup 0x5FbDB2315678afecb367f032d93F642f64180aa3, version "1"\\) recovers to 0x[0-9a-fA-F]{40}, not to the prover ${app.addressText}$`),
    );
    const wrongRollup = await refusal({ ...sandbox.domain, rollupAddress: fromHex('0x' + '77'.repeat(20)) });
    expect((wrongRollup as Error).message).toMatch(/^the node refused the quote: signature check failed: .* not to the prover/);

    await sandbox.advanceEpoch();
    await sandbox.advanceEpoch(); // now epoch 3: epoch 0 is neither current nor previous
    expect((await refusal(sandbox.domain)) as Error).toMatchObject({
      message: 'the node refused the quote: epoch check failed: the quote is for epoch 0, but only the current epoch (3) or the previous one is accepted',
    });
    expect(await node.getEpochProofQuotes(0n)).toEqual([]);
    expect(ofKind(sandbox, 'quote-refused')).toHaveLength(3);
    await expect(node.addEpochProofQuote(signQuote(quoteFor(app, 2n), app, sandbox.domain))).resolves.toBeUndefined();
  });

  it('checks the local digest against the rollup’s quoteToDigest', async () => {
    const sandbox = await sandboxWith();
    const l1 = new L1Client({ url: sandbox.url }, fastHttp());
    const payload = quoteFor(app, 3n, { basisPointFee: 125 });
    await expect(checkDigestAgainstRollup(l1, sandbox.rollupAddress, payload, sandbox.domain)).resolves.toBeUndefined();
    expect(await l1.chainId()).toBe(31337);
    for (const wrong of [{ ...sandbox.domain, chainId: 1 }, { ...sandbox.domain, rollupAddress: fromHex('0x' + '77'.repeat(20)) }, { ...sandbox.domain, version: '2' }]) {
      const error = await checkDigestAgainstRollup(l1, sandbox.rollupAddress, payload, wrong).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DigestMismatchError);
      expect((error as Error).message).toMatch(/^digest mismatch: wrong chain id, rollup address or version — the rollup at 0x5FbDB2315678afecb367f032d93F642f64180aa3 computes 0x[0-9a-f]{64}, this app 0x[0-9a-f]{64} with chain id/);
    }
    await expect(checkDigestAgainstRollup(l1, fromHex('0x' + '77'.repeat(20)), payload, sandbox.domain)).rejects.toThrow(/returned no data for quoteToDigest: no contract there\?/);
  });
});

describe('Aztec quote provider', () => {
  it('answers malformed requests with a 400, 405 or 413 and a reason, and keeps serving', async () => {
    const sandbox = await sandboxWith();
    const priced: QuoteRequest[] = [];
    const { provider, records } = await providerFor(
      sandbox,
      (request) => {
        priced.push(request);
        return { basisPointFee: 300, bondAmountWei: BOND_WEI, validUntilSlot: 40n };
      },
      false,
    );
    const http = fastHttp();
    const post = (json: unknown) => http.request('POST', provider.url, { json });
    const good = { epochNumber: 2, fromBlock: 9, toBlock: 12, totalFees: '16000000000000000', txCount: 16 };

    expect(await post({ ...good, txCount: undefined })).toMatchObject({ status: 400, text: '{"error":"txCount: is missing"}' });
    expect(await post({ ...good, fromBlock: -4 })).toMatchObject({ status: 400, text: '{"error":"fromBlock: must be a non-negative whole number"}' });
    expect(await post({ ...good, totalFees: 1.5e16 })).toMatchObject({ status: 400, text: '{"error":"totalFees: must be a string of decimal digits (wei)"}' });
    const notJson = await http.request('POST', provider.url, { body: Buffer.from('{"epochNumber": 2,'), headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.text).error).toMatch(/^body is not JSON: /);
    const plain = await http.request('POST', provider.url, { body: Buffer.from(JSON.stringify(good)), headers: { 'content-type': 'text/plain' } });
    expect(plain).toMatchObject({ status: 400, text: '{"error":"content-type must be application/json"}' });
    const huge = await http.request('POST', provider.url, { body: Buffer.alloc(200 * 1024, 0x20), headers: { 'content-type': 'application/json' } });
    expect(huge).toMatchObject({ status: 413, text: '{"error":"request body is larger than 64 KiB"}' });
    expect((await http.request('GET', provider.url)).status).toBe(405);

    // Still serving; the docs' endBlock is understood too.
    const { toBlock, ...withoutTo } = good;
    const answer = await post({ ...withoutTo, endBlock: toBlock });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ basisPointFee: 300, bondAmount: BOND_WEI.toString(), validUntilSlot: '40' });
    expect(priced).toHaveLength(1);
    expect(records.map((r) => (r.outcome === 'refused' ? r.status : r.outcome))).toEqual([400, 400, 400, 400, 400, 413, 405, 'quoted']);
    expect(records.at(-1)).toMatchObject({ outcome: 'quoted', submitted: 'not-configured', validUntilSlot: 40n });
  });

  it('declines with a 503 and refuses to send a fee the node would drop; the node sends no quote', async () => {
    const sandbox = await sandboxWith();
    let decision: PriceDecision = { decline: 'the epoch has too few fees to cover proving' };
    const { records } = await providerFor(sandbox, () => decision);

    await sandbox.advanceEpoch();
    expect(ofKind(sandbox, 'quote-failed')).toEqual([{ kind: 'quote-failed', epoch: 0n, message: 'Failed to fetch quote: Service Unavailable' }]);
    expect(records).toMatchObject([{ outcome: 'declined', reason: 'the epoch has too few fees to cover proving', request: { epochNumber: 0 } }]);

    decision = { basisPointFee: 0, bondAmountWei: BOND_WEI };
    await sandbox.advanceEpoch();
    expect(ofKind(sandbox, 'quote-failed').at(-1)).toEqual({ kind: 'quote-failed', epoch: 1n, message: 'Failed to fetch quote: Internal Server Error' });
    expect(records.at(-1)).toMatchObject({ outcome: 'failed', reason: 'pricing gave basisPointFee 0: it must be a whole number from 1 to 10000' });
    expect(ofKind(sandbox, 'quote-added')).toEqual([]);
  });

  it('records the node’s refusal when its own quote is signed for the wrong chain', async () => {
    const sandbox = await sandboxWith();
    const records: QuoteRecord[] = [];
    const provider = await startQuoteProvider({
      price: () => ({ basisPointFee: 100, bondAmountWei: BOND_WEI }),
      onQuote: (record) => records.push(record),
      submit: { nodeUrl: sandbox.url, signer: app, domain: { ...sandbox.domain, chainId: 1 }, http: fastHttp() },
    });
    cleanups.push(() => provider.close());
    sandbox.setQuoteProviderUrl(provider.url);
    await sandbox.advanceEpoch();
    await expect.poll(() => records.length).toBe(1);
    const [record] = records;
    expect(record).toMatchObject({ outcome: 'quoted', basisPointFee: 100 });
    expect(record?.outcome === 'quoted' && record.submitted).toEqual({ error: expect.stringMatching(/^the node refused the quote: signature check failed: /) });
    expect(ofKind(sandbox, 'quote-added')).toEqual([]);
  });
});

describe('Aztec sandbox node fidelity', () => {
  it('moves slots on its own timer when slotMs is set', async () => {
    const sandbox = await sandboxWith({ slotMs: 5 });
    await expect.poll(() => sandbox.currentSlot() >= 5n).toBe(true);
    expect(ofKind(sandbox, 'epoch-completed')[0]).toMatchObject({ epoch: 0n, fromBlock: 1, toBlock: 4 });
  });

  /** A third-party quote provider that answers every request with `reply`. */
  async function fixedProvider(reply: unknown): Promise<LoopbackListener> {
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply));
    });
    const listener = await listenOnLoopback(server);
    cleanups.push(() => listener.close());
    return listener;
  }

  it('reads a provider reply as HttpQuoteProvider does: a fee of 0 is "missing", no validUntilSlot is MAX_SAFE_INTEGER', async () => {
    const sandbox = await sandboxWith();
    sandbox.setQuoteProviderUrl((await fixedProvider({ basisPointFee: 0, bondAmount: '1000' })).url);
    await sandbox.advanceEpoch();
    expect(ofKind(sandbox, 'quote-failed')).toEqual([
      { kind: 'quote-failed', epoch: 0n, message: 'Missing required fields (basisPointFee | bondAmount) in response: {"basisPointFee":0,"bondAmount":"1000"}' },
    ]);
    expect(ofKind(sandbox, 'quote-received')).toEqual([]);

    sandbox.setQuoteProviderUrl((await fixedProvider({ basisPointFee: '75', bondAmount: 5000 })).url);
    await sandbox.advanceEpoch();
    expect(ofKind(sandbox, 'quote-received')).toEqual([{ kind: 'quote-received', epoch: 1n, basisPointFee: 75, bondAmount: 5000n, validUntilSlot: NO_EXPIRY_SLOT }]);
  });

  it('rejects an expired quote at claim time with Rollup__QuoteExpired', async () => {
    const sandbox = await sandboxWith();
    const { records } = await providerFor(sandbox, () => ({ basisPointFee: 100, bondAmountWei: BOND_WEI, validUntilSlot: 3n }));
    const l1 = new L1Client({ url: sandbox.url }, fastHttp());
    await sandbox.advanceEpoch();
    await waitForSubmission(records); // the node takes it: gossip does not check expiry
    await sandbox.advanceSlot();
    expect(ofKind(sandbox, 'claim-rejected')).toEqual([{ kind: 'claim-rejected', epoch: 0n, slot: 4n, prover: app.addressText, error: 'Rollup__QuoteExpired(4, 3)' }]);
    expect(ofKind(sandbox, 'claimed')).toEqual([]);
    expect(await readProofClaim(l1, sandbox.rollupAddress)).toBeNull();
  });

  it('rejects a bond the escrow cannot cover with Rollup__InsufficientFundsInEscrow, and a cheaper covered quote still wins', async () => {
    const sandbox = await sandboxWith();
    const node = new AztecNodeClient({ url: sandbox.url }, fastHttp());
    sandbox.setEscrowDeposit(rival.address, 60n * ETH);
    await sandbox.advanceEpoch();
    await node.addEpochProofQuote(signQuote(quoteFor(rival, 0n, { basisPointFee: 10 }), rival, sandbox.domain));
    await node.addEpochProofQuote(signQuote(quoteFor(app, 0n, { basisPointFee: 900, bondAmount: 999n }), app, sandbox.domain));
    await node.addEpochProofQuote(signQuote(quoteFor(app, 0n, { basisPointFee: 800 }), app, sandbox.domain));
    await sandbox.advanceSlot();
    expect(ofKind(sandbox, 'claim-rejected').map((e) => e.error)).toEqual([
      `Rollup__InsufficientFundsInEscrow(${BOND_WEI}, ${60n * ETH})`,
      'Rollup__InsufficientBondAmount(1000, 999)',
    ]);
    expect(ofKind(sandbox, 'claimed')).toMatchObject([{ bondProvider: app.addressText, basisPointFee: 800 }]);
    expect(sandbox.escrowDeposit(rival.address)).toBe(60n * ETH);
  });

  it('prunes an epoch nobody claims once its claim phase is over', async () => {
    const sandbox = await sandboxWith();
    await sandbox.advanceEpoch(); // epoch 0 done; slots 4 and 5 are its claim phase
    await sandbox.advanceSlot();
    await sandbox.advanceSlot();
    expect(ofKind(sandbox, 'pruned')).toEqual([]);
    await sandbox.advanceSlot(); // slot 6's proposer may prune: blocks of epoch 0 and the two of epoch 1 so far go
    expect(ofKind(sandbox, 'pruned')).toEqual([{ kind: 'pruned', slot: 6n, epochs: [0n, 1n], blocks: 6 }]);
    await sandbox.advanceSlot();
    // Epoch 1 ends with the blocks built after the prune, numbered from the proven tip again.
    expect(ofKind(sandbox, 'epoch-completed').at(-1)).toEqual({ kind: 'epoch-completed', epoch: 1n, fromBlock: 1, toBlock: 2, txCount: 8, totalFeesWei: 8n * FEE_PER_TX_WEI });
  });

  it('prunes a claimed epoch still unproven when the epoch after next begins; the bond stays staked', async () => {
    const sandbox = await sandboxWith({ proofDelaySlots: 8 });
    const node = new AztecNodeClient({ url: sandbox.url }, fastHttp());
    const l1 = new L1Client({ url: sandbox.url }, fastHttp());
    await sandbox.advanceEpoch();
    await node.addEpochProofQuote(signQuote(quoteFor(app, 0n), app, sandbox.domain));
    await sandbox.advanceEpoch(); // claimed at slot 4, proof due at slot 12
    expect(ofKind(sandbox, 'claimed')).toHaveLength(1);
    await sandbox.advanceSlot(); // slot 8 begins epoch 2
    expect(ofKind(sandbox, 'pruned')).toEqual([{ kind: 'pruned', slot: 8n, epochs: [0n, 1n], blocks: 8 }]);
    expect(await readProofClaim(l1, sandbox.rollupAddress)).toBeNull();
    expect(sandbox.escrowDeposit(app.address)).toBe(1000n * ETH - BOND_WEI);
  });
});

describe('Aztec node client errors', () => {
  it('gives clear errors for malformed JSON, a 500, a hang, a wrong id and a missing result, then works again', async () => {
    const sandbox = await sandboxWith();
    const node = new AztecNodeClient({ url: sandbox.url }, fastHttp({ timeoutMs: 300 }));
    const failure = (call: Promise<unknown>) => call.then(() => undefined, (e: unknown) => e as NodeRpcError);

    sandbox.injectFault({ kind: 'malformed-json' });
    expect(await failure(node.getEpochProofQuotes(0n))).toMatchObject({ failure: 'malformed', message: 'node_getEpochProofQuotes: the node\'s answer (HTTP 200) is not JSON: {"jsonrpc":"2.0","id":' });
    sandbox.injectFault({ kind: 'error-500' });
    const serverError = await failure(node.getEpochProofQuotes(0n));
    expect(serverError).toMatchObject({ failure: 'network' });
    expect(serverError!.message).toMatch(/^node_getEpochProofQuotes: POST 127\.0\.0\.1:\d+\/ answered HTTP 500: Internal Server Error$/);
    sandbox.injectFault({ kind: 'hang' });
    const hang = await failure(node.getEpochProofQuotes(0n));
    expect(hang).toMatchObject({ failure: 'network' });
    expect(hang!.message).toMatch(/^node_getEpochProofQuotes: POST 127\.0\.0\.1:\d+\/ timed out$/);
    sandbox.injectFault({ kind: 'wrong-id' });
    expect(await failure(node.getEpochProofQuotes(0n))).toMatchObject({ failure: 'malformed', message: 'node_getEpochProofQuotes: the node\'s answer has id 1004, expected 4' });
    sandbox.injectFault({ kind: 'no-result' });
    expect(await failure(node.getEpochProofQuotes(0n))).toMatchObject({ failure: 'malformed', message: 'node_getEpochProofQuotes: the node\'s answer has neither a result nor an error' });
    // Aztec's server leaves `result` out for a void method: that is a success for addEpochProofQuote.
    sandbox.injectFault({ kind: 'no-result' });
    await expect(node.addEpochProofQuote(signQuote(quoteFor(app, 0n), app, sandbox.domain))).resolves.toBeUndefined();

    expect(await node.getEpochProofQuotes(0n)).toHaveLength(1);
    const renamed = new AztecNodeClient({ url: sandbox.url, namespace: 'aztec' }, fastHttp());
    expect(await failure(renamed.getEpochProofQuotes(0n))).toMatchObject({
      failure: 'refused',
      code: -32601,
      message: 'aztec_getEpochProofQuotes failed on the node: Method not found: aztec_getEpochProofQuotes',
    });
  });
});
