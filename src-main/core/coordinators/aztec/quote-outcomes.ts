// What became of the app's quotes, read from L1 (aztec-epoch-quotes.md §7.2): the rollup's ProofRightClaimed
// logs with this prover as bond provider, and the fee asset's Transfers from the rollup to it (the payouts
// when a claimed epoch is proven). Also the check that this app's EIP-712 digest is the rollup's own.
import { checksumAddress, sameBytes, toHex } from '../../secrets/eth-signer.js';
import type { L1Client, L1Log } from './node-rpc-client.js';
import { DEFAULT_DOMAIN_VERSION, quoteDigest, type QuoteDomain } from './quote-digest.js';
import type { EpochProofQuotePayload } from './quote-wire.js';
import {
  addressWord,
  decodeProofClaim,
  encodeQuoteToDigestCall,
  ERC20_TRANSFER_SIGNATURE,
  GET_PROOF_CLAIM_SIGNATURE,
  PROOF_RIGHT_CLAIMED_SIGNATURE,
  selectorOf,
  topicOf,
  wordAt,
  wordToBigint,
  type EpochProofClaim,
} from './rollup-abi.js';

export interface QuoteClaim {
  epoch: bigint;
  bondAmountWei: bigint;
  /** The L2 slot the claim was made in. */
  slot: bigint;
  l1Block: bigint;
}

export interface QuotePayout {
  /** The epoch of the claim this payout proves; unknown when that claim lies before the blocks read. */
  epoch?: bigint;
  amountWei: bigint;
  l1Block: bigint;
}

export interface QuoteOutcomes {
  claims: QuoteClaim[];
  payouts: QuotePayout[];
  /** The last L1 block read: the next read starts after it. */
  lastBlock: bigint;
}

export interface OutcomeQuery {
  rollup: Uint8Array;
  prover: Uint8Array;
  fromBlock: bigint;
}

/**
 * Claims and payouts of `prover` from `fromBlock` to the latest block. Transfers are matched by sender (the
 * rollup) and recipient, on any token contract: only the rollup's fee asset pays out from the rollup. A payout
 * belongs to the prover's latest claim before it: claims follow one another, since an epoch is claimable only
 * once the one before it is proven or pruned.
 */
export async function readQuoteOutcomes(l1: L1Client, query: OutcomeQuery, signal?: AbortSignal): Promise<QuoteOutcomes> {
  const lastBlock = await l1.blockNumber(signal);
  if (lastBlock < query.fromBlock) return { claims: [], payouts: [], lastBlock };
  const range = { fromBlock: query.fromBlock, toBlock: lastBlock };
  const [claimLogs, transferLogs] = await Promise.all([
    l1.getLogs({ ...range, address: query.rollup, topics: [topicOf(PROOF_RIGHT_CLAIMED_SIGNATURE), null, addressWord(query.prover)] }, signal),
    l1.getLogs({ ...range, topics: [topicOf(ERC20_TRANSFER_SIGNATURE), addressWord(query.rollup), addressWord(query.prover)] }, signal),
  ]);

  const claims = claimLogs.map((log) => ({ log, claim: claimOf(log) }));
  const paidClaims = new Set<L1Log>();
  const payouts: QuotePayout[] = transferLogs
    // An ERC-721 Transfer has the same topic, with the token id indexed and no data.
    .filter((log) => log.topics.length === 3 && log.data.length === 32)
    .map((log) => {
      const latest = claims.filter((c) => comesBefore(c.log, log)).at(-1);
      const payout: QuotePayout = { amountWei: wordToBigint(log.data), l1Block: log.blockNumber };
      if (latest && !paidClaims.has(latest.log)) {
        paidClaims.add(latest.log);
        payout.epoch = latest.claim.epoch;
      }
      return payout;
    });
  return { claims: claims.map((c) => c.claim), payouts, lastBlock };
}

function claimOf(log: L1Log): QuoteClaim {
  const epochTopic = log.topics[1];
  if (!epochTopic) throw new Error(`a ProofRightClaimed log in L1 block ${log.blockNumber} has no epoch topic`);
  return { epoch: wordToBigint(epochTopic), bondAmountWei: wordToBigint(wordAt(log.data, 0)), slot: wordToBigint(wordAt(log.data, 1)), l1Block: log.blockNumber };
}

function comesBefore(a: L1Log, b: L1Log): boolean {
  return a.blockNumber < b.blockNumber || (a.blockNumber === b.blockNumber && a.logIndex < b.logIndex);
}

/** The rollup's current proof claim (`getProofClaim()`), or null when none is recorded. */
export async function readProofClaim(l1: L1Client, rollup: Uint8Array, signal?: AbortSignal): Promise<EpochProofClaim | null> {
  const data = await l1.call(rollup, selectorOf(GET_PROOF_CLAIM_SIGNATURE), signal);
  if (data.length === 0) throw new Error(`the rollup at ${checksumAddress(rollup)} returned no data for getProofClaim(): no contract there?`);
  const claim = decodeProofClaim(data);
  return claim.proposerClaimant.every((byte) => byte === 0) ? null : claim;
}

export class DigestMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DigestMismatchError';
  }
}

/**
 * Compares the digest this app signs with the rollup's `quoteToDigest` for the same payload. A difference means
 * the domain is wrong (§3: the version may not be "1" on every network), and quotes signed with it would be refused.
 */
export async function checkDigestAgainstRollup(
  l1: L1Client,
  rollup: Uint8Array,
  payload: EpochProofQuotePayload,
  domain: QuoteDomain,
  signal?: AbortSignal,
): Promise<void> {
  const local = quoteDigest(payload, domain);
  const remote = await l1.call(rollup, encodeQuoteToDigestCall(payload), signal);
  if (remote.length === 0) throw new DigestMismatchError(`the rollup at ${checksumAddress(rollup)} returned no data for quoteToDigest: no contract there?`);
  if (remote.length !== 32 || !sameBytes(remote, local)) {
    throw new DigestMismatchError(
      `digest mismatch: wrong chain id, rollup address or version — the rollup at ${checksumAddress(rollup)} computes ${toHex(remote)}, ` +
        `this app ${toHex(local)} with chain id ${domain.chainId}, rollup ${checksumAddress(domain.rollupAddress)}, version "${domain.version ?? DEFAULT_DOMAIN_VERSION}"`,
    );
  }
}
