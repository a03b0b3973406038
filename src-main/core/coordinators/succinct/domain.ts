// The network's EIP-712 domain separator, which bids and fulfilments carry (succinct-network.md §3): name
// "Succinct Prover Network", version "1.0.0", the chain id, no verifyingContract. The server's own value
// (GetProofRequestParams.domain) is preferred; these are for checking it and for offline use.
import { keccak256 } from '../../secrets/eth-signer.js';

export const SUCCINCT_MAINNET_CHAIN_ID = 1n;
export const SUCCINCT_SEPOLIA_CHAIN_ID = 11_155_111n;

const encoder = new TextEncoder();

export function succinctDomainSeparator(chainId: bigint): Uint8Array {
  const typeHash = keccak256(encoder.encode('EIP712Domain(string name,string version,uint256 chainId)'));
  const words = new Uint8Array(32 * 4);
  words.set(typeHash, 0);
  words.set(keccak256(encoder.encode('Succinct Prover Network')), 32);
  words.set(keccak256(encoder.encode('1.0.0')), 64);
  words.set(uint256(chainId), 96);
  return keccak256(words);
}

function uint256(value: bigint): Uint8Array {
  const out = new Uint8Array(32);
  let rest = value;
  for (let i = 31; i >= 0 && rest > 0n; i--) {
    out[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return out;
}
