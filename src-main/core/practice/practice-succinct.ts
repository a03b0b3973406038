// The practice market's Succinct network: a sandbox network on loopback whose requester posts practice circuits
// at the practice pace, with a rival prover bidding against this machine, so a user sees auctions won and lost,
// proofs fulfilled and PROVE earned, with nothing real at stake. Its signing key is made once and kept in the
// keychain like any other; its address is staked on the practice network at each start.
import { randomInt } from 'node:crypto';
import { DEFAULT_MAX_OUTSTANDING, type SuccinctConfig } from '../coordinators/succinct/config.js';
import { MIN_STAKE_WEI } from '../coordinators/succinct/sandbox/network-state.js';
import { startSuccinctSandbox, type SuccinctSandbox } from '../coordinators/succinct/sandbox/sandbox-network.js';
import { generatePrivateKey, toHex } from '../secrets/eth-signer.js';
import type { Keychain } from '../secrets/keychain.js';
import { loadSigner, signerAccount, signerFromKey } from '../secrets/signing-keys.js';
import { practiceCircuit } from './practice-circuits.js';
import type { PracticePackage } from './practice-packages.js';

export const PRACTICE_SUCCINCT_ID = 'practice-succinct';
/** PROVE wei per PGU: what the practice requester pays at most (2 PROVE per billion PGU), well above what a
 * desktop at the default cost model asks (about 0.2), so a slower machine still gets to bid. */
const PRACTICE_MAX_PRICE_WEI = 2_000_000_000n;
/**
 * A PGU here is a constraint (practice-formats.md), so a tiny circuit's fixed overhead makes its PGUs dear: the
 * practice network asks only for the Poseidon chains, whose price per PGU is steady, as a real network's is.
 */
const SUCCINCT_PRACTICE_CIRCUITS = new Set(['poseidon-chain-4k', 'poseidon-chain-16k']);
const PRACTICE_TICK_WEI = 10_000_000n;
const AUCTION_PERIOD_S = 3;
const DEADLINE_S = 180;
const RIVAL_PROVES_IN_MS = 15_000;

export type PracticeSuccinct = { url: string; config: SuccinctConfig } | { unavailable: string };

export async function startPracticeSuccinct(options: {
  keychain: Keychain;
  packages: PracticePackage[];
  paceMs: number;
}): Promise<{ endpoint: PracticeSuccinct; close(): Promise<void> }> {
  let address: string;
  try {
    const signer = (await loadSigner(options.keychain, PRACTICE_SUCCINCT_ID)) ?? (await storeNewKey(options.keychain));
    address = signer.addressText;
  } catch (error) {
    const reason = `the practice Succinct network needs the keychain for its signing key: ${error instanceof Error ? error.message : String(error)}`;
    return { endpoint: { unavailable: reason }, close: async () => undefined };
  }
  const choices = options.packages.filter((pkg) => SUCCINCT_PRACTICE_CIRCUITS.has(pkg.name) && practiceCircuit(pkg.name));
  const sandbox: SuccinctSandbox = await startSuccinctSandbox({
    maxPricePerPguWei: PRACTICE_MAX_PRICE_WEI,
    tickSizeWei: PRACTICE_TICK_WEI,
    accounts: [{ address, stakedWei: MIN_STAKE_WEI }],
    rivals: [
      {
        address: toHex(signerFromKey(generatePrivateKey()).address),
        // Somewhere between 3 % of the max price and all of it, on the tick: a desktop at the default cost model
        // wins most auctions, not all.
        bidWei: (_gas, maxWei) => (((maxWei * BigInt(randomInt(3, 101))) / 100n) / PRACTICE_TICK_WEI) * PRACTICE_TICK_WEI,
        proveAfterMs: RIVAL_PROVES_IN_MS,
      },
    ],
    requester: {
      intervalMs: options.paceMs,
      next: () => {
        const pkg = choices[randomInt(choices.length)];
        const definition = pkg && practiceCircuit(pkg.name);
        if (!pkg || !definition) return undefined;
        return { circuit: pkg, input: definition.nextInput(), deadlineInS: DEADLINE_S, minAuctionPeriodS: AUCTION_PERIOD_S };
      },
    },
  });
  return {
    endpoint: { url: sandbox.url, config: { url: sandbox.url, version: sandbox.state.params.version, chainId: Number(sandbox.chainId), maxOutstanding: DEFAULT_MAX_OUTSTANDING, signerAddress: address } },
    close: () => sandbox.close(),
  };
}

async function storeNewKey(keychain: Keychain) {
  const key = generatePrivateKey();
  await keychain.set(signerAccount(PRACTICE_SUCCINCT_ID), toHex(key));
  return signerFromKey(key);
}
