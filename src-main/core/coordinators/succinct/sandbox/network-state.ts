// The sandbox network's ledger and rules (succinct-network.md, "Sandbox server fidelity"): accounts with
// nonces, stakes and balances; proof requests and their auctions; settlement to the lowest valid bid after the
// auction period; deadlines; fulfilment checked with snarkjs; failures and misses recorded against the prover;
// rewards paid as bid × PGUs used with a REWARD balance log. Pure state over an injected clock: the gRPC
// service (grpc-service.ts) maps its errors to status codes.
import { create } from '@bufbuild/protobuf';
import { checkPracticeProof } from '../../../engine/practice-proof-check.js';
import { keccak256, sameBytes, toHex } from '../../../secrets/eth-signer.js';
import {
  BalanceOperation,
  BalanceLogSchema,
  ExecutionStatus,
  FulfillmentStatus,
  FulfillmentStrategy,
  ProofMode,
  ProofRequestError,
  ProofRequestSchema,
  SettlementStatus,
  type BalanceLog,
  type GetFilteredProofRequestsRequest,
  type ProofRequest,
} from '../gen/types_pb.js';
import type { SandboxCircuit } from '../../batch-api/sandbox-server.js';

/** A refusal with the gRPC status the real network answers with. */
export class SandboxRpcError extends Error {
  constructor(
    readonly code: 'invalid-argument' | 'not-found' | 'permission-denied' | 'failed-precondition' | 'resource-exhausted' | 'aborted' | 'unauthenticated',
    message: string,
  ) {
    super(message);
  }
}

export const WEI_PER_PROVE = 10n ** 18n;
/** Bidding needs this much PROVE staked (succinct-network.md §5). */
export const MIN_STAKE_WEI = 1000n * WEI_PER_PROVE;

export interface SandboxAccount {
  balanceWei: bigint;
  stakedWei: bigint;
  nonce: bigint;
  /** Set on a delegate signer: the prover (owner) it signs for. */
  delegateOf?: string;
}

export interface SandboxRequestSpec {
  circuit: SandboxCircuit;
  input: Record<string, unknown>;
  /** Seconds from now. */
  deadlineInS: number;
  maxPricePerPguWei?: bigint;
  baseFeeWei?: bigint;
  minAuctionPeriodS?: number;
  /** Hex addresses; empty or absent: anyone. */
  whitelist?: string[];
  version?: string;
  /** The stdin is fetched through GetStdinUri instead of a public URI. */
  stdinPrivate?: boolean;
  mode?: ProofMode;
}

interface RequestRecord {
  request: ProofRequest;
  bids: Map<string, { amountWei: bigint; atMs: number }>;
  circuit: SandboxCircuit;
  input: Record<string, unknown>;
  programArtifact: string;
  stdinArtifact: string;
}

export interface ProverRecord {
  fulfilled: number;
  failed: number;
  missedDeadlines: number;
}

export interface NetworkParams {
  domain: Uint8Array;
  tickSizeWei: bigint;
  maxPricePerPguWei: bigint;
  baseFeeWei: bigint;
  version: string;
  /** Addresses whose bids are refused past this many bytes of proof. */
  maxProofBytes: number;
}

const REQUESTER = '0x' + 'aa'.repeat(20);

export class NetworkState {
  readonly accounts = new Map<string, SandboxAccount>();
  private readonly requests = new Map<string, RequestRecord>();
  private readonly order: string[] = [];
  private readonly logs: BalanceLog[] = [];
  readonly provers = new Map<string, ProverRecord>();
  private sequence = 0;

  constructor(
    readonly params: NetworkParams,
    private readonly nowMs: () => number,
    /** Stores an artifact and returns its id; the artifact server serves it. */
    private readonly storeArtifact: (bytes: Uint8Array, kind: 'programs' | 'stdins' | 'private-stdins') => string,
    private readonly publicUri: (id: string) => string,
  ) {}

  private nowS(): bigint {
    return BigInt(Math.floor(this.nowMs() / 1000));
  }

  account(address: string): SandboxAccount {
    const key = address.toLowerCase();
    let account = this.accounts.get(key);
    if (!account) {
      account = { balanceWei: 0n, stakedWei: 0n, nonce: 0n };
      this.accounts.set(key, account);
    }
    return account;
  }

  /** The prover (vault) a signer acts for: its owner when it is a delegate, else itself. */
  ownerOf(signer: string): string {
    return this.accounts.get(signer.toLowerCase())?.delegateOf ?? signer.toLowerCase();
  }

  /** Checks the signed nonce; the caller bumps it with `consumeNonce` once the call succeeds. */
  checkNonce(signer: string, nonce: bigint): void {
    const expected = this.account(signer).nonce;
    if (nonce !== expected) {
      throw new SandboxRpcError('aborted', `failed nonce verification: invalid nonce for sender ${signer} expected ${expected}, got ${nonce}`);
    }
  }

  consumeNonce(signer: string): void {
    this.account(signer).nonce += 1n;
  }

  /** The built-in requester posts a request; returns its id (hex). */
  postRequest(spec: SandboxRequestSpec): string {
    const now = this.nowS();
    this.sequence += 1;
    const idBytes = keccak256(new TextEncoder().encode(`${REQUESTER}:${this.sequence}:${now}:${spec.circuit.circuit.manifest.name}`));
    const id = toHex(idBytes);
    const programArtifact = this.storeArtifact(spec.circuit.packageBytes, 'programs');
    const stdin = new TextEncoder().encode(JSON.stringify(spec.input));
    const stdinArtifact = this.storeArtifact(stdin, spec.stdinPrivate ? 'private-stdins' : 'stdins');
    const request = create(ProofRequestSchema, {
      requestId: idBytes,
      vkHash: keccak256(spec.circuit.packageBytes),
      version: spec.version ?? this.params.version,
      mode: spec.mode ?? ProofMode.GROTH16,
      strategy: FulfillmentStrategy.AUCTION,
      programUri: `s3://sandbox/programs/${programArtifact}`,
      stdinUri: `s3://sandbox/${spec.stdinPrivate ? 'private-stdins' : 'stdins'}/${stdinArtifact}`,
      deadline: now + BigInt(spec.deadlineInS),
      cycleLimit: 0n,
      fulfillmentStatus: FulfillmentStatus.REQUESTED,
      executionStatus: ExecutionStatus.EXECUTED,
      requester: hexBytes(REQUESTER),
      programName: spec.circuit.circuit.manifest.name,
      requesterName: 'sandbox requester',
      createdAt: now,
      updatedAt: now,
      txHash: keccak256(idBytes),
      // The practice network's gas limit is the circuit's constraint count (practice-formats.md).
      gasLimit: BigInt(spec.circuit.circuit.manifest.constraints),
      settlementStatus: SettlementStatus.UNSETTLED,
      programPublicUri: this.publicUri(programArtifact),
      stdinPublicUri: spec.stdinPrivate ? '' : this.publicUri(stdinArtifact),
      minAuctionPeriod: BigInt(spec.minAuctionPeriodS ?? 0),
      whitelist: (spec.whitelist ?? []).map(hexBytes),
      baseFee: (spec.baseFeeWei ?? this.params.baseFeeWei).toString(),
      maxPricePerPgu: (spec.maxPricePerPguWei ?? this.params.maxPricePerPguWei).toString(),
    });
    this.requests.set(id, { request, bids: new Map(), circuit: spec.circuit, input: spec.input, programArtifact, stdinArtifact });
    this.order.push(id);
    return id;
  }

  private record(requestId: Uint8Array): RequestRecord {
    const record = this.requests.get(toHex(requestId));
    if (!record) throw new SandboxRpcError('not-found', `proof request ${toHex(requestId)} not found`);
    return record;
  }

  details(requestId: Uint8Array): ProofRequest {
    this.advance();
    return this.record(requestId).request;
  }

  /** Every filter of GetFilteredProofRequests, oldest first, limit 10 by default (100 at most), pages from 1. */
  filtered(filter: Omit<Partial<GetFilteredProofRequestsRequest>, '$typeName'>): ProofRequest[] {
    this.advance();
    const matches = this.order
      .map((id) => this.requests.get(id)!)
      .filter(({ request: r, bids }) => {
        if (filter.version !== undefined && r.version !== filter.version) return false;
        if (filter.fulfillmentStatus !== undefined && r.fulfillmentStatus !== filter.fulfillmentStatus) return false;
        if (filter.executionStatus !== undefined && r.executionStatus !== filter.executionStatus) return false;
        if (filter.minimumDeadline !== undefined && !(r.deadline > filter.minimumDeadline)) return false;
        if (filter.vkHash !== undefined && !sameBytes(r.vkHash, filter.vkHash)) return false;
        if (filter.requester !== undefined && !sameBytes(r.requester, filter.requester)) return false;
        if (filter.fulfiller !== undefined && !(r.fulfiller && sameBytes(r.fulfiller, filter.fulfiller))) return false;
        if (filter.from !== undefined && r.createdAt < filter.from) return false;
        if (filter.to !== undefined && r.createdAt > filter.to) return false;
        if (filter.mode !== undefined && r.mode !== filter.mode) return false;
        if (filter.notBidBy !== undefined && bids.has(toHex(filter.notBidBy))) return false;
        if (filter.executeFailCause !== undefined && r.executeFailCause !== filter.executeFailCause) return false;
        if (filter.settlementStatus !== undefined && r.settlementStatus !== filter.settlementStatus) return false;
        if (filter.error !== undefined && r.error !== filter.error) return false;
        return true;
      })
      .map((record) => record.request);
    const limit = Math.min(filter.limit ?? 10, 100) || 10;
    const page = Math.max(1, filter.page ?? 1);
    return matches.slice((page - 1) * limit, page * limit);
  }

  bid(signer: string, body: { requestId: Uint8Array; amount: string; domain: Uint8Array; prover: Uint8Array; variant: number }): void {
    this.advance();
    if (body.variant !== 1) throw new SandboxRpcError('invalid-argument', `invalid transaction variant ${body.variant} for a bid (expected BID_VARIANT)`);
    this.checkDomain(body.domain);
    const prover = toHex(body.prover);
    if (this.ownerOf(signer) !== prover) {
      throw new SandboxRpcError('permission-denied', `signer ${signer} is not authorized to bid for prover ${prover}`);
    }
    const { request, bids } = this.record(body.requestId);
    if (request.fulfillmentStatus !== FulfillmentStatus.REQUESTED) {
      throw new SandboxRpcError('failed-precondition', `request ${toHex(request.requestId)} is not in the REQUESTED state (it is ${FulfillmentStatus[request.fulfillmentStatus]})`);
    }
    if (request.whitelist.length > 0 && !request.whitelist.some((address) => toHex(address) === prover)) {
      throw new SandboxRpcError('permission-denied', `prover ${prover} is not in the whitelist of request ${toHex(request.requestId)}`);
    }
    const staked = this.account(prover).stakedWei;
    if (staked < MIN_STAKE_WEI) {
      throw new SandboxRpcError('resource-exhausted', `you need to stake at least ${MIN_STAKE_WEI / WEI_PER_PROVE} PROVE to bid; prover ${prover} has ${formatProve(staked)} PROVE staked`);
    }
    if (!/^\d{1,78}$/.test(body.amount)) throw new SandboxRpcError('invalid-argument', `bid amount "${body.amount.slice(0, 80)}" is not a decimal integer of wei per PGU`);
    const amountWei = BigInt(body.amount);
    const maxWei = BigInt(request.maxPricePerPgu ?? '0');
    if (amountWei > maxWei) {
      throw new SandboxRpcError(
        'invalid-argument',
        `you bid ${perBpgu(amountWei)} PROVE per bPGU, but the request's max price is ${perBpgu(maxWei)} PROVE per bPGU`,
      );
    }
    if (this.params.tickSizeWei > 0n && amountWei % this.params.tickSizeWei !== 0n) {
      throw new SandboxRpcError('invalid-argument', `bid amount ${amountWei} wei per PGU is not a multiple of the tick size ${this.params.tickSizeWei}`);
    }
    bids.set(prover, { amountWei, atMs: this.nowMs() });
  }

  /** Settles auctions whose period is over and expires requests past their deadline. */
  advance(): void {
    const now = this.nowS();
    for (const id of this.order) {
      const record = this.requests.get(id)!;
      const { request } = record;
      if (request.fulfillmentStatus === FulfillmentStatus.REQUESTED) {
        if (now >= request.deadline) {
          this.setStatus(request, FulfillmentStatus.UNFULFILLABLE);
          continue;
        }
        if (record.bids.size > 0 && now >= request.createdAt + request.minAuctionPeriod) this.settle(record);
      } else if (request.fulfillmentStatus === FulfillmentStatus.ASSIGNED && now >= request.deadline) {
        this.setStatus(request, FulfillmentStatus.UNFULFILLABLE);
        this.proverRecord(toHex(request.fulfiller!)).missedDeadlines += 1;
      }
    }
  }

  /** Lowest bid wins; among equal bids, the earliest (the real rule is not public). */
  private settle(record: RequestRecord): void {
    const [winner] = [...record.bids.entries()].sort(([, a], [, b]) => (a.amountWei === b.amountWei ? a.atMs - b.atMs : a.amountWei < b.amountWei ? -1 : 1));
    record.request.fulfiller = hexBytes(winner![0]);
    this.setStatus(record.request, FulfillmentStatus.ASSIGNED);
  }

  /** The winning bid of a request, once settled. */
  winningBidWei(requestId: Uint8Array): bigint | undefined {
    const { request, bids } = this.record(requestId);
    return request.fulfiller ? bids.get(toHex(request.fulfiller))?.amountWei : undefined;
  }

  private assignedTo(signer: string, requestId: Uint8Array, action: string): RequestRecord {
    this.advance();
    const record = this.record(requestId);
    const { request } = record;
    const owner = this.ownerOf(signer);
    if (!request.fulfiller || toHex(request.fulfiller) !== owner) {
      throw new SandboxRpcError('permission-denied', `only the assigned fulfiller may ${action} request ${toHex(request.requestId)}`);
    }
    if (request.fulfillmentStatus !== FulfillmentStatus.ASSIGNED) {
      throw new SandboxRpcError('failed-precondition', `cannot ${action} request ${toHex(request.requestId)}: it is ${FulfillmentStatus[request.fulfillmentStatus]}, not ASSIGNED`);
    }
    return record;
  }

  /** Checks the proof (snarkjs), marks FULFILLED and pays the fulfiller bid × PGUs used. */
  async fulfill(signer: string, body: { requestId: Uint8Array; proof: Uint8Array; domain: Uint8Array; variant: number }): Promise<void> {
    if (body.variant !== 4) throw new SandboxRpcError('invalid-argument', `invalid transaction variant ${body.variant} for a fulfilment (expected FULFILL_VARIANT)`);
    this.checkDomain(body.domain);
    const record = this.assignedTo(signer, body.requestId, 'fulfill');
    const verdict = await checkPracticeProof(record.circuit.circuit, body.proof, record.input);
    if (!verdict.valid) throw new SandboxRpcError('invalid-argument', `proof verification failed: ${verdict.reason}`);
    // Checked again: the deadline may have passed while the proof was being verified.
    const { request } = this.assignedTo(signer, body.requestId, 'fulfill');
    const gasUsed = request.gasLimit;
    const bidWei = record.bids.get(toHex(request.fulfiller!))!.amountWei;
    const rewardWei = bidWei * gasUsed;
    request.gasUsed = gasUsed;
    request.fulfilledAt = this.nowS();
    request.settlementStatus = SettlementStatus.SETTLED;
    request.deductionAmount = (rewardWei + BigInt(request.baseFee ?? '0')).toString();
    this.setStatus(request, FulfillmentStatus.FULFILLED);
    const prover = toHex(request.fulfiller!);
    this.account(prover).balanceWei += rewardWei;
    this.logs.push(create(BalanceLogSchema, { address: request.fulfiller!, operation: BalanceOperation.REWARD, amount: rewardWei.toString(), txHash: keccak256(request.requestId), createdAt: this.nowS() }));
    this.proverRecord(prover).fulfilled += 1;
  }

  failFulfillment(signer: string, body: { requestId: Uint8Array; error?: ProofRequestError }): void {
    this.advance();
    const record = this.record(body.requestId);
    const { request } = record;
    if (request.fulfillmentStatus === FulfillmentStatus.FULFILLED || request.fulfillmentStatus === FulfillmentStatus.UNFULFILLABLE) {
      if (!request.fulfiller || toHex(request.fulfiller) !== this.ownerOf(signer)) {
        throw new SandboxRpcError('permission-denied', `only the assigned fulfiller may fail request ${toHex(request.requestId)}`);
      }
      throw new SandboxRpcError('failed-precondition', `cannot fail request ${toHex(request.requestId)}: it is already ${FulfillmentStatus[request.fulfillmentStatus]}`);
    }
    this.assignedTo(signer, body.requestId, 'fail');
    request.error = body.error ?? ProofRequestError.UNSPECIFIED_PROOF_REQUEST_ERROR;
    this.setStatus(request, FulfillmentStatus.UNFULFILLABLE);
    this.proverRecord(toHex(request.fulfiller!)).failed += 1;
  }

  /** A rival prover (the practice market's competition) delivers its proof: FULFILLED and paid, without a proof to check. */
  completeForRival(requestId: Uint8Array): void {
    const { request, bids } = this.record(requestId);
    if (request.fulfillmentStatus !== FulfillmentStatus.ASSIGNED || !request.fulfiller) return;
    const rewardWei = bids.get(toHex(request.fulfiller))!.amountWei * request.gasLimit;
    request.gasUsed = request.gasLimit;
    request.fulfilledAt = this.nowS();
    request.settlementStatus = SettlementStatus.SETTLED;
    this.setStatus(request, FulfillmentStatus.FULFILLED);
    this.account(toHex(request.fulfiller)).balanceWei += rewardWei;
    this.proverRecord(toHex(request.fulfiller)).fulfilled += 1;
  }

  /** The private stdin's artifact, for the requester or the fulfiller after settlement. */
  stdinArtifactFor(signer: string, requestId: Uint8Array): string {
    this.advance();
    const record = this.record(requestId);
    const owner = this.ownerOf(signer);
    const isFulfiller = record.request.fulfiller !== undefined && toHex(record.request.fulfiller) === owner;
    if (!isFulfiller && owner !== REQUESTER) {
      throw new SandboxRpcError('permission-denied', `only the requester or the assigned fulfiller may read the stdin of request ${toHex(requestId)}`);
    }
    return record.stdinArtifact;
  }

  balanceLogs(filter: { address?: Uint8Array; operation?: BalanceOperation; minimumTimestamp?: bigint; maximumTimestamp?: bigint; limit?: number; page?: number }): BalanceLog[] {
    const matches = this.logs.filter(
      (log) =>
        (filter.address === undefined || sameBytes(log.address, filter.address)) &&
        (filter.operation === undefined || log.operation === filter.operation) &&
        (filter.minimumTimestamp === undefined || log.createdAt >= filter.minimumTimestamp) &&
        (filter.maximumTimestamp === undefined || log.createdAt <= filter.maximumTimestamp),
    );
    const limit = Math.min(filter.limit ?? 10, 100) || 10;
    const page = Math.max(1, filter.page ?? 1);
    return matches.slice((page - 1) * limit, page * limit);
  }

  proverRecord(prover: string): ProverRecord {
    let record = this.provers.get(prover);
    if (!record) {
      record = { fulfilled: 0, failed: 0, missedDeadlines: 0 };
      this.provers.set(prover, record);
    }
    return record;
  }

  /** Every request, oldest first (for tests and the practice market's rivals). */
  all(): ProofRequest[] {
    return this.order.map((id) => this.requests.get(id)!.request);
  }

  private checkDomain(domain: Uint8Array): void {
    if (!sameBytes(domain, this.params.domain)) {
      throw new SandboxRpcError('invalid-argument', `domain ${toHex(domain)} is not this network's domain ${toHex(this.params.domain)}`);
    }
  }

  private setStatus(request: ProofRequest, status: FulfillmentStatus): void {
    request.fulfillmentStatus = status;
    request.updatedAt = this.nowS();
  }
}

function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex.slice(2), 'hex'));
}

/** Wei per PGU as PROVE per billion PGUs (1 PROVE per bPGU = 10^9 wei per PGU), four decimals as the network writes it. */
function perBpgu(weiPerPgu: bigint): string {
  const tenThousandths = (weiPerPgu * 10_000n) / 1_000_000_000n;
  return `${tenThousandths / 10_000n}.${(tenThousandths % 10_000n).toString().padStart(4, '0')}`;
}

function formatProve(wei: bigint): string {
  return `${wei / WEI_PER_PROVE}`;
}
