// Wire formats of Aztec epoch proof quotes (../shared/protocols/aztec-epoch-quotes.md): the quote-provider
// HTTP contract a prover node calls (§4.1), and the EpochProofQuote payload and signed quote in their JSON
// (§2.2, as `node_addEpochProofQuote` carries them) and binary (§2.1/§2.2, as P2P gossip carries them) forms.
import { z } from 'zod';
import { fromHex, toHex, type Hex } from '../../secrets/eth-signer.js';
import { uintWord, wordToBigint } from './rollup-abi.js';

export const MAX_BASIS_POINT_FEE = 10_000;
/** PROOF_COMMITMENT_MIN_BOND_AMOUNT_IN_TST on the rollup. */
export const MIN_BOND_AMOUNT = 1000n;
/** What the prover node puts in validUntilSlot when the provider names none (Number.MAX_SAFE_INTEGER). */
export const NO_EXPIRY_SLOT = 9_007_199_254_740_991n;
export const QUOTE_PAYLOAD_BYTES = 120;
export const SIGNED_QUOTE_BYTES = 188;
const UINT256_LIMIT = 1n << 256n;

// ---- Quote provider HTTP contract (§4.1) ----

/** A quote request as the provider reads it; `toBlock` is the last block, inclusive. */
export interface QuoteRequest {
  epochNumber: number;
  fromBlock: number;
  toBlock: number;
  totalFeesWei: bigint;
  txCount: number;
}

/** The body a prover node POSTs (HttpQuoteProvider's HttpQuoteRequestPayload). */
export interface QuoteRequestBody {
  epochNumber: number;
  fromBlock: number;
  toBlock: number;
  totalFees: string;
  txCount: number;
}

/** The provider's 200 answer. bondAmount and validUntilSlot are decimal strings (bigints). */
export interface QuoteResponseBody {
  /** 1..10000; 0 reads as "missing" on the node. */
  basisPointFee: number;
  /** At least 1000, backed by the prover's escrow deposit. */
  bondAmount: string;
  /** An absolute L2 slot; left out means no expiry. */
  validUntilSlot?: string;
}

const WHOLE_NUMBER = 'must be a non-negative whole number';

const wholeNumber = z
  .number({ error: (issue) => (issue.input === undefined ? 'is missing' : WHOLE_NUMBER) })
  .int({ error: WHOLE_NUMBER })
  .nonnegative({ error: WHOLE_NUMBER });

const QuoteRequestSchema = z.object({
  epochNumber: wholeNumber,
  fromBlock: wholeNumber,
  // The code sends toBlock, the docs say endBlock: either is accepted (one is required, below).
  toBlock: wholeNumber.optional(),
  endBlock: wholeNumber.optional(),
  totalFees: z
    .string({ error: (issue) => (issue.input === undefined ? 'is missing' : 'must be a string of decimal digits (wei)') })
    .regex(/^\d{1,78}$/, { error: 'must be a string of decimal digits (wei)' }),
  txCount: wholeNumber,
});

export type QuoteRequestParse = { ok: true; request: QuoteRequest } | { ok: false; reason: string };

/** Reads a quote request body (already JSON-parsed); a failure's reason names the field, for a 400. */
export function parseQuoteRequest(body: unknown): QuoteRequestParse {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, reason: 'body: must be a JSON object' };
  const parsed = QuoteRequestSchema.safeParse(body);
  if (!parsed.success) return { ok: false, reason: describeIssue(parsed.error) };
  const { epochNumber, fromBlock, toBlock, endBlock, totalFees, txCount } = parsed.data;
  if (toBlock === undefined && endBlock === undefined) return { ok: false, reason: 'toBlock: is missing' };
  if (toBlock !== undefined && endBlock !== undefined && toBlock !== endBlock) {
    return { ok: false, reason: `toBlock: ${toBlock} disagrees with endBlock ${endBlock}` };
  }
  const lastBlock = (toBlock ?? endBlock)!;
  if (lastBlock < fromBlock) return { ok: false, reason: `toBlock: ${lastBlock} is before fromBlock ${fromBlock}` };
  return { ok: true, request: { epochNumber, fromBlock, toBlock: lastBlock, totalFeesWei: BigInt(totalFees), txCount } };
}

// ---- EpochProofQuote (§2) ----

export interface EpochProofQuotePayload {
  epochToProve: bigint;
  /** Absolute L2 slot. */
  validUntilSlot: bigint;
  bondAmount: bigint;
  /** 20 bytes: the signer's address. */
  prover: Uint8Array;
  /** 0..10000 in the payload (the node's HTTP provider and the pool want 1..10000). */
  basisPointFee: number;
}

export interface SignedEpochProofQuote {
  payload: EpochProofQuotePayload;
  /** 65 bytes r ‖ s ‖ v, v = 27/28. */
  signature: Uint8Array;
}

export interface EpochProofQuoteJson {
  payload: {
    epochToProve: string;
    validUntilSlot: string;
    bondAmount: string;
    prover: Hex;
    basisPointFee: number;
  };
  /** 0x, r (64 hex), s (64 hex), v as toString(16) ("1b"/"1c"). */
  signature: Hex;
}

/** A quote that cannot be read or does not fit the protocol's ranges. */
export class QuoteFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuoteFormatError';
  }
}

/** Throws QuoteFormatError unless every field fits its Solidity type and the fee is 0..10000. */
export function checkPayload(payload: EpochProofQuotePayload): void {
  for (const field of ['epochToProve', 'validUntilSlot', 'bondAmount'] as const) {
    const value = payload[field];
    if (value < 0n || value >= UINT256_LIMIT) throw new QuoteFormatError(`${field}: ${value} does not fit in a uint256`);
  }
  if (payload.prover.length !== 20) throw new QuoteFormatError(`prover: an address is 20 bytes, got ${payload.prover.length}`);
  const fee = payload.basisPointFee;
  if (!Number.isInteger(fee) || fee < 0 || fee > MAX_BASIS_POINT_FEE) throw new QuoteFormatError(`basisPointFee: must be a whole number from 0 to 10000, got ${fee}`);
}

export function quoteToJson(quote: SignedEpochProofQuote): EpochProofQuoteJson {
  const { payload, signature } = quote;
  checkPayload(payload);
  checkSignatureLength(signature);
  return {
    payload: {
      epochToProve: payload.epochToProve.toString(),
      validUntilSlot: payload.validUntilSlot.toString(),
      bondAmount: payload.bondAmount.toString(),
      prover: toHex(payload.prover),
      basisPointFee: payload.basisPointFee,
    },
    signature: `${toHex(signature.subarray(0, 64))}${signature[64]!.toString(16)}`,
  };
}

function checkSignatureLength(signature: Uint8Array): void {
  if (signature.length !== 65) throw new QuoteFormatError(`signature: expected 65 bytes (r, s, v), got ${signature.length}`);
}

const UINT256_TEXT = 'must be a non-negative whole number (a decimal string, or a JSON number up to 2^53)';

/** As the node's zod schema (z.coerce.bigint): a decimal string or a JSON number. */
const uint256 = z
  .union([z.string().regex(/^\d{1,78}$/, { error: UINT256_TEXT }), z.number().int({ error: UINT256_TEXT }).nonnegative({ error: UINT256_TEXT })], {
    error: (issue) => (issue.input === undefined ? 'is missing' : UINT256_TEXT),
  })
  .transform((value) => BigInt(value))
  .refine((value) => value < UINT256_LIMIT, { error: 'does not fit in a uint256' });

const EpochProofQuoteJsonSchema = z.object({
  payload: z.object(
    {
      epochToProve: uint256,
      validUntilSlot: uint256,
      bondAmount: uint256,
      prover: z
        .string({ error: (issue) => (issue.input === undefined ? 'is missing' : 'must be an address string') })
        .regex(/^0x[0-9a-fA-F]{40}$/, { error: 'must be 0x and 40 hexadecimal digits' }),
      basisPointFee: z
        .number({ error: (issue) => (issue.input === undefined ? 'is missing' : 'must be a JSON number') })
        .int({ error: 'must be a whole number' })
        .min(0, { error: 'must be at least 0' })
        .max(MAX_BASIS_POINT_FEE, { error: 'must be at most 10000' }),
    },
    { error: (issue) => (issue.input === undefined ? 'is missing' : 'must be an object') },
  ),
  signature: z
    .string({ error: (issue) => (issue.input === undefined ? 'is missing' : 'must be a hex string') })
    .regex(/^0x[0-9a-fA-F]{129,130}$/, { error: 'must be 0x, r and s (64 hex digits each) and v in hex' }),
});

/** Reads a quote's JSON form; throws QuoteFormatError naming the field. */
export function quoteFromJson(value: unknown): SignedEpochProofQuote {
  const parsed = EpochProofQuoteJsonSchema.safeParse(value);
  if (!parsed.success) throw new QuoteFormatError(`not an epoch proof quote: ${describeIssue(parsed.error)}`);
  const { payload, signature } = parsed.data;
  const rs = fromHex(signature.slice(2, 130), 64);
  const v = parseInt(signature.slice(130), 16);
  const bytes = new Uint8Array(65);
  bytes.set(rs);
  bytes[64] = v;
  return { payload: { ...payload, prover: fromHex(payload.prover, 20) }, signature: bytes };
}

/** 120 bytes: epochToProve, validUntilSlot, bondAmount (32 bytes BE each), prover (20), basisPointFee (uint32 BE). */
export function payloadToBytes(payload: EpochProofQuotePayload): Uint8Array {
  checkPayload(payload);
  const bytes = new Uint8Array(QUOTE_PAYLOAD_BYTES);
  bytes.set(uintWord(payload.epochToProve), 0);
  bytes.set(uintWord(payload.validUntilSlot), 32);
  bytes.set(uintWord(payload.bondAmount), 64);
  bytes.set(payload.prover, 96);
  new DataView(bytes.buffer).setUint32(116, payload.basisPointFee);
  return bytes;
}

export function payloadFromBytes(bytes: Uint8Array): EpochProofQuotePayload {
  if (bytes.length !== QUOTE_PAYLOAD_BYTES) throw new QuoteFormatError(`a quote payload is ${QUOTE_PAYLOAD_BYTES} bytes, got ${bytes.length}`);
  const payload: EpochProofQuotePayload = {
    epochToProve: wordToBigint(bytes.subarray(0, 32)),
    validUntilSlot: wordToBigint(bytes.subarray(32, 64)),
    bondAmount: wordToBigint(bytes.subarray(64, 96)),
    prover: bytes.slice(96, 116),
    basisPointFee: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(116),
  };
  checkPayload(payload);
  return payload;
}

/** 188 bytes: the payload, then r (32), s (32) and v as a uint32 BE. */
export function quoteToBytes(quote: SignedEpochProofQuote): Uint8Array {
  checkSignatureLength(quote.signature);
  const bytes = new Uint8Array(SIGNED_QUOTE_BYTES);
  bytes.set(payloadToBytes(quote.payload));
  bytes.set(quote.signature.subarray(0, 64), QUOTE_PAYLOAD_BYTES);
  new DataView(bytes.buffer).setUint32(QUOTE_PAYLOAD_BYTES + 64, quote.signature[64]!);
  return bytes;
}

export function quoteFromBytes(bytes: Uint8Array): SignedEpochProofQuote {
  if (bytes.length !== SIGNED_QUOTE_BYTES) throw new QuoteFormatError(`a signed quote is ${SIGNED_QUOTE_BYTES} bytes, got ${bytes.length}`);
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(QUOTE_PAYLOAD_BYTES + 64);
  if (v > 0xff) throw new QuoteFormatError(`signature: v must fit in one byte, got ${v}`);
  const signature = new Uint8Array(65);
  signature.set(bytes.subarray(QUOTE_PAYLOAD_BYTES, QUOTE_PAYLOAD_BYTES + 64));
  signature[64] = v;
  return { payload: payloadFromBytes(bytes.subarray(0, QUOTE_PAYLOAD_BYTES)), signature };
}

/** The first problem, as "field.path: message"; `root` names the value itself when the problem is there. */
export function describeIssue(error: z.ZodError, root = 'body'): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  return `${issue.path.join('.') || root}: ${issue.message}`;
}
