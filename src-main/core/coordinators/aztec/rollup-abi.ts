// Solidity ABI pieces of the quote-era Aztec rollup (aztec-epoch-quotes.md §2.3, §3, §7.2), shared by the app
// and the sandbox: 32-byte words, selectors and event topics computed with keccak, the EpochProofQuote tuple
// (`quoteToDigest`'s argument) and the EpochProofClaim tuple (`getProofClaim`'s answer).
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { keccak256 } from '../../secrets/eth-signer.js';
import type { EpochProofQuotePayload } from './quote-wire.js';

export const WORD_BYTES = 32;
const UINT256_LIMIT = 1n << 256n;

export const QUOTE_TO_DIGEST_SIGNATURE = 'quoteToDigest((uint256,uint256,uint256,address,uint32))';
export const GET_PROOF_CLAIM_SIGNATURE = 'getProofClaim()';
/** `ProofRightClaimed(uint256 indexed epoch, address indexed bondProvider, address indexed proposer, uint256 bondAmount, uint256 currentSlot)`. */
export const PROOF_RIGHT_CLAIMED_SIGNATURE = 'ProofRightClaimed(uint256,address,address,uint256,uint256)';
/** ERC-20 `Transfer(address indexed from, address indexed to, uint256 value)`. */
export const ERC20_TRANSFER_SIGNATURE = 'Transfer(address,address,uint256)';

/** The first 4 bytes of keccak256 of a function's canonical signature. */
export function selectorOf(signature: string): Uint8Array {
  return keccak256(utf8ToBytes(signature)).subarray(0, 4);
}

/** keccak256 of an event's canonical signature: its logs' first topic. */
export function topicOf(signature: string): Uint8Array {
  return keccak256(utf8ToBytes(signature));
}

/** A uint256 (or smaller uint) as one big-endian word. */
export function uintWord(value: bigint | number): Uint8Array {
  const big = BigInt(value);
  if (big < 0n || big >= UINT256_LIMIT) throw new RangeError(`${big} does not fit in a uint256`);
  const word = new Uint8Array(WORD_BYTES);
  let rest = big;
  for (let i = WORD_BYTES - 1; i >= 0 && rest > 0n; i--) {
    word[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return word;
}

/** An address left-padded to a word, as abi.encode and indexed topics write it. */
export function addressWord(address: Uint8Array): Uint8Array {
  if (address.length !== 20) throw new RangeError(`an address is 20 bytes, got ${address.length}`);
  const word = new Uint8Array(WORD_BYTES);
  word.set(address, 12);
  return word;
}

export function wordToBigint(word: Uint8Array): bigint {
  let value = 0n;
  for (const byte of word) value = (value << 8n) | BigInt(byte);
  return value;
}

/** The address in a word; throws when the upper 12 bytes are not zero (not an address). */
export function wordToAddress(word: Uint8Array): Uint8Array {
  if (word.length !== WORD_BYTES || word.subarray(0, 12).some((byte) => byte !== 0)) throw new Error('the word does not hold an address');
  return word.slice(12);
}

/** The i-th word of ABI data; throws when the data is too short. */
export function wordAt(data: Uint8Array, index: number): Uint8Array {
  const start = index * WORD_BYTES;
  if (data.length < start + WORD_BYTES) throw new Error(`expected at least ${index + 1} ABI words, got ${data.length} bytes`);
  return data.subarray(start, start + WORD_BYTES);
}

/** abi.encode of the (static) EpochProofQuote tuple: five words in field order. */
export function encodeQuoteTuple(payload: EpochProofQuotePayload): Uint8Array {
  return concatBytes(
    uintWord(payload.epochToProve),
    uintWord(payload.validUntilSlot),
    uintWord(payload.bondAmount),
    addressWord(payload.prover),
    uintWord(payload.basisPointFee),
  );
}

export function decodeQuoteTuple(data: Uint8Array): EpochProofQuotePayload {
  const fee = wordToBigint(wordAt(data, 4));
  if (fee >= 1n << 32n) throw new Error('basisPointFee does not fit in a uint32');
  return {
    epochToProve: wordToBigint(wordAt(data, 0)),
    validUntilSlot: wordToBigint(wordAt(data, 1)),
    bondAmount: wordToBigint(wordAt(data, 2)),
    prover: wordToAddress(wordAt(data, 3)),
    basisPointFee: Number(fee),
  };
}

/** `quoteToDigest(EpochProofQuote)` calldata. */
export function encodeQuoteToDigestCall(payload: EpochProofQuotePayload): Uint8Array {
  return concatBytes(selectorOf(QUOTE_TO_DIGEST_SIGNATURE), encodeQuoteTuple(payload));
}

/** The rollup's proof claim (DataStructures.EpochProofClaim); all zero means none. */
export interface EpochProofClaim {
  epochToProve: bigint;
  basisPointFee: bigint;
  bondAmount: bigint;
  bondProvider: Uint8Array;
  proposerClaimant: Uint8Array;
}

export function encodeProofClaim(claim: EpochProofClaim): Uint8Array {
  return concatBytes(
    uintWord(claim.epochToProve),
    uintWord(claim.basisPointFee),
    uintWord(claim.bondAmount),
    addressWord(claim.bondProvider),
    addressWord(claim.proposerClaimant),
  );
}

export function decodeProofClaim(data: Uint8Array): EpochProofClaim {
  return {
    epochToProve: wordToBigint(wordAt(data, 0)),
    basisPointFee: wordToBigint(wordAt(data, 1)),
    bondAmount: wordToBigint(wordAt(data, 2)),
    bondProvider: wordToAddress(wordAt(data, 3)),
    proposerClaimant: wordToAddress(wordAt(data, 4)),
  };
}
