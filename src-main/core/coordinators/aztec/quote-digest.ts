// EIP-712 digest, signing and signer recovery of Aztec epoch proof quotes (aztec-epoch-quotes.md §3): domain
// "Aztec Rollup" / "1" / L1 chain id / rollup address, struct hash over abi.encode words, and
// keccak256(0x1901 ‖ domainSeparator ‖ structHash) — what the rollup's `quoteToDigest` computes.
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { checksumAddress, keccak256, recoverDigestSigner, sameBytes } from '../../secrets/eth-signer.js';
import type { Signer } from '../../secrets/signing-keys.js';
import { addressWord, encodeQuoteTuple, uintWord } from './rollup-abi.js';
import { checkPayload, type EpochProofQuotePayload, type SignedEpochProofQuote } from './quote-wire.js';

export const DOMAIN_NAME = 'Aztec Rollup';
/** Hard-coded in the Rollup contract (`EIP712("Aztec Rollup", "1")`). */
export const DEFAULT_DOMAIN_VERSION = '1';
export const EIP712_DOMAIN_TYPE = 'EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)';
export const EPOCH_PROOF_QUOTE_TYPE =
  'EpochProofQuote(uint256 epochToProve,uint256 validUntilSlot,uint256 bondAmount,address prover,uint32 basisPointFee)';

const DOMAIN_TYPEHASH = keccak256(utf8ToBytes(EIP712_DOMAIN_TYPE));
const QUOTE_TYPEHASH = keccak256(utf8ToBytes(EPOCH_PROOF_QUOTE_TYPE));

/** Which rollup a quote is for. */
export interface QuoteDomain {
  /** The L1 chain id. */
  chainId: number;
  /** The Rollup contract (verifyingContract), 20 bytes. */
  rollupAddress: Uint8Array;
  /** "1" unless a target rollup says otherwise (check with checkDigestAgainstRollup). */
  version?: string;
}

export function domainSeparator(domain: QuoteDomain): Uint8Array {
  return keccak256(
    concatBytes(
      DOMAIN_TYPEHASH,
      keccak256(utf8ToBytes(DOMAIN_NAME)),
      keccak256(utf8ToBytes(domain.version ?? DEFAULT_DOMAIN_VERSION)),
      uintWord(domain.chainId),
      addressWord(domain.rollupAddress),
    ),
  );
}

/** keccak256(abi.encode(typehash, epochToProve, validUntilSlot, bondAmount, prover, basisPointFee)). */
export function quoteStructHash(payload: EpochProofQuotePayload): Uint8Array {
  checkPayload(payload);
  return keccak256(concatBytes(QUOTE_TYPEHASH, encodeQuoteTuple(payload)));
}

/** The 32-byte digest the prover signs and the rollup's `quoteToDigest` returns. */
export function quoteDigest(payload: EpochProofQuotePayload, domain: QuoteDomain): Uint8Array {
  return keccak256(concatBytes(new Uint8Array([0x19, 0x01]), domainSeparator(domain), quoteStructHash(payload)));
}

/** Signs a quote as `EpochProofQuote.new` does: only the prover named in the payload may sign it. */
export function signQuote(payload: EpochProofQuotePayload, signer: Signer, domain: QuoteDomain): SignedEpochProofQuote {
  if (!sameBytes(payload.prover, signer.address)) {
    throw new Error(`the quote names prover ${checksumAddress(payload.prover)} but the signing key is ${signer.addressText}`);
  }
  return { payload, signature: signer.signDigest(quoteDigest(payload, domain)) };
}

/** The address that signed the quote for this domain (a wrong domain recovers some other address). */
export function recoverQuoteSigner(quote: SignedEpochProofQuote, domain: QuoteDomain): Uint8Array {
  return recoverDigestSigner(quoteDigest(quote.payload, domain), quote.signature);
}
