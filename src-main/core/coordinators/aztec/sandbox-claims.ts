// The sandbox rollup's rules (aztec-epoch-quotes.md §6, §7): the pending L2 chain, the quote pool with the
// gossip checks, the proposer's claim (lowest fee among the quotes that pass `validateEpochProofRightClaimAtTime`
// checks 1–9, with the contract's error names), the escrow's bonds, pruning (`canPruneAtTime`), and the
// simulated proof that pays the bond provider and releases the bond.
import { concatBytes } from '@noble/hashes/utils.js';
import { checksumAddress, sameBytes, toHex, type Hex } from '../../secrets/eth-signer.js';
import { DEFAULT_DOMAIN_VERSION, quoteDigest, recoverQuoteSigner, type QuoteDomain } from './quote-digest.js';
import { MAX_BASIS_POINT_FEE, MIN_BOND_AMOUNT, type EpochProofQuotePayload, type SignedEpochProofQuote } from './quote-wire.js';
import { addressWord, ERC20_TRANSFER_SIGNATURE, PROOF_RIGHT_CLAIMED_SIGNATURE, topicOf, uintWord, type EpochProofClaim } from './rollup-abi.js';
import type { SandboxL1 } from './sandbox-l1.js';

export type SandboxEvent =
  | { kind: 'epoch-completed'; epoch: bigint; fromBlock: number; toBlock: number; txCount: number; totalFeesWei: bigint }
  /** The provider answered and the prover node would make a quote of it (HttpQuoteProvider's parsing). */
  | { kind: 'quote-received'; epoch: bigint; basisPointFee: number; bondAmount: bigint; validUntilSlot: bigint }
  /** HttpQuoteProvider threw ("Failed to fetch quote", "Missing required fields", …): no quote. */
  | { kind: 'quote-failed'; epoch: bigint; message: string }
  | { kind: 'quote-added'; epoch: bigint; prover: Hex; basisPointFee: number }
  | { kind: 'quote-refused'; message: string }
  | { kind: 'claim-rejected'; epoch: bigint; slot: bigint; prover: Hex; error: string }
  | { kind: 'claimed'; epoch: bigint; slot: bigint; bondProvider: Hex; basisPointFee: number; bondAmount: bigint; l1Block: bigint }
  | { kind: 'proven'; epoch: bigint; slot: bigint; bondProvider: Hex; payoutWei: bigint; l1Block: bigint }
  | { kind: 'pruned'; slot: bigint; epochs: bigint[]; blocks: number };

export interface RollupConfig {
  slotsPerEpoch: number;
  claimDurationSlots: number;
  txsPerBlock: number;
  feePerTxWei: bigint;
  rewardPerBlockWei: bigint;
  /** Slots from a claim to its proof landing. */
  proofDelaySlots: number;
  domain: QuoteDomain;
  tokenAddress: Uint8Array;
  /** The sandbox's one sequencer: it proposes every block and makes every claim. */
  proposer: Uint8Array;
}

interface L2Block {
  number: number;
  slot: bigint;
  txCount: number;
  totalFeesWei: bigint;
}

/** A revert of the rollup, written as viem shows a decoded custom error: `Name(arg, …)`. */
export class RollupRevert extends Error {}

const revert = (name: string, ...args: (bigint | number | Uint8Array)[]) =>
  new RollupRevert(`${name}(${args.map((a) => (a instanceof Uint8Array ? checksumAddress(a) : a.toString())).join(', ')})`);

const ZERO_ADDRESS = new Uint8Array(20);
const addressKey = (address: Uint8Array) => toHex(address);

export class SandboxRollup {
  private blocks: L2Block[] = [];
  private provenBlockNumber = 0;
  private claim: EpochProofClaim | undefined;
  /** When the claimed epoch's proof lands; undefined once it has (or when there is no claim). */
  private proofDueSlot: bigint | undefined;
  private readonly pool = new Map<bigint, SignedEpochProofQuote[]>();
  private readonly deposits = new Map<Hex, bigint>();
  private readonly stakedBonds = new Map<Hex, bigint>();

  constructor(
    private readonly config: RollupConfig,
    private readonly l1: SandboxL1,
    private readonly record: (event: SandboxEvent) => void,
  ) {}

  epochOf(slot: bigint): bigint {
    return slot / BigInt(this.config.slotsPerEpoch);
  }

  setDeposit(prover: Uint8Array, amountWei: bigint): void {
    this.deposits.set(addressKey(prover), amountWei);
  }

  deposit(prover: Uint8Array): bigint {
    return this.deposits.get(addressKey(prover)) ?? 0n;
  }

  staked(prover: Uint8Array): bigint {
    return this.stakedBonds.get(addressKey(prover)) ?? 0n;
  }

  /** getProofClaim(): the last claim, all zero when none (or pruned). */
  proofClaim(): EpochProofClaim {
    return this.claim ?? { epochToProve: 0n, basisPointFee: 0n, bondAmount: 0n, bondProvider: ZERO_ADDRESS, proposerClaimant: ZERO_ADDRESS };
  }

  quotes(epoch: bigint): SignedEpochProofQuote[] {
    return [...(this.pool.get(epoch) ?? [])];
  }

  /** The blocks of a finished epoch, as the prover node sums them for the quote request. */
  epochSummary(epoch: bigint): { fromBlock: number; toBlock: number; txCount: number; totalFeesWei: bigint } | undefined {
    const blocks = this.blocks.filter((block) => this.epochOf(block.slot) === epoch);
    if (blocks.length === 0) return undefined;
    return {
      fromBlock: blocks[0]!.number,
      toBlock: blocks.at(-1)!.number,
      txCount: blocks.reduce((sum, block) => sum + block.txCount, 0),
      totalFeesWei: blocks.reduce((sum, block) => sum + block.totalFeesWei, 0n),
    };
  }

  /** node_addEpochProofQuote's gossip checks (current or previous epoch, signer = prover), then into the pool. */
  addQuote(quote: SignedEpochProofQuote, currentSlot: bigint): void {
    const current = this.epochOf(currentSlot);
    const epoch = quote.payload.epochToProve;
    if (epoch !== current && epoch !== current - 1n) {
      throw new RollupRevert(`epoch check failed: the quote is for epoch ${epoch}, but only the current epoch (${current}) or the previous one is accepted`);
    }
    const { chainId, rollupAddress, version } = this.config.domain;
    const domainText = `chain id ${chainId}, rollup ${checksumAddress(rollupAddress)}, version "${version ?? DEFAULT_DOMAIN_VERSION}"`;
    let signer: Uint8Array;
    try {
      signer = recoverQuoteSigner(quote, this.config.domain);
    } catch (error) {
      throw new RollupRevert(`signature check failed: ${(error as Error).message}`);
    }
    if (!sameBytes(signer, quote.payload.prover)) {
      throw new RollupRevert(
        `signature check failed: the EIP-712 signature (${domainText}) recovers to ${checksumAddress(signer)}, not to the prover ${checksumAddress(quote.payload.prover)}`,
      );
    }
    this.pool.set(epoch, [...this.quotes(epoch), quote]);
    this.record({ kind: 'quote-added', epoch, prover: checksumAddress(quote.payload.prover), basisPointFee: quote.payload.basisPointFee });
  }

  /** What the proposer of `slot` does: prune if it may, publish the slot's block, and claim with the best quote. */
  proposeBlock(slot: bigint): void {
    if (this.canPruneAt(slot)) this.prune(slot);
    const txCount = this.config.txsPerBlock;
    this.blocks.push({ number: this.pendingBlockNumber() + 1, slot, txCount, totalFeesWei: BigInt(txCount) * this.config.feePerTxWei });
    this.claimIfPossible(slot);
  }

  /** The claimed epoch's proof lands when it is due: the bond provider is paid and the bond released. */
  landProof(slot: bigint): void {
    const claim = this.claim;
    if (!claim || this.proofDueSlot !== slot) return;
    this.proofDueSlot = undefined;
    const blocks = this.blocks.filter((block) => block.number > this.provenBlockNumber && this.epochOf(block.slot) === claim.epochToProve);
    this.provenBlockNumber = blocks.at(-1)!.number;
    // Per block, the prover's share of the block's reward (block reward plus its fees, nothing burnt here).
    const payoutWei = blocks.reduce((sum, block) => sum + ((this.config.rewardPerBlockWei + block.totalFeesWei) * claim.basisPointFee) / 10_000n, 0n);
    this.moveBond(claim.bondProvider, -claim.bondAmount);
    const l1Block = this.l1.emit(
      this.config.tokenAddress,
      [topicOf(ERC20_TRANSFER_SIGNATURE), addressWord(this.config.domain.rollupAddress), addressWord(claim.bondProvider)],
      uintWord(payoutWei),
    );
    this.record({ kind: 'proven', epoch: claim.epochToProve, slot, bondProvider: checksumAddress(claim.bondProvider), payoutWei, l1Block });
  }

  private pendingBlockNumber(): number {
    return this.blocks.at(-1)?.number ?? 0;
  }

  /** getEpochToProve(): the epoch of the first unproven block. */
  private epochToProve(): bigint {
    const next = this.blocks.find((block) => block.number === this.provenBlockNumber + 1);
    if (!next) throw revert('Rollup__NoEpochToProve');
    return this.epochOf(next.slot);
  }

  /** canPruneAtTime: the oldest pending epoch missed its claim phase, or is unproven when the epoch after next begins. */
  private canPruneAt(slot: bigint): boolean {
    if (this.pendingBlockNumber() === this.provenBlockNumber) return false;
    const oldest = this.epochToProve();
    const epochSlots = BigInt(this.config.slotsPerEpoch);
    const start = oldest * epochSlots;
    const inClaimPhase = slot < start + epochSlots + BigInt(this.config.claimDurationSlots);
    const claimExists = slot < start + 2n * epochSlots && this.claim?.epochToProve === oldest;
    return !inClaimPhase && !claimExists;
  }

  /** _prune(): the pending chain winds back to the proven block and the claim is deleted (its bond stays staked). */
  private prune(slot: bigint): void {
    const removed = this.blocks.filter((block) => block.number > this.provenBlockNumber);
    this.blocks = this.blocks.filter((block) => block.number <= this.provenBlockNumber);
    this.claim = undefined;
    this.proofDueSlot = undefined;
    const epochs = [...new Set(removed.map((block) => this.epochOf(block.slot)))];
    this.record({ kind: 'pruned', slot, epochs, blocks: removed.length });
  }

  private claimIfPossible(slot: bigint): void {
    const position = slot % BigInt(this.config.slotsPerEpoch);
    if (position >= BigInt(this.config.claimDurationSlots)) return;
    let epoch: bigint;
    try {
      epoch = this.epochToProve();
    } catch {
      return; // Rollup__NoEpochToProve: nothing to claim
    }
    if (this.claim?.epochToProve === epoch) return; // Rollup__ProofRightAlreadyClaimed
    const valid = this.quotes(epoch).filter((quote) => {
      try {
        this.validateClaim(quote, slot);
        return true;
      } catch (error) {
        if (!(error instanceof RollupRevert)) throw error;
        this.record({ kind: 'claim-rejected', epoch, slot, prover: checksumAddress(quote.payload.prover), error: error.message });
        return false;
      }
    });
    // The lowest fee wins; among equal fees, the quote that arrived first.
    const best = valid.reduce<SignedEpochProofQuote | undefined>((winner, quote) => (!winner || quote.payload.basisPointFee < winner.payload.basisPointFee ? quote : winner), undefined);
    if (best) this.claimWith(best, slot);
  }

  /** validateEpochProofRightClaimAtTime, checks 1–9 in the contract's order. */
  private validateClaim(quote: SignedEpochProofQuote, slot: bigint): void {
    const { payload } = quote;
    let recovered: Uint8Array = ZERO_ADDRESS;
    try {
      recovered = recoverQuoteSigner(quote, this.config.domain);
    } catch {
      // ecrecover returns the zero address for a signature it cannot use
    }
    if (!sameBytes(recovered, payload.prover)) throw revert('SignatureLib__InvalidSignature', payload.prover, recovered);
    if (payload.validUntilSlot < slot) throw revert('Rollup__QuoteExpired', slot, payload.validUntilSlot);
    if (payload.basisPointFee > MAX_BASIS_POINT_FEE) throw revert('Rollup__InvalidBasisPointFee', payload.basisPointFee);
    // Check 4 (msg.sender is the slot's proposer) always holds: the sandbox's one sequencer proposes and claims.
    const epochToProve = this.epochToProve();
    if (payload.epochToProve !== epochToProve) throw revert('Rollup__NotClaimingCorrectEpoch', epochToProve, payload.epochToProve);
    const position = slot % BigInt(this.config.slotsPerEpoch);
    if (position >= BigInt(this.config.claimDurationSlots)) throw revert('Rollup__NotInClaimPhase', position, this.config.claimDurationSlots);
    if (this.claim?.epochToProve === epochToProve) throw revert('Rollup__ProofRightAlreadyClaimed');
    if (payload.bondAmount < MIN_BOND_AMOUNT) throw revert('Rollup__InsufficientBondAmount', MIN_BOND_AMOUNT, payload.bondAmount);
    const available = this.deposit(payload.prover);
    if (payload.bondAmount > available) throw revert('Rollup__InsufficientFundsInEscrow', payload.bondAmount, available);
  }

  /** claimEpochProofRight: stake the bond from escrow, store the claim, emit ProofRightClaimed. */
  private claimWith(quote: SignedEpochProofQuote, slot: bigint): void {
    const { payload } = quote;
    this.moveBond(payload.prover, payload.bondAmount);
    this.claim = {
      epochToProve: payload.epochToProve,
      basisPointFee: BigInt(payload.basisPointFee),
      bondAmount: payload.bondAmount,
      bondProvider: payload.prover,
      proposerClaimant: this.config.proposer,
    };
    this.proofDueSlot = slot + BigInt(this.config.proofDelaySlots);
    const l1Block = this.l1.emit(
      this.config.domain.rollupAddress,
      [topicOf(PROOF_RIGHT_CLAIMED_SIGNATURE), uintWord(payload.epochToProve), addressWord(payload.prover), addressWord(this.config.proposer)],
      concatBytes(uintWord(payload.bondAmount), uintWord(slot)),
    );
    this.record({
      kind: 'claimed',
      epoch: payload.epochToProve,
      slot,
      bondProvider: checksumAddress(payload.prover),
      basisPointFee: payload.basisPointFee,
      bondAmount: payload.bondAmount,
      l1Block,
    });
  }

  /** Positive: escrow deposit → staked bond (stakeBond); negative: back (unstakeBond). */
  private moveBond(prover: Uint8Array, amountWei: bigint): void {
    const key = addressKey(prover);
    this.deposits.set(key, this.deposit(prover) - amountWei);
    this.stakedBonds.set(key, this.staked(prover) + amountWei);
  }

  /** The rollup's quoteToDigest view. */
  quoteToDigest(payload: EpochProofQuotePayload): Uint8Array {
    return quoteDigest(payload, this.config.domain);
  }
}
