// JSON-RPC 2.0 clients of the quote flow (aztec-epoch-quotes.md §6): the Aztec node's quote pool
// (`node_addEpochProofQuote`, `node_getEpochProofQuotes`) and the few L1 reads that track a quote's outcome
// (eth_chainId, eth_blockNumber, eth_call, eth_getLogs). Every answer is checked: a JSON-RPC error becomes an
// error carrying the node's text, anything malformed a clear error, never a crash.
import { z } from 'zod';
import { HttpClient, NetworkError, type HttpAnswer } from '../../net/http-client.js';
import { fromHex, toHex, type Hex } from '../../secrets/eth-signer.js';
import { describeIssue, quoteFromJson, quoteToJson, type SignedEpochProofQuote } from './quote-wire.js';

export type NodeRpcFailure = 'refused' | 'malformed' | 'network';

/** A call that got no usable result: refused (a JSON-RPC error object), malformed, or no answer at all. */
export class NodeRpcError extends Error {
  constructor(
    message: string,
    readonly failure: NodeRpcFailure,
    /** The JSON-RPC error code, for a refusal. */
    readonly code?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'NodeRpcError';
  }
}

const ErrorObjectSchema = z.object({ code: z.number(), message: z.string() });

interface CallOptions {
  /** How to say the node refused; defaults to "<method> failed on the node: <message>". */
  refusal?: (message: string) => string;
  signal?: AbortSignal;
}

/** One JSON-RPC 2.0 endpoint: POST {"jsonrpc":"2.0","id":n,"method","params"}, ids counting up from 1. */
export class JsonRpcClient {
  private nextId = 1;

  constructor(
    readonly url: string,
    private readonly http: HttpClient = new HttpClient(),
  ) {}

  /**
   * The call's `result`, read with `schema`. An answer without `result` and without `error` counts as a result
   * of `undefined` (Aztec's server drops the member for void methods), which only a schema allowing it accepts.
   */
  async call<T>(method: string, params: unknown[], schema: z.ZodType<T>, options: CallOptions = {}): Promise<T> {
    const id = this.nextId++;
    const refused = (message: string, code: number) =>
      new NodeRpcError(options.refusal ? options.refusal(message) : `${method} failed on the node: ${message}`, 'refused', code);
    const malformed = (what: string) => new NodeRpcError(`${method}: the node's answer ${what}`, 'malformed');

    let answer: HttpAnswer;
    try {
      answer = await this.http.request('POST', this.url, { json: { jsonrpc: '2.0', id, method, params }, signal: options.signal });
    } catch (error) {
      // Aztec's server answers a handler that threw with HTTP 500 and a JSON-RPC error object: that is the node's word.
      const refusal = error instanceof NetworkError ? errorObjectIn(error.details.body) : undefined;
      if (refusal) throw refused(refusal.message, refusal.code);
      throw new NodeRpcError(`${method}: ${error instanceof Error ? error.message : String(error)}`, 'network', undefined, { cause: error });
    }

    let envelope: unknown;
    try {
      envelope = JSON.parse(answer.text);
    } catch {
      throw malformed(`(HTTP ${answer.status}) is not JSON: ${excerpt(answer.text)}`);
    }
    if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) throw malformed(`is not a JSON-RPC response object: ${excerpt(answer.text)}`);
    const error = errorObjectOf(envelope);
    if (error) throw refused(error.message, error.code);
    const errorMember = (envelope as { error?: unknown }).error;
    if (errorMember !== undefined && errorMember !== null) throw malformed(`has an error member that is not {code, message}: ${excerpt(answer.text)}`);
    if (answer.status < 200 || answer.status >= 300) throw malformed(`is HTTP ${answer.status} without a JSON-RPC error: ${excerpt(answer.text)}`);
    const answeredId = (envelope as { id?: unknown }).id;
    if (answeredId !== id) throw malformed(`has id ${JSON.stringify(answeredId) ?? 'missing'}, expected ${id}`);
    const hasResult = 'result' in envelope;
    const parsed = schema.safeParse(hasResult ? (envelope as { result: unknown }).result : undefined);
    if (!parsed.success) {
      throw malformed(hasResult ? `has an unexpected result (${describeIssue(parsed.error, 'result')})` : 'has neither a result nor an error');
    }
    return parsed.data;
  }
}

function errorObjectOf(envelope: unknown): z.infer<typeof ErrorObjectSchema> | undefined {
  if (typeof envelope !== 'object' || envelope === null || !('error' in envelope)) return undefined;
  const parsed = ErrorObjectSchema.safeParse(envelope.error);
  return parsed.success ? parsed.data : undefined;
}

function errorObjectIn(text: string | undefined): z.infer<typeof ErrorObjectSchema> | undefined {
  if (text === undefined) return undefined;
  try {
    return errorObjectOf(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** The node's text as a user can read it: trimmed, one line, at most 200 characters. */
function excerpt(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return (line.length > 200 ? `${line.slice(0, 200)}…` : line) || '(empty body)';
}

// ---- The Aztec node ----

export interface AztecNodeSettings {
  /** The node's JSON-RPC URL (PROVER_COORDINATION_NODE_URL). */
  url: string;
  /** Method prefix: `node` in the quote era; later builds used `aztec`. */
  namespace?: string;
}

export class AztecNodeClient {
  private readonly rpc: JsonRpcClient;
  private readonly namespace: string;

  constructor(settings: AztecNodeSettings, http?: HttpClient) {
    this.rpc = new JsonRpcClient(settings.url, http);
    this.namespace = settings.namespace ?? 'node';
  }

  /** Puts a signed quote into the node's pool (and gossip); throws with the node's text when it is refused. */
  async addEpochProofQuote(quote: SignedEpochProofQuote, signal?: AbortSignal): Promise<void> {
    await this.rpc.call(`${this.namespace}_addEpochProofQuote`, [quoteToJson(quote)], z.null().optional(), {
      refusal: (message) => `the node refused the quote: ${message}`,
      signal,
    });
  }

  /** The quotes in the node's pool for an epoch. */
  async getEpochProofQuotes(epoch: bigint, signal?: AbortSignal): Promise<SignedEpochProofQuote[]> {
    const method = `${this.namespace}_getEpochProofQuotes`;
    const items = await this.rpc.call(method, [epoch.toString()], z.array(z.unknown()), { signal });
    return items.map((item, index) => {
      try {
        return quoteFromJson(item);
      } catch (error) {
        throw new NodeRpcError(`${method}: the node's answer has an unreadable quote at [${index}]: ${(error as Error).message}`, 'malformed');
      }
    });
  }
}

// ---- L1 reads ----

const quantity = z
  .string()
  .regex(/^0x[0-9a-fA-F]{1,64}$/, { error: 'must be a hex quantity' })
  .transform((text) => BigInt(text));
const hexData = z
  .string()
  .regex(/^0x([0-9a-fA-F]{2})*$/, { error: 'must be hex bytes' })
  .transform((text) => fromHex(text));
const word = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, { error: 'must be 32 hex bytes' })
  .transform((text) => fromHex(text, 32));

const LogSchema = z.object({
  address: z
    .string()
    .regex(/^0x[0-9a-fA-F]{40}$/, { error: 'must be an address' })
    .transform((text) => fromHex(text, 20)),
  topics: z.array(word),
  data: hexData,
  blockNumber: quantity,
  logIndex: quantity.transform((index) => Number(index)),
  transactionHash: z.string(),
});

export type L1Log = z.infer<typeof LogSchema>;

export interface LogFilter {
  /** Only logs of this contract; left out, any contract. */
  address?: Uint8Array;
  /** Per position: a topic, or null for any. */
  topics: (Uint8Array | null)[];
  fromBlock: bigint;
  toBlock: bigint;
}

export interface L1Settings {
  /** The L1 node's JSON-RPC URL (ETHEREUM_HOST). */
  url: string;
}

export class L1Client {
  private readonly rpc: JsonRpcClient;

  constructor(settings: L1Settings, http?: HttpClient) {
    this.rpc = new JsonRpcClient(settings.url, http);
  }

  async chainId(signal?: AbortSignal): Promise<number> {
    return Number(await this.rpc.call('eth_chainId', [], quantity, { signal }));
  }

  blockNumber(signal?: AbortSignal): Promise<bigint> {
    return this.rpc.call('eth_blockNumber', [], quantity, { signal });
  }

  /** A view call at the latest block: the returned bytes. */
  call(to: Uint8Array, data: Uint8Array, signal?: AbortSignal): Promise<Uint8Array> {
    return this.rpc.call('eth_call', [{ to: toHex(to), data: toHex(data) }, 'latest'], hexData, { signal });
  }

  getLogs(filter: LogFilter, signal?: AbortSignal): Promise<L1Log[]> {
    const query: { address?: Hex; topics: (Hex | null)[]; fromBlock: Hex; toBlock: Hex } = {
      topics: filter.topics.map((topic) => (topic === null ? null : toHex(topic))),
      fromBlock: `0x${filter.fromBlock.toString(16)}`,
      toBlock: `0x${filter.toBlock.toString(16)}`,
    };
    if (filter.address) query.address = toHex(filter.address);
    return this.rpc.call('eth_getLogs', [query], z.array(LogSchema), { signal });
  }
}
