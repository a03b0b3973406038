// The Succinct Prover Network as the scheduler sees it: each poll first hands over a request this prover won
// (ASSIGNED to it, deadline ahead), otherwise settles the outcome of earlier bids and bids on open requests
// that admission.ts lets through, at the price of the bid strategy. Fetch downloads the program and stdin;
// practice programs (circuit packages) go to the native engine, anything else to the external backend. Submit
// is FulfillProof; a job that fails here is reported with FailFulfillment unless the network already ended it.
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CircuitPackageError, readCircuitPackage } from '../../engine/circuit-package.js';
import type { PackageCache } from '../../engine/package-cache.js';
import type { HttpClient } from '../../net/http-client.js';
import { formatProvePerBpgu, FALLBACK_TICK_WEI } from '../../pricing/succinct-bid-strategy.js';
import { circuitProvingInput } from '../../scheduler/circuit-input.js';
import type { CoordinatorAdapter, PollResult, ProofToSubmit, ProvingInput, SubmitResult } from '../../scheduler/coordinator-adapter.js';
import { fromHex, sameBytes, toHex } from '../../secrets/eth-signer.js';
import type { MarketBidsRepo } from '../../store/repos/market-bids-repo.js';
import type { Job } from '../../store/repos/jobs-repo.js';
import { admit } from './admission.js';
import { downloadArtifact } from './artifacts.js';
import { succinctDomainSeparator } from './domain.js';
import { ExecutionStatus, FulfillmentStatus, ProofMode, ProofRequestError, type ProofRequest } from './gen/types_pb.js';
import type { SuccinctClient } from './network-client.js';
import { SuccinctRpcError } from './rpc-errors.js';

export interface SuccinctMarketSettings {
  /** The exact circuit version string requests must carry (e.g. sp1-v6.1.0). */
  version: string;
  /** When set, the network's domain must be this chain's (1 mainnet, 11155111 Sepolia). */
  chainId?: bigint;
  /** Proof mode asked of GetProofRequestParams. */
  mode: ProofMode;
  maxOutstanding: number;
  /** 0: no limit. */
  maxGasLimit: bigint;
  bufferMs: number;
  maxArtifactBytes: number;
}

export interface SuccinctAdapterParts {
  client: SuccinctClient;
  http: HttpClient;
  packages: PackageCache;
  bids: MarketBidsRepo;
  settings: () => SuccinctMarketSettings;
  /** How long this machine takes for a request of this many PGUs at full speed. */
  provingMs: (gasLimit: bigint) => number;
  /** The bid for such a request, in wei per PGU, on the network's tick. */
  bidWeiPerPgu: (gasLimit: bigint, provingMs: number, tickWei: bigint) => bigint;
  /** Whether a job for this request already ended here (it is not taken again). */
  jobEnded: (requestIdHex: string) => boolean;
  now?: () => number;
}

/** §4.1: the reference node looks every 3 s. */
export const SUCCINCT_POLL_MS = 3_000;
const LIST_LIMIT = 100;
/** Placed bids looked up per poll (one GetProofRequestDetails each), oldest first; the rest wait for the next poll. */
const SETTLE_PER_POLL = 20;

interface Session {
  prover: Uint8Array;
  proverHex: string;
  domain: Uint8Array;
  tickWei: bigint;
}

export class SuccinctAdapter implements CoordinatorAdapter {
  private session: Session | undefined;
  private readonly now: () => number;

  constructor(
    readonly id: string,
    readonly name: string,
    private readonly parts: SuccinctAdapterParts,
  ) {
    this.now = parts.now ?? Date.now;
  }

  /** Prover address, domain and tick, read once per run (a wrong chain pauses the coordinator). */
  private async open(signal: AbortSignal): Promise<Session | { pause: string }> {
    if (this.session) return this.session;
    const { client } = this.parts;
    const settings = this.parts.settings();
    const [prover, params] = await Promise.all([client.owner(signal), client.params(settings.mode, signal)]);
    if (prover.length !== 20) return { pause: `the network answered GetOwner with ${prover.length} bytes instead of an address` };
    if (settings.chainId !== undefined && !sameBytes(params.domain, succinctDomainSeparator(settings.chainId))) {
      return {
        pause: `the network's domain ${toHex(params.domain)} is not the one of chain id ${settings.chainId} set for it (mainnet is 1, Sepolia 11155111); check the chain id in Markets`,
      };
    }
    if (params.domain.length !== 32) return { pause: `the network sent a ${params.domain.length}-byte domain instead of 32 bytes` };
    this.session = { prover, proverHex: toHex(prover), domain: params.domain, tickWei: params.tickSize > 0n ? params.tickSize : FALLBACK_TICK_WEI };
    return this.session;
  }

  /** A request this prover won and has not delivered yet (deadline ahead), or idle; never bids. */
  async pollCommitted(signal: AbortSignal): Promise<PollResult> {
    const session = await this.open(signal);
    if ('pause' in session) return { kind: 'pause', reason: session.pause };
    const next = await this.nextWon(session, signal);
    return next ? this.jobFor(next) : { kind: 'idle', reason: 'no won request waiting', retryAfterMs: SUCCINCT_POLL_MS };
  }

  private async nextWon(session: Session, signal: AbortSignal): Promise<ProofRequest | undefined> {
    const { client } = this.parts;
    const nowS = BigInt(Math.floor(this.now() / 1000));
    const assigned = await client.filtered(
      { fulfillmentStatus: FulfillmentStatus.ASSIGNED, fulfiller: session.prover, version: this.parts.settings().version, minimumDeadline: nowS, limit: LIST_LIMIT },
      signal,
    );
    for (const request of assigned) this.settleBid(request, session);
    // The executor found the program cannot run: give it back at once rather than prove it (§4.1, §7).
    for (const request of assigned.filter((r) => r.executionStatus === ExecutionStatus.UNEXECUTABLE)) {
      await client.fail({ requestId: request.requestId, error: ProofRequestError.EXECUTION_FAILURE }, signal);
      this.parts.bids.settle(this.id, toHex(request.requestId), 'won', 'given back: the network found the program unexecutable');
    }
    return assigned.find((request) => request.executionStatus !== ExecutionStatus.UNEXECUTABLE && !this.parts.jobEnded(toHex(request.requestId)));
  }

  async poll(signal: AbortSignal): Promise<PollResult> {
    const session = await this.open(signal);
    if ('pause' in session) return { kind: 'pause', reason: session.pause };
    const { client } = this.parts;
    const settings = this.parts.settings();
    const nowS = BigInt(Math.floor(this.now() / 1000));

    const next = await this.nextWon(session, signal);
    if (next) return this.jobFor(next);

    await this.settlePlacedBids(session, signal);
    const open = await client.filtered({ fulfillmentStatus: FulfillmentStatus.REQUESTED, notBidBy: session.prover, version: settings.version, minimumDeadline: nowS, limit: LIST_LIMIT }, signal);
    let placed: number;
    try {
      placed = await this.bidOn(open, session, settings, signal);
    } catch (error) {
      if (error instanceof StakeRequiredError) return { kind: 'pause', reason: error.message };
      throw error;
    }
    const pending = this.parts.bids.listByOutcome(this.id, 'placed', LIST_LIMIT).length;
    if (placed > 0) return { kind: 'idle', reason: `bid on ${placed} open request${placed === 1 ? '' : 's'}; waiting for the auction${placed === 1 ? '' : 's'}`, retryAfterMs: SUCCINCT_POLL_MS };
    if (pending > 0) return { kind: 'idle', reason: `waiting for ${pending} auction${pending === 1 ? '' : 's'} this prover bid in`, retryAfterMs: SUCCINCT_POLL_MS };
    return { kind: 'idle', reason: open.length === 0 ? `no open requests for version ${settings.version}` : 'no open request fits (see Markets for why)', retryAfterMs: SUCCINCT_POLL_MS };
  }

  private jobFor(request: ProofRequest): PollResult {
    const bid = this.parts.bids.get(this.id, toHex(request.requestId));
    const price = bid?.amountWeiPerPgu ? ` at ${formatProvePerBpgu(bid.amountWeiPerPgu)} PROVE per bPGU` : '';
    return {
      kind: 'job',
      externalId: toHex(request.requestId),
      deadlineAtMs: Number(request.deadline) * 1000,
      payload: {
        requestId: toHex(request.requestId),
        programUri: request.programPublicUri,
        stdinUri: request.stdinPublicUri,
        stdinPrivate: request.stdinPublicUri === '',
        gasLimit: request.gasLimit.toString(),
        mode: request.mode,
        bidWeiPerPgu: bid?.amountWeiPerPgu?.toString() ?? null,
      },
      note: `request ${short(request.requestId)} won${price}, ${request.gasLimit} PGU, due ${new Date(Number(request.deadline) * 1000).toISOString()}`,
    };
  }

  /** Records a win the moment the request shows up assigned to this prover. */
  private settleBid(request: ProofRequest, session: Session): void {
    const bid = this.parts.bids.get(this.id, toHex(request.requestId));
    if (bid?.outcome === 'placed' && request.fulfiller && sameBytes(request.fulfiller, session.prover)) {
      this.parts.bids.settle(this.id, bid.requestId, 'won', null);
    }
  }

  /** Placed bids whose request has moved on: won (assigned here) or lost (to another prover, or it ended). */
  private async settlePlacedBids(session: Session, signal: AbortSignal): Promise<void> {
    for (const bid of this.parts.bids.listByOutcome(this.id, 'placed', SETTLE_PER_POLL)) {
      const request = await this.parts.client.details(fromHex(bid.requestId), signal);
      if (!request) {
        this.parts.bids.settle(this.id, bid.requestId, 'lost', 'the network no longer knows the request');
        continue;
      }
      if (request.fulfillmentStatus === FulfillmentStatus.REQUESTED) continue;
      if (request.fulfiller && sameBytes(request.fulfiller, session.prover)) this.parts.bids.settle(this.id, bid.requestId, 'won', null);
      else if (request.fulfiller) this.parts.bids.settle(this.id, bid.requestId, 'lost', `won by ${toHex(request.fulfiller)}`);
      else this.parts.bids.settle(this.id, bid.requestId, 'lost', `the request ended ${FulfillmentStatus[request.fulfillmentStatus]} without a winner`);
    }
  }

  private async bidOn(open: ProofRequest[], session: Session, settings: SuccinctMarketSettings, signal: AbortSignal): Promise<number> {
    const { bids } = this.parts;
    let placed = 0;
    for (const request of open) {
      const requestId = toHex(request.requestId);
      const existing = bids.get(this.id, requestId);
      if (existing && existing.outcome !== 'skipped') continue;
      const maxPrice = parseWei(request.maxPricePerPgu);
      const provingMs = this.parts.provingMs(request.gasLimit);
      const amountWei = this.parts.bidWeiPerPgu(request.gasLimit, provingMs, session.tickWei);
      const outstanding = [...bids.listByOutcome(this.id, 'placed', LIST_LIMIT), ...bids.listByOutcome(this.id, 'won', LIST_LIMIT).filter((b) => !this.parts.jobEnded(b.requestId))];
      const committedMs = outstanding.reduce((sum, b) => sum + this.parts.provingMs(b.gasLimit), 0);
      const decision = admit(
        { gasLimit: request.gasLimit, deadlineMs: Number(request.deadline) * 1000, maxPriceWeiPerPgu: maxPrice ?? 0n, whitelist: request.whitelist.map(toHex) },
        { nowMs: this.now(), prover: session.proverHex, provingMs, committedMs, outstanding: outstanding.length, maxOutstanding: settings.maxOutstanding, maxGasLimit: settings.maxGasLimit, bufferMs: settings.bufferMs, bidWeiPerPgu: amountWei },
      );
      const row = {
        coordinatorId: this.id,
        requestId,
        atMs: this.now(),
        program: request.programName ?? null,
        gasLimit: request.gasLimit,
        deadlineMs: Number(request.deadline) * 1000,
        maxPriceWeiPerPgu: maxPrice,
      };
      if (!decision.bid) {
        // A skipped request is seen again at each poll; its first reason is the one kept.
        bids.recordOnce({ ...row, amountWeiPerPgu: null, outcome: 'skipped', reason: decision.reason });
        continue;
      }
      try {
        await this.parts.client.bid({ requestId: request.requestId, amountWei, domain: session.domain, prover: session.prover }, signal);
      } catch (error) {
        if (!(error instanceof SuccinctRpcError) || error.transient) throw error;
        if (existing) bids.settle(this.id, requestId, 'refused', error.message);
        else bids.recordOnce({ ...row, amountWeiPerPgu: amountWei, outcome: 'refused', reason: error.message });
        if (error.kind === 'needs-stake') throw new StakeRequiredError(error.message);
        continue;
      }
      if (existing) bids.settle(this.id, requestId, 'placed', null);
      else bids.recordOnce({ ...row, amountWeiPerPgu: amountWei, outcome: 'placed', reason: null });
      placed += 1;
    }
    return placed;
  }

  async fetch(_job: Job, payload: Record<string, unknown>, workDir: string, signal: AbortSignal): Promise<ProvingInput> {
    const session = await this.open(signal);
    if ('pause' in session) throw new Error(session.pause);
    const { http, client } = this.parts;
    const { maxArtifactBytes } = this.parts.settings();
    const requestId = fromHex(String(payload.requestId));
    const program = await downloadArtifact(http, String(payload.programUri), maxArtifactBytes, 'program', signal);
    const stdinUrl = payload.stdinPrivate ? await client.stdinUri(requestId, session.domain, signal) : String(payload.stdinUri);
    const stdin = await downloadArtifact(http, stdinUrl, maxArtifactBytes, 'stdin', signal);

    const sha256 = createHash('sha256').update(program).digest('hex');
    let practice = true;
    try {
      await readCircuitPackage(program, maxArtifactBytes);
    } catch (error) {
      if (!(error instanceof CircuitPackageError)) throw error;
      practice = false;
    }
    if (!practice) {
      // A real SP1 program: the external backend gets both artifacts untouched and a small description.
      const programFile = join(workDir, 'program.bin');
      const stdinFile = join(workDir, 'stdin.bin');
      const requestFile = join(workDir, 'request.json');
      await writeFile(programFile, program);
      await writeFile(stdinFile, stdin);
      await writeFile(requestFile, JSON.stringify({ requestId: payload.requestId, program: programFile, stdin: stdinFile, mode: ProofMode[Number(payload.mode)] ?? 'UNSPECIFIED', gasLimit: payload.gasLimit }));
      return { kind: 'external', inputFile: requestFile, inputUrl: String(payload.programUri) };
    }
    let input: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(Buffer.from(stdin).toString('utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      input = parsed as Record<string, unknown>;
    } catch {
      throw new Error('the stdin of a practice request is not a JSON object of circuit inputs');
    }
    const circuit = await this.parts.packages.get(sha256, async () => program);
    return circuitProvingInput(circuit, sha256, input);
  }

  async submit(_job: Job, payload: Record<string, unknown>, proof: ProofToSubmit, signal: AbortSignal): Promise<SubmitResult> {
    const session = await this.open(signal);
    if ('pause' in session) return { kind: 'pause', message: session.pause };
    const requestId = fromHex(String(payload.requestId));
    let note = 'proof fulfilled on the network';
    try {
      await this.parts.client.fulfill({ requestId, proof: proof.proof, domain: session.domain }, signal);
    } catch (error) {
      if (!(error instanceof SuccinctRpcError) || error.transient) throw error;
      const request = await this.parts.client.details(requestId, signal).catch(() => undefined);
      const ours = request?.fulfiller !== undefined && sameBytes(request.fulfiller, session.prover);
      // An earlier try got through but its answer was lost (a retry, or a restart): the proof is the network's.
      if (request?.fulfillmentStatus === FulfillmentStatus.FULFILLED && ours) note = 'proof already fulfilled by an earlier try';
      else if (request && request.fulfillmentStatus !== FulfillmentStatus.ASSIGNED) {
        return { kind: 'gone', message: `the request is ${FulfillmentStatus[request.fulfillmentStatus]} (${error.detail})` };
      } else return { kind: 'rejected', message: `the network refused the proof: ${error.detail}` };
    }
    const request = await this.parts.client.details(requestId, signal).catch(() => undefined);
    const gasUsed = request?.gasUsed ?? BigInt(String(payload.gasLimit));
    const bidWei = payload.bidWeiPerPgu === null || payload.bidWeiPerPgu === undefined ? undefined : BigInt(String(payload.bidWeiPerPgu));
    const rewards =
      bidWei === undefined ? [] : [{ kind: 'reward' as const, amountMinor: bidWei * gasUsed, currency: 'PROVE', note: `${gasUsed} PGU at ${formatProvePerBpgu(bidWei)} PROVE per bPGU` }];
    return { kind: 'accepted', message: `${note} (${gasUsed} PGU)`, earnings: rewards };
  }

  /** Gives a won request back with a reason, unless the network already ended it (never fail FULFILLED or UNFULFILLABLE). */
  async reportFailure(_job: Job, payload: Record<string, unknown>, reason: string, signal: AbortSignal): Promise<string> {
    const requestId = fromHex(String(payload.requestId));
    const request = await this.parts.client.details(requestId, signal);
    if (!request || request.fulfillmentStatus !== FulfillmentStatus.ASSIGNED) {
      return `not reported: the network already has it ${request ? FulfillmentStatus[request.fulfillmentStatus] : 'gone'}`;
    }
    const error = /witness|input|execut/i.test(reason) ? ProofRequestError.EXECUTION_FAILURE : ProofRequestError.PROVING_FAILURE;
    await this.parts.client.fail({ requestId, error }, signal);
    return `reported to the network as ${ProofRequestError[error]}`;
  }
}

/** Bidding is impossible until the prover stakes: the coordinator pauses with the network's words. */
export class StakeRequiredError extends Error {}

function parseWei(text: string | undefined): bigint | null {
  return text !== undefined && /^\d{1,78}$/.test(text) ? BigInt(text) : null;
}

function short(bytes: Uint8Array): string {
  const hex = toHex(bytes);
  return `${hex.slice(0, 10)}…`;
}
