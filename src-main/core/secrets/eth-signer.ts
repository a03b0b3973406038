// Ethereum-style secp256k1 keys for the market protocols: addresses, EIP-191 personal messages (Succinct
// signs its protobuf bodies this way) and raw 32-byte digests (Aztec's EIP-712 quotes). Signatures are
// r ‖ s ‖ v with v = 27 or 28, as alloy and viem write them. Private keys stay in the main process.
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';

export type Hex = `0x${string}`;

/** A key the user gave that is not a usable secp256k1 private key; says why without echoing it. */
export class InvalidKeyError extends Error {}

export function keccak256(bytes: Uint8Array): Uint8Array {
  return keccak_256(bytes);
}

export function toHex(bytes: Uint8Array): Hex {
  return `0x${bytesToHex(bytes)}`;
}

/** Parses 0x-prefixed (or bare) hex of an exact length in bytes, if given. */
export function fromHex(hex: string, length?: number): Uint8Array {
  const body = hex.startsWith('0x') || hex.startsWith('0X') ? hex.slice(2) : hex;
  if (body.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(body)) throw new Error('not hexadecimal bytes');
  const bytes = hexToBytes(body);
  if (length !== undefined && bytes.length !== length) throw new Error(`expected ${length} bytes, got ${bytes.length}`);
  return bytes;
}

/** Reads a private key typed or pasted by a user: 64 hex digits, with or without 0x, surrounding space ignored. */
export function parsePrivateKey(text: string): Uint8Array {
  const trimmed = text.trim();
  let bytes: Uint8Array;
  try {
    bytes = fromHex(trimmed, 32);
  } catch {
    throw new InvalidKeyError('a private key is 64 hexadecimal digits (32 bytes), optionally starting with 0x');
  }
  if (!secp256k1.utils.isValidSecretKey(bytes)) throw new InvalidKeyError('that private key is outside the secp256k1 range (zero or too large)');
  return bytes;
}

export function generatePrivateKey(): Uint8Array {
  return secp256k1.utils.randomSecretKey();
}

/** The 20-byte address of an uncompressed (65-byte) or compressed public key. */
export function publicKeyToAddress(publicKey: Uint8Array): Uint8Array {
  const uncompressed = publicKey.length === 65 ? publicKey : secp256k1.Point.fromBytes(publicKey).toBytes(false);
  return keccak256(uncompressed.subarray(1)).subarray(12);
}

export function addressOf(privateKey: Uint8Array): Uint8Array {
  return publicKeyToAddress(secp256k1.getPublicKey(privateKey, false));
}

/** EIP-55 mixed-case checksum form of an address, as wallets and explorers show it. */
export function checksumAddress(address: Uint8Array): Hex {
  const lower = bytesToHex(address);
  const hash = bytesToHex(keccak256(new TextEncoder().encode(lower)));
  let out = '0x';
  for (let i = 0; i < lower.length; i++) out += parseInt(hash[i]!, 16) >= 8 ? lower[i]!.toUpperCase() : lower[i]!;
  return out as Hex;
}

/** keccak256("\x19Ethereum Signed Message:\n" + length + message), EIP-191 version 0x45. */
export function personalMessageDigest(message: Uint8Array): Uint8Array {
  const prefix = new TextEncoder().encode(`\x19Ethereum Signed Message:\n${message.length}`);
  const joined = new Uint8Array(prefix.length + message.length);
  joined.set(prefix);
  joined.set(message, prefix.length);
  return keccak256(joined);
}

/** Signs a 32-byte digest as it is (no further hashing): 65 bytes r ‖ s ‖ v, v = 27 + parity. */
export function signDigest(digest: Uint8Array, privateKey: Uint8Array): Uint8Array {
  if (digest.length !== 32) throw new Error(`a digest is 32 bytes, got ${digest.length}`);
  const recovered = secp256k1.sign(digest, privateKey, { prehash: false, format: 'recovered' });
  const signature = new Uint8Array(65);
  signature.set(recovered.subarray(1), 0);
  signature[64] = 27 + recovered[0]!;
  return signature;
}

export function signPersonalMessage(message: Uint8Array, privateKey: Uint8Array): Uint8Array {
  return signDigest(personalMessageDigest(message), privateKey);
}

/** Why a signature cannot be read, or the address that made it. Accepts v = 0, 1, 27, 28 or EIP-155 (≥ 35), like alloy. */
export function recoverDigestSigner(digest: Uint8Array, signature: Uint8Array): Uint8Array {
  if (signature.length !== 65) throw new Error(`a signature is 65 bytes (r, s, v), got ${signature.length}`);
  const v = signature[64]!;
  let parity: number;
  if (v === 0 || v === 1) parity = v;
  else if (v === 27 || v === 28) parity = v - 27;
  else if (v >= 35) parity = (v - 35) % 2;
  else throw new Error(`signature v must be 0, 1, 27, 28 or at least 35, got ${v}`);
  const recovered = new Uint8Array(65);
  recovered[0] = parity;
  recovered.set(signature.subarray(0, 64), 1);
  let publicKey: Uint8Array;
  try {
    publicKey = secp256k1.recoverPublicKey(recovered, digest, { prehash: false });
  } catch {
    throw new Error('the signature does not recover to any key (r or s out of range)');
  }
  return publicKeyToAddress(publicKey);
}

export function recoverPersonalMessageSigner(message: Uint8Array, signature: Uint8Array): Uint8Array {
  return recoverDigestSigner(personalMessageDigest(message), signature);
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
