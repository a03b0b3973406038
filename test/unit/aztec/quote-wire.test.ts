// The Aztec quote wire formats: the quote provider's request parsing (every failure names its field), the
// payload and signed-quote binary layouts byte by byte (§2.1/§2.2), and the JSON form's round trip.
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../src-main/core/secrets/eth-signer.js';
import { signerFromKey } from '../../../src-main/core/secrets/signing-keys.js';
import { signQuote } from '../../../src-main/core/coordinators/aztec/quote-digest.js';
import {
  parseQuoteRequest,
  payloadFromBytes,
  payloadToBytes,
  quoteFromBytes,
  quoteFromJson,
  quoteToBytes,
  quoteToJson,
  QuoteFormatError,
  type EpochProofQuotePayload,
} from '../../../src-main/core/coordinators/aztec/quote-wire.js';

const signer = signerFromKey(fromHex('0x' + '42'.repeat(32)));
const domain = { chainId: 31337, rollupAddress: fromHex('0x5FbDB2315678afecb367f032d93F642f64180aa3') };
const request = { epochNumber: 7, fromBlock: 57, toBlock: 64, totalFees: '32000000000000000', txCount: 32 };

describe('quote request parsing', () => {
  it('reads the node’s request, with toBlock or the docs’ endBlock', () => {
    const expected = { epochNumber: 7, fromBlock: 57, toBlock: 64, totalFeesWei: 32_000_000_000_000_000n, txCount: 32 };
    expect(parseQuoteRequest(request)).toEqual({ ok: true, request: expected });
    const { toBlock, ...withoutTo } = request;
    expect(parseQuoteRequest({ ...withoutTo, endBlock: toBlock })).toEqual({ ok: true, request: expected });
    expect(parseQuoteRequest({ ...request, endBlock: toBlock })).toEqual({ ok: true, request: expected });
    // Fields the node may add later are ignored; fees beyond 2^53 stay exact.
    expect(parseQuoteRequest({ ...request, totalFees: '123456789012345678901234567890', extra: true })).toMatchObject({
      ok: true,
      request: { totalFeesWei: 123456789012345678901234567890n },
    });
  });

  it.each([
    ['a missing epochNumber', { ...request, epochNumber: undefined }, 'epochNumber: is missing'],
    ['a missing toBlock (and endBlock)', { ...request, toBlock: undefined }, 'toBlock: is missing'],
    ['a missing totalFees', { ...request, totalFees: undefined }, 'totalFees: is missing'],
    ['a negative txCount', { ...request, txCount: -1 }, 'txCount: must be a non-negative whole number'],
    ['a fractional fromBlock', { ...request, fromBlock: 1.5 }, 'fromBlock: must be a non-negative whole number'],
    ['a string epochNumber', { ...request, epochNumber: '7' }, 'epochNumber: must be a non-negative whole number'],
    ['an unsafe integer', { ...request, toBlock: 2 ** 60 }, 'toBlock: must be a non-negative whole number'],
    ['totalFees as a number', { ...request, totalFees: 32 }, 'totalFees: must be a string of decimal digits (wei)'],
    ['totalFees in hex', { ...request, totalFees: '0x20' }, 'totalFees: must be a string of decimal digits (wei)'],
    ['totalFees in exponent form', { ...request, totalFees: '3.2e16' }, 'totalFees: must be a string of decimal digits (wei)'],
    ['negative totalFees', { ...request, totalFees: '-5' }, 'totalFees: must be a string of decimal digits (wei)'],
    ['toBlock and endBlock that disagree', { ...request, endBlock: 65 }, 'toBlock: 64 disagrees with endBlock 65'],
    ['a toBlock before fromBlock', { ...request, toBlock: 56 }, 'toBlock: 56 is before fromBlock 57'],
    ['an array', [request], 'body: must be a JSON object'],
    ['null', null, 'body: must be a JSON object'],
  ])('refuses %s, naming the field', (_what, body, reason) => {
    expect(parseQuoteRequest(body)).toEqual({ ok: false, reason });
  });
});

describe('EpochProofQuote binary form', () => {
  const prover = Uint8Array.from({ length: 20 }, (_, i) => i + 1);
  const payload: EpochProofQuotePayload = { epochToProve: 5n, validUntilSlot: 0x0102n, bondAmount: 1000n, prover, basisPointFee: 100 };

  it('lays the payload out in 120 bytes at the §2.1 offsets', () => {
    const expected = new Uint8Array(120);
    expected[31] = 0x05; // epochToProve: bytes 0..31, big-endian
    expected[62] = 0x01; // validUntilSlot: bytes 32..63
    expected[63] = 0x02;
    expected[94] = 0x03; // bondAmount 1000 = 0x03e8: bytes 64..95
    expected[95] = 0xe8;
    expected.set(prover, 96); // prover: bytes 96..115
    expected[119] = 0x64; // basisPointFee 100 as a uint32 BE: bytes 116..119
    const bytes = payloadToBytes(payload);
    expect(bytes).toHaveLength(120);
    expect(toHex(bytes)).toBe(toHex(expected));
    expect(payloadFromBytes(bytes)).toEqual(payload);
  });

  it('appends r, s and v as a uint32 for the 188-byte signed quote', () => {
    const signature = new Uint8Array(65);
    signature.fill(0xaa, 0, 32);
    signature.fill(0xbb, 32, 64);
    signature[64] = 28;
    const bytes = quoteToBytes({ payload, signature });
    expect(bytes).toHaveLength(188);
    expect(toHex(bytes.subarray(0, 120))).toBe(toHex(payloadToBytes(payload)));
    expect(bytes.subarray(120, 152).every((b) => b === 0xaa)).toBe(true);
    expect(bytes.subarray(152, 184).every((b) => b === 0xbb)).toBe(true);
    expect(toHex(bytes.subarray(184))).toBe('0x0000001c');
    expect(quoteFromBytes(bytes)).toEqual({ payload, signature });
  });

  it('refuses wrong sizes and out-of-range fields', () => {
    expect(() => payloadFromBytes(new Uint8Array(119))).toThrow(/120 bytes, got 119/);
    expect(() => quoteFromBytes(new Uint8Array(120))).toThrow(/188 bytes, got 120/);
    expect(() => payloadToBytes({ ...payload, basisPointFee: 10_001 })).toThrow(QuoteFormatError);
    expect(() => payloadToBytes({ ...payload, bondAmount: 1n << 256n })).toThrow(/bondAmount: .* does not fit in a uint256/);
    expect(() => payloadToBytes({ ...payload, prover: new Uint8Array(19) })).toThrow(/prover: an address is 20 bytes/);
  });
});

describe('EpochProofQuote JSON form', () => {
  /** Signed quotes for epochs 0, 1, 2, …: RFC 6979 signatures are deterministic, so both v values turn up. */
  const signedQuotes = Array.from({ length: 12 }, (_, epoch) =>
    signQuote({ epochToProve: BigInt(epoch), validUntilSlot: 100n, bondAmount: 100_000_000_000_000_000_000n, prover: signer.address, basisPointFee: 100 }, signer, domain),
  );

  it('writes decimal strings, a 0x address, a number fee and v in hex, and reads it back', () => {
    for (const quote of signedQuotes) {
      const json = quoteToJson(quote);
      expect(json.payload).toEqual({
        epochToProve: quote.payload.epochToProve.toString(),
        validUntilSlot: '100',
        bondAmount: '100000000000000000000',
        prover: toHex(signer.address),
        basisPointFee: 100,
      });
      expect(json.signature).toMatch(/^0x[0-9a-f]{128}(1b|1c)$/);
      expect(json.signature.slice(2, 130)).toBe(toHex(quote.signature.subarray(0, 64)).slice(2));
      expect(quoteFromJson(JSON.parse(JSON.stringify(json)))).toEqual(quote);
    }
    const vs = signedQuotes.map((quote) => quoteToJson(quote).signature.slice(-2));
    expect(new Set(vs)).toEqual(new Set(['1b', '1c']));
  });

  it('accepts the bigints as JSON numbers, as the node’s z.coerce.bigint does', () => {
    const json = quoteToJson(signedQuotes[0]!);
    const withNumbers = { ...json, payload: { ...json.payload, epochToProve: 0, validUntilSlot: 100 } };
    expect(quoteFromJson(withNumbers)).toEqual(signedQuotes[0]);
  });

  it.each([
    ['a missing prover', (p: Record<string, unknown>) => ({ ...p, prover: undefined }), /payload\.prover: is missing/],
    ['a short prover', (p: Record<string, unknown>) => ({ ...p, prover: '0x1234' }), /payload\.prover: must be 0x and 40 hexadecimal digits/],
    ['a fee above 10000', (p: Record<string, unknown>) => ({ ...p, basisPointFee: 10_001 }), /payload\.basisPointFee: must be at most 10000/],
    ['a fee as a string', (p: Record<string, unknown>) => ({ ...p, basisPointFee: '100' }), /payload\.basisPointFee: must be a JSON number/],
    ['a negative bond', (p: Record<string, unknown>) => ({ ...p, bondAmount: '-1' }), /payload\.bondAmount: must be a non-negative whole number/],
    ['an epoch beyond uint256', (p: Record<string, unknown>) => ({ ...p, epochToProve: (1n << 256n).toString() }), /payload\.epochToProve: does not fit in a uint256/],
  ])('refuses %s, naming the field', (_what, change, message) => {
    const json = quoteToJson(signedQuotes[0]!);
    expect(() => quoteFromJson({ ...json, payload: change(json.payload) })).toThrow(message);
  });

  it('refuses a signature with fewer than 129 hex digits', () => {
    const json = quoteToJson(signedQuotes[0]!);
    expect(() => quoteFromJson({ ...json, signature: json.signature.slice(0, 130) })).toThrow(/signature: must be 0x, r and s/);
    expect(() => quoteFromJson({ payload: json.payload })).toThrow(/signature: is missing/);
  });
});
