// A local quote-era Aztec node with a minimal L1 (aztec-epoch-quotes.md, "Sandbox server fidelity"): slots and
// epochs on a timer (or advanced by hand), at each epoch end a POST to the quote provider whose reply is read
// exactly as HttpQuoteProvider reads it, the node's JSON-RPC quote pool with the gossip checks, the rollup's
// claim / prune / proof rules (sandbox-claims.ts) and the L1 reads (sandbox-l1.ts) on the same endpoint, and
// switchable faults for client tests.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createStderrLogger } from '../../log/logger.js';
import { listenOnLoopback } from '../../net/loopback-server.js';
import { fromHex } from '../../secrets/eth-signer.js';
import { DEFAULT_DOMAIN_VERSION, type QuoteDomain } from './quote-digest.js';
import { NO_EXPIRY_SLOT, quoteFromJson, QuoteFormatError, quoteToJson, type QuoteRequestBody } from './quote-wire.js';
import { RollupRevert, SandboxRollup, type SandboxEvent } from './sandbox-claims.js';
import { RpcFault, SandboxL1 } from './sandbox-l1.js';

export type { SandboxEvent } from './sandbox-claims.js';

export interface AztecSandboxOptions {
  /** Slot length; 0 stops the timer, and time moves only through advanceSlot/advanceEpoch. Default 24 s. */
  slotMs?: number;
  /** Default 32. */
  slotsPerEpoch?: number;
  /** CLAIM_DURATION_IN_L2_SLOTS, at most slotsPerEpoch. Default 13. */
  claimDurationSlots?: number;
  /** Default 31337. */
  chainId?: number;
  /** The Rollup contract's address (20 bytes). */
  rollupAddress?: Uint8Array;
  /** The fee asset's address (20 bytes): payouts are its Transfer logs. */
  tokenAddress?: Uint8Array;
  /** Where the node asks for quotes at each epoch end (QUOTE_PROVIDER_URL); none: no quote requests. */
  quoteProviderUrl?: string;
  /** How long a quote request may take (the real node waits without limit). Default 10 s. */
  quoteRequestTimeoutMs?: number;
  /** Every slot has one block with this many txs. Default 4. */
  txsPerBlock?: number;
  /** Default 10^15 wei. */
  feePerTxWei?: bigint;
  /** The block reward, shared with the prover by basisPointFee. Default 50 × 10^18 wei. */
  rewardPerBlockWei?: bigint;
  /** Slots from a claim to its proof landing. Default 1. */
  proofDelaySlots?: number;
  /** Escrow deposits by prover address (hex, any case). */
  escrowDepositsWei?: ReadonlyMap<string, bigint>;
  /** The node's JSON-RPC namespace. Default `node`. */
  namespace?: string;
  port?: number;
}

/** What the next JSON-RPC requests suffer; each fault fires `times` times (default once). */
export interface NodeFault {
  kind: 'error-500' | 'hang' | 'malformed-json' | 'wrong-id' | 'no-result';
  times?: number;
}

export interface AztecSandbox {
  url: string;
  chainId: number;
  rollupAddress: Uint8Array;
  tokenAddress: Uint8Array;
  /** The EIP-712 domain quotes must be signed for. */
  domain: QuoteDomain;
  currentSlot(): bigint;
  /** Ends the current slot: its block, claim and due proof; at an epoch end, the quote request (awaited). */
  advanceSlot(): Promise<void>;
  /** Advances to the first slot of the next epoch. */
  advanceEpoch(): Promise<void>;
  events(): SandboxEvent[];
  /** Points the epoch-end quote requests elsewhere (a provider started after the node); undefined stops them. */
  setQuoteProviderUrl(url: string | undefined): void;
  setEscrowDeposit(prover: Uint8Array, amountWei: bigint): void;
  escrowDeposit(prover: Uint8Array): bigint;
  injectFault(fault: NodeFault): void;
  close(): Promise<void>;
}

export const DEFAULT_ROLLUP_ADDRESS = fromHex('0x5FbDB2315678afecb367f032d93F642f64180aa3', 20);
export const DEFAULT_TOKEN_ADDRESS = fromHex('0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512', 20);
const SEQUENCER_ADDRESS = fromHex('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', 20);
const MAX_RPC_BODY = 2 ** 20;

export async function startAztecSandbox(options: AztecSandboxOptions = {}): Promise<AztecSandbox> {
  const slotsPerEpoch = options.slotsPerEpoch ?? 32;
  const claimDurationSlots = options.claimDurationSlots ?? 13;
  if (!Number.isInteger(slotsPerEpoch) || slotsPerEpoch < 1) throw new Error('slotsPerEpoch must be a whole number of at least 1');
  if (!Number.isInteger(claimDurationSlots) || claimDurationSlots < 1 || claimDurationSlots > slotsPerEpoch) {
    throw new Error('claimDurationSlots must be a whole number from 1 to slotsPerEpoch');
  }
  const chainId = options.chainId ?? 31337;
  const rollupAddress = options.rollupAddress ?? DEFAULT_ROLLUP_ADDRESS;
  const tokenAddress = options.tokenAddress ?? DEFAULT_TOKEN_ADDRESS;
  const domain: QuoteDomain = { chainId, rollupAddress, version: DEFAULT_DOMAIN_VERSION };
  const namespace = options.namespace ?? 'node';
  const logger = createStderrLogger('aztec-sandbox');

  const events: SandboxEvent[] = [];
  const record = (event: SandboxEvent) => events.push(event);
  const l1: SandboxL1 = new SandboxL1(chainId, rollupAddress, {
    quoteToDigest: (payload) => rollup.quoteToDigest(payload),
    proofClaim: () => rollup.proofClaim(),
  });
  const rollup: SandboxRollup = new SandboxRollup(
    {
      slotsPerEpoch,
      claimDurationSlots,
      txsPerBlock: options.txsPerBlock ?? 4,
      feePerTxWei: options.feePerTxWei ?? 10n ** 15n,
      rewardPerBlockWei: options.rewardPerBlockWei ?? 50n * 10n ** 18n,
      proofDelaySlots: options.proofDelaySlots ?? 1,
      domain,
      tokenAddress,
      proposer: SEQUENCER_ADDRESS,
    },
    l1,
    record,
  );
  for (const [prover, amountWei] of options.escrowDepositsWei ?? []) rollup.setDeposit(fromHex(prover, 20), amountWei);

  // ---- Time ----
  let slot = 0n;
  let quoteProviderUrl = options.quoteProviderUrl;
  let steps: Promise<void> = Promise.resolve();
  const inFlight = new AbortController();

  const askForQuote = async (epoch: bigint) => {
    const summary = rollup.epochSummary(epoch);
    if (!summary) return; // an epoch left empty by a prune: the prover node skips it
    record({ kind: 'epoch-completed', epoch, ...summary });
    if (!quoteProviderUrl) return;
    const body: QuoteRequestBody = { epochNumber: Number(epoch), fromBlock: summary.fromBlock, toBlock: summary.toBlock, totalFees: summary.totalFeesWei.toString(), txCount: summary.txCount };
    const signal = AbortSignal.any([inFlight.signal, AbortSignal.timeout(options.quoteRequestTimeoutMs ?? 10_000)]);
    try {
      record({ kind: 'quote-received', epoch, ...(await fetchQuote(quoteProviderUrl, body, signal)) });
    } catch (error) {
      record({ kind: 'quote-failed', epoch, message: error instanceof Error ? error.message : String(error) });
    }
  };

  const step = async () => {
    rollup.proposeBlock(slot);
    rollup.landProof(slot);
    l1.mine();
    slot += 1n;
    if (slot % BigInt(slotsPerEpoch) === 0n) await askForQuote(slot / BigInt(slotsPerEpoch) - 1n);
  };
  const advanceSlot = () => {
    const next = steps.then(step);
    steps = next.catch(() => undefined);
    return next;
  };
  const advanceEpoch = async () => {
    do await advanceSlot();
    while (slot % BigInt(slotsPerEpoch) !== 0n);
  };
  const slotMs = options.slotMs ?? 24_000;
  const timer = slotMs > 0 ? setInterval(() => advanceSlot().catch((error: unknown) => logger.error('slot step failed', error)), slotMs) : undefined;

  // ---- JSON-RPC ----
  const faults: NodeFault[] = [];
  const takeFault = (): NodeFault | undefined => {
    const fault = faults[0];
    if (!fault) return undefined;
    if ((fault.times ?? 1) <= 1) faults.shift();
    else faults[0] = { ...fault, times: (fault.times ?? 1) - 1 };
    return fault;
  };

  const dispatch = (method: string, params: unknown[]): unknown => {
    if (method === `${namespace}_addEpochProofQuote`) {
      let quote;
      try {
        quote = quoteFromJson(params[0]);
      } catch (error) {
        if (error instanceof QuoteFormatError) throw new RpcFault(-32602, `Invalid params: ${error.message}`, 400);
        throw error;
      }
      try {
        rollup.addQuote(quote, slot);
      } catch (error) {
        if (!(error instanceof RollupRevert)) throw error;
        record({ kind: 'quote-refused', message: error.message });
        throw new RpcFault(-32000, error.message, 400);
      }
      return null;
    }
    if (method === `${namespace}_getEpochProofQuotes`) {
      const epoch = params[0];
      if (typeof epoch !== 'string' || !/^\d+$/.test(epoch)) throw new RpcFault(-32602, 'Invalid params: the epoch must be a decimal string', 400);
      return rollup.quotes(BigInt(epoch)).map(quoteToJson);
    }
    if (method.startsWith('eth_')) return l1.handle(method, params);
    throw new RpcFault(-32601, `Method not found: ${method}`, 400);
  };

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') return send(res, 404, { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'JSON-RPC requests are POSTed' } });
    const text = await readBody(req);
    if (text === undefined) return send(res, 413, { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'request body too large' } });
    const fault = takeFault();
    if (fault?.kind === 'hang') return; // never answers: the client's timeout must fire
    if (fault?.kind === 'error-500') {
      res.writeHead(500, { 'content-type': 'text/plain' });
      return res.end('Internal Server Error');
    }
    if (fault?.kind === 'malformed-json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end('{"jsonrpc":"2.0","id":');
    }
    let request: unknown;
    try {
      request = JSON.parse(text);
    } catch (error) {
      return send(res, 400, { jsonrpc: '2.0', id: null, error: { code: -32700, message: `Parse error: ${(error as Error).message}` } });
    }
    const { id = null, method, params = [] } = (typeof request === 'object' && request !== null ? request : {}) as { id?: unknown; method?: unknown; params?: unknown };
    if (typeof method !== 'string' || !Array.isArray(params)) return send(res, 400, { jsonrpc: '2.0', id, error: { code: -32600, message: 'Invalid Request' } });
    try {
      const result = dispatch(method, params);
      if (fault?.kind === 'wrong-id') return send(res, 200, { jsonrpc: '2.0', id: typeof id === 'number' ? id + 1000 : 'other', result });
      if (fault?.kind === 'no-result') return send(res, 200, { jsonrpc: '2.0', id });
      send(res, 200, { jsonrpc: '2.0', id, result });
    } catch (error) {
      if (!(error instanceof RpcFault)) throw error;
      send(res, error.httpStatus, { jsonrpc: '2.0', id, error: { code: error.code, message: error.message } });
    }
  };

  const server: Server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { jsonrpc: '2.0', id: null, error: { code: -32603, message: `sandbox error: ${error instanceof Error ? error.message : String(error)}` } });
    });
  });
  const listener = await listenOnLoopback(server, options.port);

  return {
    url: listener.url,
    chainId,
    rollupAddress,
    tokenAddress,
    domain,
    currentSlot: () => slot,
    advanceSlot,
    advanceEpoch,
    events: () => [...events],
    setQuoteProviderUrl: (url) => {
      quoteProviderUrl = url;
    },
    setEscrowDeposit: (prover, amountWei) => rollup.setDeposit(prover, amountWei),
    escrowDeposit: (prover) => rollup.deposit(prover),
    injectFault: (fault) => faults.push(fault),
    close: async () => {
      if (timer) clearInterval(timer);
      inFlight.abort();
      await listener.close();
    },
  };
}

/** HttpQuoteProvider.getQuote, reply handling included; no validUntilSlot becomes Number.MAX_SAFE_INTEGER as in the prover node. */
async function fetchQuote(url: string, body: QuoteRequestBody, signal: AbortSignal): Promise<{ basisPointFee: number; bondAmount: bigint; validUntilSlot: bigint }> {
  const response = await fetch(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' }, signal });
  if (!response.ok) throw new Error(`Failed to fetch quote: ${response.statusText}`);
  const data = (await response.json()) as { basisPointFee?: unknown; bondAmount?: unknown; validUntilSlot?: unknown } | null;
  if (!data?.basisPointFee || !data.bondAmount) {
    throw new Error(`Missing required fields (basisPointFee | bondAmount) in response: ${JSON.stringify(data)}`);
  }
  return {
    basisPointFee: Number(data.basisPointFee),
    bondAmount: BigInt(data.bondAmount as string),
    validUntilSlot: data.validUntilSlot ? BigInt(data.validUntilSlot as string) : NO_EXPIRY_SLOT,
  };
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= MAX_RPC_BODY) chunks.push(chunk as Buffer);
  }
  return size > MAX_RPC_BODY ? undefined : Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
