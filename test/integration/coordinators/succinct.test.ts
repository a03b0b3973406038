// The Succinct client and adapter against the sandbox network over loopback gRPC (h2c): signed bids, auctions
// won and lost, a real native proof fulfilled and verified by the network with snarkjs and paid, deadlines too
// close to bid on and deadlines missed, failures reported, stale nonces, refusals with the network's own texts,
// a wrong chain, bad signatures, and the faults a real network throws (unavailable, hangs, oversized and
// malformed answers).
import { create } from '@bufbuild/protobuf';
import { Code, ConnectError, createClient } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Http2Server } from 'node:http2';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SuccinctAdapter, type SuccinctMarketSettings } from '../../../src-main/core/coordinators/succinct/adapter.js';
import { ArtifactStore, ArtifactType } from '../../../src-main/core/coordinators/succinct/gen/artifact_pb.js';
import { ProverNetwork } from '../../../src-main/core/coordinators/succinct/gen/network_pb.js';
import { BidRequestBodySchema, ExecutionStatus, FulfillmentStatus, ProofMode, ProofRequestError, TransactionVariant } from '../../../src-main/core/coordinators/succinct/gen/types_pb.js';
import { SuccinctClient, type RetryPolicy } from '../../../src-main/core/coordinators/succinct/network-client.js';
import { SuccinctRpcError } from '../../../src-main/core/coordinators/succinct/rpc-errors.js';
import { MIN_STAKE_WEI } from '../../../src-main/core/coordinators/succinct/sandbox/network-state.js';
import { startSuccinctSandbox, type SuccinctSandbox } from '../../../src-main/core/coordinators/succinct/sandbox/sandbox-network.js';
import { signBody } from '../../../src-main/core/coordinators/succinct/signing.js';
import type { SandboxCircuit } from '../../../src-main/core/coordinators/batch-api/sandbox-server.js';
import { EngineHost } from '../../../src-main/core/engine/engine-host.js';
import { forkEngineProcess } from '../../../src-main/core/engine/fork-engine.js';
import { PackageCache } from '../../../src-main/core/engine/package-cache.js';
import { encodeProofResult } from '../../../src-main/core/engine/proof-result.js';
import { releaseSnarkjsWorkers } from '../../../src-main/core/engine/snarkjs-workers.js';
import { computeWitness } from '../../../src-main/core/engine/witness.js';
import { HttpClient } from '../../../src-main/core/net/http-client.js';
import { listenOnLoopback } from '../../../src-main/core/net/loopback-server.js';
import { quoteSuccinctBid, DEFAULT_SUCCINCT_BID_SETTINGS } from '../../../src-main/core/pricing/succinct-bid-strategy.js';
import { defaultCostModel } from '../../../src-main/core/pricing/cost-model.js';
import { fromHex, generatePrivateKey, toHex } from '../../../src-main/core/secrets/eth-signer.js';
import { signerFromKey, type Signer } from '../../../src-main/core/secrets/signing-keys.js';
import { openStore } from '../../../src-main/core/store/open-store.js';
import type { Store } from '../../../src-main/core/store/store.js';
import type { Job } from '../../../src-main/core/store/repos/jobs-repo.js';
import { poseidonChainInput } from '../../fixtures/circuits/inputs.js';
import { sandboxCircuit } from '../../support/sandbox-circuits.js';

const scratch = mkdtempSync(join(tmpdir(), 'proverdesk-succinct-'));
const engine = new EngineHost(forkEngineProcess);
const FAST_RETRY: RetryPolicy = { initialMs: 20, maxIntervalMs: 50, totalMs: 400 };
let circuit: SandboxCircuit;
let sandbox: SuccinctSandbox;
let store: Store;
const packages = new PackageCache(join(scratch, 'packages'), 2 ** 28);
const http = new HttpClient({ timeoutMs: 5_000, retries: 1, retryBaseMs: 20, retryMaxMs: 50 });

const prover = signerFromKey(generatePrivateKey());
const rival = signerFromKey(generatePrivateKey());
const unstaked = signerFromKey(generatePrivateKey());
const delegate = signerFromKey(generatePrivateKey());

const clientFor = (signer: Signer, overrides: { url?: string; timeoutMs?: number; retry?: RetryPolicy } = {}) =>
  new SuccinctClient({ url: overrides.url ?? sandbox.url, signer, retry: overrides.retry ?? FAST_RETRY, timeoutMs: overrides.timeoutMs ?? 5_000 });

let seed = 0;
const request = (overrides: Partial<Parameters<SuccinctSandbox['postRequest']>[0]> = {}) =>
  sandbox.postRequest({ circuit, input: { ...poseidonChainInput(), salt: String(++seed) }, deadlineInS: 600, minAuctionPeriodS: 0, ...overrides });

const settings = (overrides: Partial<SuccinctMarketSettings> = {}): SuccinctMarketSettings => ({
  version: sandbox.state.params.version,
  mode: ProofMode.GROTH16,
  maxOutstanding: 4,
  maxGasLimit: 0n,
  bufferMs: 5_000,
  maxArtifactBytes: 64 * 2 ** 20,
  ...overrides,
});

let adapters = 0;
function adapterFor(signer: Signer, overrides: { settings?: Partial<SuccinctMarketSettings>; provingMs?: number; client?: SuccinctClient } = {}) {
  const id = `succinct-${++adapters}`;
  store.coordinators.upsert({ id, kind: 'succinct', name: `Succinct ${adapters}`, config: {}, enabled: true });
  const adapter = new SuccinctAdapter(id, `Succinct ${adapters}`, {
    client: overrides.client ?? clientFor(signer),
    http,
    packages,
    bids: store.marketBids,
    settings: () => settings(overrides.settings),
    provingMs: () => overrides.provingMs ?? 2_000,
    bidWeiPerPgu: (gasLimit, provingMs, tick) => quoteSuccinctBid(defaultCostModel(), DEFAULT_SUCCINCT_BID_SETTINGS, { gasLimit, provingMs }, tick).bidWeiPerPgu,
    jobEnded: (requestId) => {
      const job = store.jobs.findByExternal(id, requestId);
      return job !== undefined && ['accepted', 'rejected', 'failed', 'expired', 'cancelled'].includes(job.state);
    },
  });
  return { id, adapter };
}

const signal = new AbortController().signal;
const fakeJob = { id: 'job' } as Job;

async function proveInput(input: Awaited<ReturnType<SuccinctAdapter['fetch']>>): Promise<Uint8Array> {
  if (input.kind !== 'circuit') throw new Error('expected a practice circuit');
  const witness = await computeWitness(input.wasm, input.input);
  const { proof, publicSignals } = await engine.prove({ zkeyPath: input.zkeyPath, witness, threads: 2 }).result;
  return encodeProofResult({ proof: proof as unknown as Record<string, unknown>, publicSignals });
}

/** Polls until the adapter hands over a won request (this one, when given: others are marked done here). */
async function pollForJob(adapter: SuccinctAdapter, wanted?: string) {
  for (let i = 0; i < 50; i++) {
    const result = await adapter.poll(signal);
    if (result.kind === 'job' && wanted !== undefined && result.externalId !== wanted) {
      store.jobs.create({ id: randomUUID(), coordinatorId: adapter.id, externalId: result.externalId, state: 'cancelled', inputRef: null, deadlineAtMs: null }, { kind: 'test', message: 'not this test' });
      continue;
    }
    if (result.kind === 'job') return result;
    if (result.kind === 'pause') throw new Error(`paused: ${result.reason}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('no job was assigned');
}

beforeAll(async () => {
  circuit = await sandboxCircuit('poseidon-chain-small');
  store = openStore(join(scratch, 'store.sqlite'));
  sandbox = await startSuccinctSandbox({
    // The test circuit is tiny, so a PGU of it is dear: room above what this machine asks.
    maxPricePerPguWei: 10n ** 13n,
    accounts: [
      { address: toHex(prover.address), stakedWei: MIN_STAKE_WEI },
      { address: toHex(rival.address), stakedWei: MIN_STAKE_WEI },
      { address: toHex(delegate.address), delegateOf: toHex(prover.address) },
    ],
  });
}, 240_000);

afterAll(async () => {
  await sandbox?.close();
  store?.close();
  await engine.close();
  await releaseSnarkjsWorkers();
  rmSync(scratch, { recursive: true, force: true });
});

describe('Succinct market against the sandbox network', () => {
  it('bids, wins the auction, proves natively, fulfils, and is paid bid × PGUs', async () => {
    const id = request({ stdinPrivate: true });
    const { id: coordinatorId, adapter } = adapterFor(prover);
    const first = await adapter.poll(signal);
    expect(first).toMatchObject({ kind: 'idle', reason: expect.stringContaining('bid on') });
    const bid = store.marketBids.get(coordinatorId, id)!;
    expect(bid.outcome).toBe('placed');
    expect(bid.amountWeiPerPgu! % sandbox.state.params.tickSizeWei).toBe(0n);

    const job = await pollForJob(adapter, id);
    expect(store.marketBids.get(coordinatorId, id)!.outcome).toBe('won');
    const input = await adapter.fetch(fakeJob, job.payload, scratch, signal); // private stdin via GetStdinUri
    const proof = await proveInput(input);
    const outcome = await adapter.submit(fakeJob, job.payload, { proof, provingTimeMs: 1, costCents: 0, priceCents: 0, acceleration: 'cpu' }, signal);
    const gas = BigInt(circuit.circuit.manifest.constraints);
    expect(outcome).toMatchObject({ kind: 'accepted', earnings: [{ kind: 'reward', currency: 'PROVE', amountMinor: bid.amountWeiPerPgu! * gas }] });
    expect(sandbox.state.details(fromHex(id)).fulfillmentStatus).toBe(FulfillmentStatus.FULFILLED);
    expect(await clientFor(prover).balanceWei(prover.address)).toBe(bid.amountWeiPerPgu! * gas);
    const logs = await clientFor(prover).balanceLogs({ address: prover.address });
    expect(logs.map((log) => [log.operation, log.amount])).toEqual([[3, (bid.amountWeiPerPgu! * gas).toString()]]);
    // Submitting again (an answer lost, a restart) finds it fulfilled by this prover: accepted, not failed.
    const again = await adapter.submit(fakeJob, job.payload, { proof, provingTimeMs: 1, costCents: 0, priceCents: 0, acceleration: 'cpu' }, signal);
    expect(again).toMatchObject({ kind: 'accepted', message: expect.stringContaining('already fulfilled by an earlier try') });
  }, 120_000);

  it('loses an auction to a lower bid and records it', async () => {
    // The rival bids the least there is first; the auction stays open long enough for this prover to bid too.
    const id = request({ minAuctionPeriodS: 5 });
    await clientFor(rival).bid({ requestId: fromHex(id), amountWei: sandbox.state.params.tickSizeWei, domain: sandbox.domain, prover: rival.address });
    const { id: coordinatorId, adapter } = adapterFor(prover);
    await adapter.poll(signal);
    const ours = store.marketBids.get(coordinatorId, id)!;
    expect(ours.outcome).toBe('placed');
    await expect.poll(async () => {
      await adapter.poll(signal);
      return store.marketBids.get(coordinatorId, id)!.outcome;
    }).toBe('lost');
    expect(store.marketBids.get(coordinatorId, id)!.reason).toBe(`won by ${toHex(rival.address)}`);
  });

  it('does not bid when the deadline is too close for this machine, and says why', async () => {
    const id = request({ deadlineInS: 20 });
    const { id: coordinatorId, adapter } = adapterFor(prover, { provingMs: 60_000 });
    await adapter.poll(signal);
    const row = store.marketBids.get(coordinatorId, id)!;
    expect(row.outcome).toBe('skipped');
    expect(row.reason).toMatch(/^deadline too close: \d+ s left, this machine needs about \d+ s with the work it has already taken$/);
    expect(sandbox.state.filtered({ notBidBy: prover.address }).some((r) => toHex(r.requestId) === id)).toBe(true);
  });

  it('records a missed deadline against the prover and does not fail an UNFULFILLABLE request', async () => {
    const id = request({ deadlineInS: 4 });
    const { adapter } = adapterFor(prover, { settings: { bufferMs: 0 }, provingMs: 1 });
    const job = await pollForJob(adapter, id);
    const misses = sandbox.state.proverRecord(toHex(prover.address)).missedDeadlines;
    await expect.poll(() => sandbox.state.details(fromHex(id)).fulfillmentStatus, { timeout: 10_000 }).toBe(FulfillmentStatus.UNFULFILLABLE);
    expect(sandbox.state.proverRecord(toHex(prover.address)).missedDeadlines).toBe(misses + 1);
    expect(await adapter.reportFailure(fakeJob, job.payload, 'its deadline passed before it could be proven', signal)).toBe('not reported: the network already has it UNFULFILLABLE');
    // A proof finished too late is refused, and the job is told the request is gone (not a rejected proof).
    const late = await proveInput(await adapter.fetch(fakeJob, job.payload, scratch, signal));
    expect(await adapter.submit(fakeJob, job.payload, { proof: late, provingTimeMs: 1, costCents: 0, priceCents: 0, acceleration: 'cpu' }, signal)).toMatchObject({
      kind: 'gone',
      message: expect.stringContaining('the request is UNFULFILLABLE'),
    });
  });

  it('gives back a won request the network found unexecutable, without proving it', async () => {
    const id = request();
    const { adapter } = adapterFor(prover);
    await pollForJob(adapter, id);
    sandbox.state.details(fromHex(id)).executionStatus = ExecutionStatus.UNEXECUTABLE;
    const next = await adapter.poll(signal);
    expect(next.kind === 'job' && next.externalId === id).toBe(false);
    expect(sandbox.state.details(fromHex(id))).toMatchObject({ fulfillmentStatus: FulfillmentStatus.UNFULFILLABLE, error: ProofRequestError.EXECUTION_FAILURE });
  });

  it('reports a failed job with FailFulfillment and a reason code', async () => {
    const id = request();
    const { adapter } = adapterFor(prover);
    const job = await pollForJob(adapter, id);
    const failures = sandbox.state.proverRecord(toHex(prover.address)).failed;
    expect(await adapter.reportFailure(fakeJob, job.payload, 'the engine ran out of memory', signal)).toBe('reported to the network as PROVING_FAILURE');
    const details = sandbox.state.details(fromHex(id));
    expect(details.fulfillmentStatus).toBe(FulfillmentStatus.UNFULFILLABLE);
    expect(details.error).toBe(ProofRequestError.PROVING_FAILURE);
    expect(sandbox.state.proverRecord(toHex(prover.address)).failed).toBe(failures + 1);
    // Failing it again is refused by the network, and the adapter does not try.
    await expect(clientFor(prover).fail({ requestId: fromHex(id) })).rejects.toThrow(/already UNFULFILLABLE/);
    expect(await adapter.reportFailure(fakeJob, job.payload, 'again', signal)).toMatch(/not reported/);
  });

  it('refuses an invalid proof and keeps the request assigned', async () => {
    const id = request();
    const { adapter } = adapterFor(prover);
    const job = await pollForJob(adapter, id);
    const outcome = await adapter.submit(fakeJob, job.payload, { proof: Buffer.from('{"proof":{},"publicSignals":[]}'), provingTimeMs: 1, costCents: 0, priceCents: 0, acceleration: 'cpu' }, signal);
    expect(outcome).toMatchObject({ kind: 'rejected', message: expect.stringContaining('proof verification failed') });
    expect(sandbox.state.details(fromHex(id)).fulfillmentStatus).toBe(FulfillmentStatus.ASSIGNED);
  });

  it('recovers from a stale nonce when two signers race with one key', async () => {
    const ids = [request(), request()];
    const before = sandbox.state.account(toHex(prover.address)).nonce;
    const [a, b] = [clientFor(prover), clientFor(prover)];
    await Promise.all(ids.map((id, i) => (i === 0 ? a : b).bid({ requestId: fromHex(id), amountWei: 50_000_000n, domain: sandbox.domain, prover: prover.address })));
    expect(sandbox.state.account(toHex(prover.address)).nonce).toBe(before + 2n);
  });

  it('answers a stale nonce with the network text, and a delegate may bid for its prover', async () => {
    const raw = createClient(ProverNetwork, createGrpcTransport({ baseUrl: sandbox.url }));
    const id = fromHex(request());
    const body = create(BidRequestBodySchema, { nonce: 999n, requestId: id, amount: '50000000', domain: sandbox.domain, prover: prover.address, variant: TransactionVariant.BID_VARIANT });
    const error = await raw.bid(signBody(BidRequestBodySchema, body, prover)).catch((e: unknown) => ConnectError.from(e));
    expect(error).toMatchObject({ code: Code.Aborted, rawMessage: expect.stringMatching(/^failed nonce verification: invalid nonce for sender 0x[0-9a-f]{40} expected \d+, got 999$/) });
    await clientFor(delegate).bid({ requestId: id, amountWei: 50_000_000n, domain: sandbox.domain, prover: prover.address });
  });

  it('rejects a bad signature and a signer bidding for another prover', async () => {
    const raw = createClient(ProverNetwork, createGrpcTransport({ baseUrl: sandbox.url }));
    const id = fromHex(request());
    const body = create(BidRequestBodySchema, { nonce: 0n, requestId: id, amount: '50000000', domain: sandbox.domain, prover: prover.address, variant: TransactionVariant.BID_VARIANT });
    const signed = signBody(BidRequestBodySchema, body, prover);
    const tampered = { ...signed, signature: Uint8Array.from(signed.signature, (byte, i) => (i === 64 ? 30 : byte)) };
    await expect(raw.bid(tampered)).rejects.toMatchObject({ code: Code.Unauthenticated, rawMessage: expect.stringContaining('invalid signature') });
    await expect(clientFor(rival).bid({ requestId: id, amountWei: 50_000_000n, domain: sandbox.domain, prover: prover.address })).rejects.toMatchObject({
      code: Code.PermissionDenied,
      message: expect.stringContaining(`is not authorized to bid for prover ${toHex(prover.address)}`),
    });
  });

  it('explains each bid refusal the network gives', async () => {
    const client = clientFor(prover);
    const bid = (id: string, amountWei: bigint, who: Signer = prover, c = client) => c.bid({ requestId: fromHex(id), amountWei, domain: sandbox.domain, prover: who.address });
    await expect(bid(request({ maxPricePerPguWei: 500_000_000n }), 590_000_000n)).rejects.toMatchObject({
      kind: 'over-max-price',
      message: expect.stringContaining("you bid 0.5900 PROVE per bPGU, but the request's max price is 0.5000 PROVE per bPGU"),
    });
    await expect(bid(request(), 50_000_001n)).rejects.toMatchObject({ kind: 'off-tick' });
    await expect(bid(request({ whitelist: [toHex(rival.address)] }), 50_000_000n)).rejects.toMatchObject({ kind: 'not-whitelisted' });
    await expect(bid(request(), 50_000_000n, unstaked, clientFor(unstaked))).rejects.toMatchObject({ kind: 'needs-stake', message: expect.stringContaining('you need to stake') });
    const taken = request();
    await clientFor(rival).bid({ requestId: fromHex(taken), amountWei: 10_000_000n, domain: sandbox.domain, prover: rival.address });
    await expect.poll(() => sandbox.state.details(fromHex(taken)).fulfillmentStatus).toBe(FulfillmentStatus.ASSIGNED);
    await expect(bid(taken, 50_000_000n)).rejects.toMatchObject({ kind: 'not-requested', transient: false });
  });

  it('pauses bidding when the prover has no stake, with the network words', async () => {
    request();
    const { adapter } = adapterFor(unstaked);
    await expect(adapter.poll(signal)).resolves.toMatchObject({ kind: 'pause', reason: expect.stringContaining('you need to stake') });
  });

  it('pauses a coordinator whose configured chain is not the network one', async () => {
    const { adapter } = adapterFor(prover, { settings: { chainId: 1n } });
    await expect(adapter.poll(signal)).resolves.toMatchObject({ kind: 'pause', reason: expect.stringContaining('is not the one of chain id 1') });
  });

  it('tries again through a passing outage, and gives up on a lasting one with a clear error', async () => {
    sandbox.fault({ method: 'GetNonce', kind: 'unavailable', times: 2 });
    expect(typeof (await clientFor(prover).owner())).toBe('object');
    const before = await clientFor(prover).filtered({ limit: 1 });
    expect(before).toHaveLength(1);
    sandbox.fault({ method: 'GetFilteredProofRequests', kind: 'unavailable', times: 1000 });
    await expect(clientFor(prover).filtered({ limit: 1 })).rejects.toMatchObject({ kind: 'unavailable', message: expect.stringContaining('GetFilteredProofRequests: the network is unavailable') });
    sandbox.clearFaults();
    // Other calls are served meanwhile.
    await expect(clientFor(prover).owner()).resolves.toHaveLength(20);
  });

  it('gives up on a hanging call at its deadline and on an oversized answer', async () => {
    sandbox.fault({ method: 'GetOwner', kind: 'hang', times: 1000 });
    await expect(clientFor(prover, { timeoutMs: 300 }).owner()).rejects.toMatchObject({ kind: 'timeout' });
    sandbox.clearFaults();
    sandbox.fault({ method: 'GetFilteredProofRequests', kind: 'oversized' });
    await expect(clientFor(prover).filtered({ limit: 1 })).rejects.toMatchObject({ kind: 'too-large', transient: false });
  });

  it('turns an unreachable network and malformed answers into clear errors', async () => {
    const closed = await listenOnLoopback(createServer());
    const url = closed.url;
    await closed.close();
    await expect(clientFor(prover, { url }).owner()).rejects.toMatchObject({ kind: 'unavailable' });

    // A server that answers gRPC with bytes that are not the protobuf message.
    const garbage: Http2Server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/grpc' });
        const junk = Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]);
        const frame = Buffer.alloc(5 + junk.length);
        frame.writeUInt32BE(junk.length, 1);
        junk.copy(frame, 5);
        res.addTrailers({ 'grpc-status': '0' });
        res.end(frame);
      });
    });
    const listener = await listenOnLoopback(garbage);
    try {
      await expect(clientFor(prover, { url: listener.url }).owner()).rejects.toBeInstanceOf(SuccinctRpcError);
      await expect(clientFor(prover, { url: listener.url }).owner()).rejects.toThrow(/^GetOwner: /);
    } finally {
      await listener.close();
    }
  });

  it('talks to a network over TLS, and refuses one whose certificate it does not trust', async () => {
    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], { keySize: 2048, extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }] });
    const secure = await startSuccinctSandbox({ tls: { key: pems.private, cert: pems.cert }, accounts: [{ address: toHex(prover.address), stakedWei: MIN_STAKE_WEI }] });
    try {
      expect(secure.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const trusted = new SuccinctClient({ url: secure.url, signer: prover, retry: FAST_RETRY, ca: [pems.cert] });
      const id = secure.postRequest({ circuit, input: poseidonChainInput(), deadlineInS: 600 });
      await trusted.bid({ requestId: fromHex(id), amountWei: 50_000_000n, domain: secure.domain, prover: prover.address });
      expect(secure.state.account(toHex(prover.address)).nonce).toBe(1n);
      await expect(new SuccinctClient({ url: secure.url, signer: prover, retry: FAST_RETRY }).owner()).rejects.toMatchObject({ kind: 'tls', message: expect.stringMatching(/^GetOwner: cannot set up a secure \(TLS\) connection with the network: .*certificate/) });
    } finally {
      await secure.close();
    }
  });

  it('uploads an artifact through the ArtifactStore and reads it back from the bucket; a bad signature is refused', async () => {
    const bytes = Buffer.from(JSON.stringify({ seed: '1', salt: '2' }));
    const uri = await clientFor(prover).uploadArtifact(http, ArtifactType.STDIN, bytes);
    const id = /^s3:\/\/sandbox\/uploads\/(artifact_[0-9a-f]+)$/.exec(uri)![1]!;
    expect(await http.download(`${sandbox.artifactsUrl}/artifacts/${id}`, 1024)).toEqual(bytes);
    const raw = createClient(ArtifactStore, createGrpcTransport({ baseUrl: sandbox.url }));
    await expect(raw.createArtifact({ signature: new Uint8Array(65), artifactType: ArtifactType.STDIN })).rejects.toMatchObject({ code: Code.Unauthenticated });
  });

  it('refuses an artifact over the size cap and fetches nothing', async () => {
    request();
    const { adapter } = adapterFor(prover, { settings: { maxArtifactBytes: 1024 } });
    const job = await pollForJob(adapter);
    await expect(adapter.fetch(fakeJob, job.payload, scratch, signal)).rejects.toThrow(/larger than/);
  });
});
