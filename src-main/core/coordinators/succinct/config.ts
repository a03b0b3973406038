// A Succinct coordinator's stored settings (the signing key is in the keychain; its address, which is public,
// is kept here to show it without reading the key) and the market settings the adapter runs with.
import { z } from 'zod';
import { ProofMode } from './gen/types_pb.js';
import type { SuccinctMarketSettings } from './adapter.js';

/** The circuit version of the SP1 release the network's requests use now (succinct-network.md §4.1). */
export const DEFAULT_SUCCINCT_VERSION = 'sp1-v6.1.0';
export const SUCCINCT_MAINNET_URL = 'https://rpc.mainnet.succinct.xyz';
export const DEFAULT_MAX_OUTSTANDING = 2;
/** Downloads, witness and submission on top of the proving time (sp1-cluster's base buffer is 30 s). */
const BUFFER_MS = 30_000;
const MAX_ARTIFACT_BYTES = 2 * 2 ** 30;

export const SuccinctConfigSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  version: z.string().min(1).max(100),
  chainId: z.number().int().positive().optional(),
  throughputPgusPerS: z.number().positive().optional(),
  maxOutstanding: z.number().int().min(1).max(100).optional(),
  maxGasLimit: z.string().regex(/^\d{1,20}$/).optional(),
  signerAddress: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
});
export type SuccinctConfig = z.infer<typeof SuccinctConfigSchema>;

export function succinctMarketSettings(config: Omit<SuccinctConfig, 'signerAddress'>, practice: boolean): SuccinctMarketSettings {
  return {
    version: config.version,
    ...(config.chainId === undefined ? {} : { chainId: BigInt(config.chainId) }),
    // The practice network proves Groth16 circuits; SP1 requests on the real network are mostly compressed.
    mode: practice ? ProofMode.GROTH16 : ProofMode.COMPRESSED,
    maxOutstanding: config.maxOutstanding ?? DEFAULT_MAX_OUTSTANDING,
    maxGasLimit: BigInt(config.maxGasLimit ?? '0'),
    bufferMs: practice ? 5_000 : BUFFER_MS,
    maxArtifactBytes: MAX_ARTIFACT_BYTES,
  };
}
