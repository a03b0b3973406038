// The quote's EIP-712 digest and signature, checked against an independent implementation (viem): digests for
// several payloads and domains, signer recovery, byte-identical signatures, and the domain's effect.
import { hashTypedData, recoverTypedDataAddress, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { checksumAddress, fromHex, toHex } from '../../../src-main/core/secrets/eth-signer.js';
import { signerFromKey } from '../../../src-main/core/secrets/signing-keys.js';
import { quoteDigest, recoverQuoteSigner, signQuote, type QuoteDomain } from '../../../src-main/core/coordinators/aztec/quote-digest.js';
import { quoteToJson, type EpochProofQuotePayload } from '../../../src-main/core/coordinators/aztec/quote-wire.js';

const KEY: Hex = `0x${'5a'.repeat(32)}`;
const signer = signerFromKey(fromHex(KEY));
const account = privateKeyToAccount(KEY);

const types = {
  EpochProofQuote: [
    { name: 'epochToProve', type: 'uint256' },
    { name: 'validUntilSlot', type: 'uint256' },
    { name: 'bondAmount', type: 'uint256' },
    { name: 'prover', type: 'address' },
    { name: 'basisPointFee', type: 'uint32' },
  ],
} as const;

const viemTypedData = (payload: EpochProofQuotePayload, domain: QuoteDomain) => ({
  domain: { name: 'Aztec Rollup', version: domain.version ?? '1', chainId: domain.chainId, verifyingContract: checksumAddress(domain.rollupAddress) },
  types,
  primaryType: 'EpochProofQuote' as const,
  message: { ...payload, prover: checksumAddress(payload.prover) },
});

const domains: QuoteDomain[] = [
  { chainId: 31337, rollupAddress: fromHex('0x5FbDB2315678afecb367f032d93F642f64180aa3') },
  { chainId: 11155111, rollupAddress: fromHex('0x' + 'ab'.repeat(20)) },
  { chainId: 1, rollupAddress: fromHex('0x' + '01'.repeat(20)), version: '2' },
];

const payloads: EpochProofQuotePayload[] = [
  { epochToProve: 0n, validUntilSlot: 0n, bondAmount: 1000n, prover: signer.address, basisPointFee: 1 },
  { epochToProve: 5n, validUntilSlot: 100n, bondAmount: 100_000_000_000_000_000_000n, prover: signer.address, basisPointFee: 100 },
  { epochToProve: 123_456n, validUntilSlot: 9_007_199_254_740_991n, bondAmount: (1n << 255n) + 7n, prover: signer.address, basisPointFee: 10_000 },
  { epochToProve: (1n << 256n) - 1n, validUntilSlot: 1n << 128n, bondAmount: 1n, prover: fromHex('0x' + 'ff'.repeat(20)), basisPointFee: 0 },
];

describe('EpochProofQuote EIP-712 digest', () => {
  it('equals viem’s hashTypedData for every payload and domain', () => {
    for (const domain of domains) {
      for (const payload of payloads) {
        expect(toHex(quoteDigest(payload, domain))).toBe(hashTypedData(viemTypedData(payload, domain)));
      }
    }
  });

  it('signs so that viem recovers the signer, with the very signature viem makes', async () => {
    for (const domain of domains) {
      for (const payload of payloads.filter((p) => p.prover === signer.address)) {
        const quote = signQuote(payload, signer, domain);
        const typedData = viemTypedData(payload, domain);
        expect(await recoverTypedDataAddress({ ...typedData, signature: toHex(quote.signature) })).toBe(signer.addressText);
        expect(toHex(quote.signature)).toBe(await account.signTypedData(typedData));
        expect(checksumAddress(recoverQuoteSigner(quote, domain))).toBe(signer.addressText);
        expect(quoteToJson(quote).signature).toBe(toHex(quote.signature).slice(0, 130) + quote.signature[64]!.toString(16));
      }
    }
  });

  it('recovers some other address under another chain id, rollup or version', () => {
    const [domain] = domains;
    const quote = signQuote(payloads[1]!, signer, domain!);
    for (const other of [{ ...domain!, chainId: 1 }, { ...domain!, rollupAddress: fromHex('0x' + '00'.repeat(19) + '01') }, { ...domain!, version: '2' }]) {
      expect(checksumAddress(recoverQuoteSigner(quote, other))).not.toBe(signer.addressText);
    }
  });

  it('refuses to sign a quote that names another prover', () => {
    expect(() => signQuote(payloads[3]!, signer, domains[0]!)).toThrow(/names prover 0xFFfF.* but the signing key is 0x/i);
  });
});
