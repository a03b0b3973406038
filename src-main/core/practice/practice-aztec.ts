// The practice market's Aztec network: a sandbox quote-era node on loopback whose epochs end every 12 s, asking
// the app's quote provider (attached once the app's quote service runs) for a quote, with a rival prover that
// sends its own signed quote for each epoch at a random fee, so a user sees epochs won and lost, bonds staked
// and released and FEE paid out, with nothing real at stake. The app's key is made once and kept in the
// keychain; both provers' escrows are funded at each start.
import { randomInt } from 'node:crypto';
import { createStderrLogger } from '../log/logger.js';
import { HttpClient } from '../net/http-client.js';
import { AztecConfigSchema, type AztecConfig } from '../coordinators/aztec/config.js';
import { AztecNodeClient } from '../coordinators/aztec/node-rpc-client.js';
import { signQuote } from '../coordinators/aztec/quote-digest.js';
import { NO_EXPIRY_SLOT } from '../coordinators/aztec/quote-wire.js';
import { startAztecSandbox, type AztecSandbox } from '../coordinators/aztec/sandbox-node.js';
import { generatePrivateKey, toHex } from '../secrets/eth-signer.js';
import type { Keychain } from '../secrets/keychain.js';
import { loadSigner, signerAccount, signerFromKey, type Signer } from '../secrets/signing-keys.js';

export const PRACTICE_AZTEC_ID = 'practice-aztec';
export const PRACTICE_SLOT_MS = 2_000;
export const PRACTICE_SLOTS_PER_EPOCH = 6;
const PRACTICE_CLAIM_DURATION_SLOTS = 3;
/** One fee token per tx: an epoch's 24 txs pay 24 FEE, so the default pricing asks about 620 bp. */
const PRACTICE_FEE_PER_TX_WEI = 10n ** 18n;
/** Enough for a thousand of the default bonds (10^21 wei); bonds of pruned epochs stay staked. */
const PRACTICE_ESCROW_WEI = 10n ** 24n;
const RIVAL_BOND_WEI = 10n ** 21n;
const RIVAL_MIN_FEE_BP = 50;
const RIVAL_MAX_FEE_BP = 2_000;
/** How often the rival looks for a finished epoch; the claim is made a slot after the epoch ends. */
const RIVAL_WATCH_MS = 200;

export type PracticeAztecEndpoint = { nodeUrl: string; config: AztecConfig } | { unavailable: string };

export interface PracticeAztec {
  endpoint: PracticeAztecEndpoint;
  /** Points the node's epoch-end quote requests at the app's quote provider. */
  attachProvider(url: string): void;
  close(): Promise<void>;
}

export async function startPracticeAztec(options: { keychain: Keychain }): Promise<PracticeAztec> {
  let signer: Signer;
  try {
    signer = (await loadSigner(options.keychain, PRACTICE_AZTEC_ID)) ?? (await storeNewKey(options.keychain));
  } catch (error) {
    const reason = `the practice Aztec network needs the keychain for its signing key: ${error instanceof Error ? error.message : String(error)}`;
    return { endpoint: { unavailable: reason }, attachProvider: () => undefined, close: async () => undefined };
  }
  const rival = signerFromKey(generatePrivateKey());
  const sandbox = await startAztecSandbox({
    slotMs: PRACTICE_SLOT_MS,
    slotsPerEpoch: PRACTICE_SLOTS_PER_EPOCH,
    claimDurationSlots: PRACTICE_CLAIM_DURATION_SLOTS,
    feePerTxWei: PRACTICE_FEE_PER_TX_WEI,
    // The payout is the fee's share of the epoch's fees alone, as the default pricing expects.
    rewardPerBlockWei: 0n,
    escrowDepositsWei: new Map([
      [signer.addressText, PRACTICE_ESCROW_WEI],
      [rival.addressText, PRACTICE_ESCROW_WEI],
    ]),
  });
  const stopRival = startRival(sandbox, rival);
  const config = AztecConfigSchema.parse({
    nodeUrl: sandbox.url,
    chainId: sandbox.chainId,
    rollupAddress: toHex(sandbox.rollupAddress),
    slotsPerEpoch: PRACTICE_SLOTS_PER_EPOCH,
    signerAddress: signer.addressText,
  });
  return {
    endpoint: { nodeUrl: sandbox.url, config },
    attachProvider: (url) => sandbox.setQuoteProviderUrl(url),
    close: async () => {
      stopRival();
      await sandbox.close();
    },
  };
}

/** A second prover: for each finished epoch, a quote at 50 to 2000 bp, signed with its own key and sent to the node. */
function startRival(sandbox: AztecSandbox, rival: Signer): () => void {
  const logger = createStderrLogger('practice-aztec');
  const node = new AztecNodeClient({ url: sandbox.url }, new HttpClient({ timeoutMs: 5_000, retries: 0 }));
  const epochOf = (slot: bigint) => slot / BigInt(PRACTICE_SLOTS_PER_EPOCH);
  let currentEpoch = epochOf(sandbox.currentSlot());
  const timer = setInterval(() => {
    const epoch = epochOf(sandbox.currentSlot());
    if (epoch === currentEpoch) return;
    currentEpoch = epoch;
    const finished = epoch - 1n;
    const payload = { epochToProve: finished, validUntilSlot: NO_EXPIRY_SLOT, bondAmount: RIVAL_BOND_WEI, prover: rival.address, basisPointFee: randomInt(RIVAL_MIN_FEE_BP, RIVAL_MAX_FEE_BP + 1) };
    node
      .addEpochProofQuote(signQuote(payload, rival, sandbox.domain))
      .catch((error: unknown) => logger.warn(`the rival's quote for epoch ${finished} was not sent: ${error instanceof Error ? error.message : String(error)}`));
  }, RIVAL_WATCH_MS);
  timer.unref();
  return () => clearInterval(timer);
}

async function storeNewKey(keychain: Keychain): Promise<Signer> {
  const key = generatePrivateKey();
  await keychain.set(signerAccount(PRACTICE_AZTEC_ID), toHex(key));
  return signerFromKey(key);
}
