// An Aztec coordinator's stored settings: the node and L1 it quotes for, the rollup whose EIP-712 domain the
// quotes are signed for, where the app's quote provider listens (the prover node's QUOTE_PROVIDER_URL), and the
// prover's address (public; the key itself is in the keychain, as for Succinct).
import { z } from 'zod';

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** AZTEC_EPOCH_DURATION of the quote-era networks and sandbox. */
export const DEFAULT_SLOTS_PER_EPOCH = 32;

export const AztecConfigSchema = z.object({
  /** The Aztec node's JSON-RPC URL (node_addEpochProofQuote). */
  nodeUrl: z.url({ protocol: /^https?$/ }),
  /** The L1 node's JSON-RPC URL (claims, payouts, the digest check); defaults to nodeUrl, as the sandbox serves both. */
  l1RpcUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** The L1 chain id of the EIP-712 domain. */
  chainId: z.number().int().positive(),
  /** The Rollup contract (the domain's verifyingContract). */
  rollupAddress: z.string().regex(ADDRESS, { message: 'must be 0x and 40 hexadecimal digits' }),
  /** Where the quote provider listens; a prover node on another machine needs an address it can reach. */
  providerHost: z
    .string()
    .regex(/^[A-Za-z0-9.:-]{1,253}$/, { message: 'must be a host name or IP address' })
    .default('127.0.0.1'),
  /** 0 = any free port. */
  providerPort: z.number().int().min(0).max(65_535).default(0),
  /** Sign quotes with the keychain key and send them to the node; off, the prover node signs what the provider answers. */
  submitQuotes: z.boolean().default(true),
  /** The node's JSON-RPC method prefix: `node` in the quote era. */
  namespace: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9]{0,31}$/, { message: 'must be a JSON-RPC method prefix such as node' })
    .optional(),
  /** Slots per epoch: a quote's validity (validForSlots) counts from the first slot after its epoch. */
  slotsPerEpoch: z.number().int().min(1).max(100_000).default(DEFAULT_SLOTS_PER_EPOCH),
  /** The prover: the keychain key's address when the app submits, else the prover node's publisher address. */
  signerAddress: z.string().regex(ADDRESS, { message: 'must be 0x and 40 hexadecimal digits' }),
});
/** As parsed, defaults filled in. */
export type AztecConfig = z.infer<typeof AztecConfigSchema>;
/** As stored or entered: the fields with defaults may be left out. */
export type AztecConfigInput = z.input<typeof AztecConfigSchema>;
