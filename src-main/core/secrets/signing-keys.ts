// A market coordinator's signing key: imported or generated once, kept only in the OS keychain, and used only
// here in the main process. Callers get the address back, never the key; a signer signs without exposing it.
import type { Keychain } from './keychain.js';
import {
  addressOf,
  checksumAddress,
  generatePrivateKey,
  parsePrivateKey,
  signDigest,
  signPersonalMessage,
  toHex,
  type Hex,
} from './eth-signer.js';

/** Keychain account holding a market coordinator's secp256k1 private key (hex). */
export const signerAccount = (coordinatorId: string) => `coordinator:${coordinatorId}:signer`;

export interface Signer {
  /** 20 bytes. */
  readonly address: Uint8Array;
  /** EIP-55 form, for showing. */
  readonly addressText: Hex;
  /** EIP-191 personal message signature, r ‖ s ‖ v (v = 27/28). */
  signPersonal(message: Uint8Array): Uint8Array;
  /** A raw 32-byte digest (EIP-712), r ‖ s ‖ v (v = 27/28). */
  signDigest(digest: Uint8Array): Uint8Array;
}

export function signerFromKey(privateKey: Uint8Array): Signer {
  const key = Uint8Array.from(privateKey);
  const address = addressOf(key);
  return {
    address,
    addressText: checksumAddress(address),
    signPersonal: (message) => signPersonalMessage(message, key),
    signDigest: (digest) => signDigest(digest, key),
  };
}

/** Stores the key the user gave (after checking it) and returns its address. */
export async function importSigningKey(keychain: Keychain, coordinatorId: string, keyText: string): Promise<Hex> {
  const key = parsePrivateKey(keyText);
  await keychain.set(signerAccount(coordinatorId), toHex(key));
  return checksumAddress(addressOf(key));
}

/** Makes a fresh key, stores it and returns its address. */
export async function generateSigningKey(keychain: Keychain, coordinatorId: string): Promise<Hex> {
  const key = generatePrivateKey();
  await keychain.set(signerAccount(coordinatorId), toHex(key));
  return checksumAddress(addressOf(key));
}

/** The coordinator's signer, or null when the keychain holds no key for it. */
export async function loadSigner(keychain: Keychain, coordinatorId: string): Promise<Signer | null> {
  const stored = await keychain.get(signerAccount(coordinatorId));
  if (stored === null) return null;
  return signerFromKey(parsePrivateKey(stored));
}
