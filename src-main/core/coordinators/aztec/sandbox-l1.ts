// The sandbox's minimal L1: one block per L2 slot, the logs the rollup and its fee asset emit, and the JSON-RPC
// reads the app's outcome tracking uses — eth_chainId, eth_blockNumber, eth_call for the rollup's
// `quoteToDigest(...)` and `getProofClaim()` (real selectors, ABI-encoded), and eth_getLogs with
// address/topic/block-range filters as Ethereum nodes apply them.
import { concatBytes } from '@noble/hashes/utils.js';
import { fromHex, keccak256, sameBytes, toHex, type Hex } from '../../secrets/eth-signer.js';
import {
  decodeQuoteTuple,
  encodeProofClaim,
  GET_PROOF_CLAIM_SIGNATURE,
  QUOTE_TO_DIGEST_SIGNATURE,
  selectorOf,
  uintWord,
  type EpochProofClaim,
} from './rollup-abi.js';
import type { EpochProofQuotePayload } from './quote-wire.js';

/** A JSON-RPC error the sandbox answers with, and the HTTP status it comes with. */
export class RpcFault extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly httpStatus = 200,
  ) {
    super(message);
  }
}

interface StoredLog {
  address: Uint8Array;
  topics: Uint8Array[];
  data: Uint8Array;
  blockNumber: bigint;
  logIndex: number;
}

/** What the rollup's views answer from the sandbox's state. */
export interface RollupViews {
  quoteToDigest(payload: EpochProofQuotePayload): Uint8Array;
  proofClaim(): EpochProofClaim;
}

const QUOTE_TO_DIGEST = selectorOf(QUOTE_TO_DIGEST_SIGNATURE);
const GET_PROOF_CLAIM = selectorOf(GET_PROOF_CLAIM_SIGNATURE);

export class SandboxL1 {
  /** The latest mined block; logs emitted now land in the next one. */
  private latestBlock = 1n;
  private readonly logs: StoredLog[] = [];

  constructor(
    readonly chainId: number,
    readonly rollupAddress: Uint8Array,
    private readonly views: RollupViews,
  ) {}

  get blockNumber(): bigint {
    return this.latestBlock;
  }

  /** Adds a log to the block being built; returns that block's number. */
  emit(address: Uint8Array, topics: Uint8Array[], data: Uint8Array): bigint {
    const blockNumber = this.latestBlock + 1n;
    const logIndex = this.logs.filter((log) => log.blockNumber === blockNumber).length;
    this.logs.push({ address, topics, data, blockNumber, logIndex });
    return blockNumber;
  }

  mine(): void {
    this.latestBlock += 1n;
  }

  /** Answers an eth_ method, or throws RpcFault. */
  handle(method: string, params: unknown[]): unknown {
    switch (method) {
      case 'eth_chainId':
        return quantity(BigInt(this.chainId));
      case 'eth_blockNumber':
        return quantity(this.latestBlock);
      case 'eth_call':
        return toHex(this.call(params[0]));
      case 'eth_getLogs':
        return this.getLogs(params[0]);
      default:
        throw new RpcFault(-32601, `the method ${method} does not exist/is not available`);
    }
  }

  private call(request: unknown): Uint8Array {
    if (typeof request !== 'object' || request === null) throw new RpcFault(-32602, 'invalid argument 0: expected a call object');
    const { to, data, input } = request as { to?: unknown; data?: unknown; input?: unknown };
    const target = hexArgument(to, 'to', 20);
    const calldata = hexArgument(data ?? input ?? '0x', 'data');
    if (!sameBytes(target, this.rollupAddress)) return new Uint8Array(0); // no contract there
    const selector = calldata.subarray(0, 4);
    if (sameBytes(selector, QUOTE_TO_DIGEST)) {
      let payload: EpochProofQuotePayload;
      try {
        payload = decodeQuoteTuple(calldata.subarray(4));
      } catch {
        throw new RpcFault(-32000, 'execution reverted');
      }
      return this.views.quoteToDigest(payload);
    }
    if (sameBytes(selector, GET_PROOF_CLAIM)) return encodeProofClaim(this.views.proofClaim());
    throw new RpcFault(-32000, 'execution reverted');
  }

  private getLogs(filter: unknown): unknown[] {
    if (typeof filter !== 'object' || filter === null) throw new RpcFault(-32602, 'invalid argument 0: expected a filter object');
    const { address, topics, fromBlock, toBlock } = filter as { address?: unknown; topics?: unknown; fromBlock?: unknown; toBlock?: unknown };
    const addresses = address === undefined || address === null ? undefined : (Array.isArray(address) ? address : [address]).map((a) => hexArgument(a, 'address', 20));
    const from = this.blockArgument(fromBlock);
    const to = this.blockArgument(toBlock);
    if (from > to) throw new RpcFault(-32602, 'invalid block range params');
    const wanted = topicFilter(topics);
    return this.logs
      .filter((log) => log.blockNumber >= from && log.blockNumber <= to && log.blockNumber <= this.latestBlock)
      .filter((log) => !addresses || addresses.some((a) => sameBytes(a, log.address)))
      .filter((log) => wanted.every((choices, i) => choices === null || (log.topics[i] !== undefined && choices.some((t) => sameBytes(t, log.topics[i]!)))))
      .map((log) => ({
        address: toHex(log.address),
        topics: log.topics.map((topic) => toHex(topic)),
        data: toHex(log.data),
        blockNumber: quantity(log.blockNumber),
        blockHash: toHex(keccak256(uintWord(log.blockNumber))),
        transactionHash: toHex(keccak256(concatBytes(uintWord(log.blockNumber), uintWord(log.logIndex)))),
        transactionIndex: quantity(BigInt(log.logIndex)),
        logIndex: quantity(BigInt(log.logIndex)),
        removed: false,
      }));
  }

  private blockArgument(value: unknown): bigint {
    if (value === undefined || value === 'latest' || value === 'safe' || value === 'finalized' || value === 'pending') return this.latestBlock;
    if (value === 'earliest') return 0n;
    if (typeof value === 'string' && /^0x[0-9a-fA-F]{1,16}$/.test(value)) return BigInt(value);
    throw new RpcFault(-32602, `invalid block number ${JSON.stringify(value)}`);
  }
}

function quantity(value: bigint): Hex {
  return `0x${value.toString(16)}`;
}

function hexArgument(value: unknown, name: string, length?: number): Uint8Array {
  try {
    if (typeof value !== 'string') throw new Error('not a string');
    return fromHex(value, length);
  } catch {
    throw new RpcFault(-32602, `invalid argument: ${name} must be ${length === undefined ? 'hex bytes' : `${length} hex bytes`}`);
  }
}

/** Per topic position: null for any, or the topics that match. */
function topicFilter(topics: unknown): (Uint8Array[] | null)[] {
  if (topics === undefined || topics === null) return [];
  if (!Array.isArray(topics)) throw new RpcFault(-32602, 'invalid argument: topics must be an array');
  return topics.map((entry: unknown) => {
    if (entry === null) return null;
    return (Array.isArray(entry) ? entry : [entry]).map((topic) => hexArgument(topic, 'topic', 32));
  });
}
