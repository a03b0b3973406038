// The bytes ProverDesk signs are the bytes the network hashes: encodings checked against bytes worked out by
// hand from succinct-network.md §2 (tags = field number << 3 | wire type; proto3 defaults left out; `optional`
// fields written whenever set), the §3 signing vector, and the §3 domain values against viem.
import { create, toBinary } from '@bufbuild/protobuf';
import { hashDomain } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { succinctDomainSeparator } from '../../../src-main/core/coordinators/succinct/domain.js';
import {
  BidRequestBodySchema,
  FailFulfillmentRequestBodySchema,
  FulfillProofRequestBodySchema,
  GetFilteredProofRequestsRequestSchema,
  FulfillmentStatus,
  ProofRequestError,
  TransactionVariant,
} from '../../../src-main/core/coordinators/succinct/gen/types_pb.js';
import { recoverBodySigner, signBody } from '../../../src-main/core/coordinators/succinct/signing.js';
import { fromHex, toHex } from '../../../src-main/core/secrets/eth-signer.js';
import { signerFromKey } from '../../../src-main/core/secrets/signing-keys.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const requestId = fromHex('a3ac34d4d49db9984ec3e96578503591eb414edcd9c4f6fb865a8f6f8d81937a');
const domain = succinctDomainSeparator(1n);
const prover = fromHex('d7cfc5088b9ad010bffa295ff89bc472a7e8ddee');

describe('Succinct wire encoding', () => {
  it('encodes the §3 vector body (only request_id set) as the spec prints it', () => {
    const body = create(BidRequestBodySchema, { requestId });
    expect(hex(toBinary(BidRequestBodySchema, body))).toBe('1220a3ac34d4d49db9984ec3e96578503591eb414edcd9c4f6fb865a8f6f8d81937a');
  });

  it('encodes a full BidRequestBody field by field in number order', () => {
    const body = create(BidRequestBodySchema, { nonce: 300n, requestId, amount: '500000000', domain, prover, variant: TransactionVariant.BID_VARIANT });
    const expected =
      '08ac02' + // 1: nonce 300 as a varint (0xac 0x02)
      '1220' + hex(requestId) + // 2: 32 bytes
      '1a09' + Buffer.from('500000000').toString('hex') + // 3: the amount as a decimal string
      '2220' + hex(domain) + // 4: 32 bytes
      '2a14' + hex(prover) + // 5: 20 bytes
      '3001'; // 6: BID_VARIANT = 1
    expect(hex(toBinary(BidRequestBodySchema, body))).toBe(expected);
  });

  it('leaves proto3 defaults out, but writes an optional field set to zero', () => {
    expect(hex(toBinary(FulfillProofRequestBodySchema, create(FulfillProofRequestBodySchema, { nonce: 0n, requestId, proof: new Uint8Array(), variant: TransactionVariant.FULFILL_VARIANT })))).toBe(
      '1220' + hex(requestId) + '3004',
    );
    const failed = create(FailFulfillmentRequestBodySchema, { nonce: 1n, requestId, error: ProofRequestError.UNSPECIFIED_PROOF_REQUEST_ERROR });
    expect(hex(toBinary(FailFulfillmentRequestBodySchema, failed))).toBe('0801' + '1220' + hex(requestId) + '1800');
    const unset = create(FailFulfillmentRequestBodySchema, { nonce: 1n, requestId });
    expect(hex(toBinary(FailFulfillmentRequestBodySchema, unset))).toBe('0801' + '1220' + hex(requestId));
    const filter = create(GetFilteredProofRequestsRequestSchema, { version: 'sp1-v6.1.0', fulfillmentStatus: FulfillmentStatus.REQUESTED, limit: 0, notBidBy: prover });
    expect(hex(toBinary(GetFilteredProofRequestsRequestSchema, filter))).toBe('0a0a' + Buffer.from('sp1-v6.1.0').toString('hex') + '1001' + '5000' + '6a14' + hex(prover));
  });
});

describe('Succinct signing', () => {
  it('recovers the §3 test vector signer', () => {
    const signature = fromHex(
      '87c923b7a44f7768fa2ab1b8ed821be5fd2339fed6694ea788d335a4968719db3bd5334d74d15861364a947dd11642bc0550774f063fed3a59cc331ddf95531e1b',
    );
    const signer = recoverBodySigner(BidRequestBodySchema, { format: 1, signature, body: create(BidRequestBodySchema, { requestId }) });
    expect(toHex(signer)).toBe('0xd7cfc5088b9ad010bffa295ff89bc472a7e8ddee');
  });

  it('signs a body as viem signs the same bytes as a personal message (v = 27/28, format BINARY)', async () => {
    const key = fromHex('4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318');
    const body = create(BidRequestBodySchema, { nonce: 7n, requestId, amount: '120000000', domain, prover, variant: TransactionVariant.BID_VARIANT });
    const envelope = signBody(BidRequestBodySchema, body, signerFromKey(key));
    const viemSignature = await privateKeyToAccount(toHex(key)).signMessage({ message: { raw: toBinary(BidRequestBodySchema, body) } });
    expect(toHex(envelope.signature)).toBe(viemSignature);
    expect(envelope.format).toBe(1);
    expect([27, 28]).toContain(envelope.signature[64]);
    expect(toHex(recoverBodySigner(BidRequestBodySchema, envelope))).toBe(privateKeyToAccount(toHex(key)).address.toLowerCase());
  });

  it('computes the mainnet and Sepolia domains the spec gives, as viem hashes them', () => {
    expect(toHex(succinctDomainSeparator(1n))).toBe('0x55ea66757c5b1aecda6619905f594b320092db1cf4c8b6f89025c092f0bb7b5b');
    expect(toHex(succinctDomainSeparator(11_155_111n))).toBe('0x41f65a024f35f8e36641c29fb6cf141a751109a02c19a8f951c3019fa0960e9b');
    const types = { EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'version', type: 'string' }, { name: 'chainId', type: 'uint256' }] } as const;
    expect(toHex(succinctDomainSeparator(31_337n))).toBe(hashDomain({ domain: { name: 'Succinct Prover Network', version: '1.0.0', chainId: 31337n }, types }));
  });
});
