// The app's quote provider (aztec-epoch-quotes.md §4.1): the HTTP endpoint a prover node's QUOTE_PROVIDER_URL
// points at. It reads the node's request, asks the app's pricing for a fee and bond, answers, and, when a
// signing key and node are configured, signs the EpochProofQuote itself and sends it with
// `node_addEpochProofQuote`. Every request and its outcome goes to `onQuote`; bad requests get a 400 with the
// reason, and nothing a client sends stops the server.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createStderrLogger, type Logger } from '../../log/logger.js';
import type { HttpClient } from '../../net/http-client.js';
import { listenOn } from '../../net/loopback-server.js';
import type { Signer } from '../../secrets/signing-keys.js';
import { AztecNodeClient } from './node-rpc-client.js';
import { signQuote, type QuoteDomain } from './quote-digest.js';
import { MAX_BASIS_POINT_FEE, MIN_BOND_AMOUNT, NO_EXPIRY_SLOT, parseQuoteRequest, type QuoteRequest, type QuoteResponseBody } from './quote-wire.js';

export const MAX_REQUEST_BYTES = 64 * 1024;
/** An oversized body is read (and dropped) up to this much, so the client gets its 413; beyond it the connection is cut. */
const MAX_DISCARDED_BYTES = 4 * 2 ** 20;

/** The app's price for an epoch, or a reason not to quote it. */
export type PriceDecision = { basisPointFee: number; bondAmountWei: bigint; validUntilSlot?: bigint } | { decline: string };

export type SubmissionResult = 'not-configured' | 'sent' | { error: string };

export type QuoteRecord =
  /** Not a quote request: 400 (malformed), 405 (not POST) or 413 (too large). */
  | { outcome: 'refused'; status: 400 | 405 | 413; reason: string }
  /** Pricing declined: answered 503, the node sends no quote. */
  | { outcome: 'declined'; request: QuoteRequest; reason: string }
  /** Pricing failed or gave an answer outside the protocol's ranges: answered 500. */
  | { outcome: 'failed'; request: QuoteRequest; reason: string }
  | {
      outcome: 'quoted';
      request: QuoteRequest;
      basisPointFee: number;
      bondAmountWei: bigint;
      /** As answered; the node reads none as 9007199254740991. */
      validUntilSlot: bigint | undefined;
      submitted: SubmissionResult;
    };

export interface QuoteSubmissionSettings {
  /** The Aztec node's JSON-RPC URL. */
  nodeUrl: string;
  /** Its address is the quote's prover. */
  signer: Signer;
  domain: QuoteDomain;
  namespace?: string;
  http?: HttpClient;
}

export interface QuoteProviderOptions {
  /** Defaults to 127.0.0.1; a prover node on another machine needs an address it can reach. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  price(request: QuoteRequest): PriceDecision | Promise<PriceDecision>;
  submit?: QuoteSubmissionSettings;
  onQuote(record: QuoteRecord): void;
  logger?: Logger;
}

export interface QuoteProvider {
  url: string;
  close(): Promise<void>;
}

class RequestProblem extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

export async function startQuoteProvider(options: QuoteProviderOptions): Promise<QuoteProvider> {
  const logger = options.logger ?? createStderrLogger('aztec-quote-provider');
  const node = options.submit ? new AztecNodeClient({ url: options.submit.nodeUrl, namespace: options.submit.namespace }, options.submit.http) : undefined;

  const report = (record: QuoteRecord) => {
    try {
      options.onQuote(record);
    } catch (error) {
      logger.error('recording a quote request failed', error);
    }
  };

  const submit = async (request: QuoteRequest, fee: number, bondAmountWei: bigint, validUntilSlot: bigint | undefined): Promise<SubmissionResult> => {
    if (!node || !options.submit) return 'not-configured';
    const { signer, domain } = options.submit;
    try {
      const payload = { epochToProve: BigInt(request.epochNumber), validUntilSlot: validUntilSlot ?? NO_EXPIRY_SLOT, bondAmount: bondAmountWei, prover: signer.address, basisPointFee: fee };
      await node.addEpochProofQuote(signQuote(payload, signer, domain));
      return 'sent';
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') {
      req.resume();
      res.setHeader('allow', 'POST');
      reply(res, 405, { error: `method ${req.method ?? '(none)'} is not allowed: quote requests are POSTed` });
      return report({ outcome: 'refused', status: 405, reason: `method ${req.method ?? '(none)'}` });
    }
    let body: unknown;
    try {
      body = await readJson(req);
    } catch (error) {
      if (!(error instanceof RequestProblem)) throw error;
      reply(res, error.status, { error: error.message });
      return report({ outcome: 'refused', status: error.status, reason: error.message });
    }
    const parsed = parseQuoteRequest(body);
    if (!parsed.ok) {
      reply(res, 400, { error: parsed.reason });
      return report({ outcome: 'refused', status: 400, reason: parsed.reason });
    }
    const request = parsed.request;

    let decision: PriceDecision;
    try {
      decision = await options.price(request);
    } catch (error) {
      const reason = `pricing failed: ${error instanceof Error ? error.message : String(error)}`;
      reply(res, 500, { error: reason });
      return report({ outcome: 'failed', request, reason });
    }
    if ('decline' in decision) {
      reply(res, 503, { error: decision.decline });
      return report({ outcome: 'declined', request, reason: decision.decline });
    }
    const problem = priceProblem(decision);
    if (problem) {
      reply(res, 500, { error: problem });
      return report({ outcome: 'failed', request, reason: problem });
    }
    const answer: QuoteResponseBody = { basisPointFee: decision.basisPointFee, bondAmount: decision.bondAmountWei.toString() };
    if (decision.validUntilSlot !== undefined) answer.validUntilSlot = decision.validUntilSlot.toString();
    reply(res, 200, answer);
    const submitted = await submit(request, decision.basisPointFee, decision.bondAmountWei, decision.validUntilSlot);
    report({ outcome: 'quoted', request, basisPointFee: decision.basisPointFee, bondAmountWei: decision.bondAmountWei, validUntilSlot: decision.validUntilSlot, submitted });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (req.destroyed && !res.headersSent) return; // the client went away mid-request: nobody to answer
      logger.error('quote request failed', error);
      if (!res.headersSent) reply(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });
  return listenOn(server, { host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
}

/** Why the pricing's answer cannot be sent (the node would drop it), or undefined when it can. */
function priceProblem(decision: { basisPointFee: number; bondAmountWei: bigint; validUntilSlot?: bigint }): string | undefined {
  const fee = decision.basisPointFee;
  if (!Number.isInteger(fee) || fee < 1 || fee > MAX_BASIS_POINT_FEE) return `pricing gave basisPointFee ${fee}: it must be a whole number from 1 to 10000`;
  if (decision.bondAmountWei < MIN_BOND_AMOUNT) return `pricing gave bondAmount ${decision.bondAmountWei}: the rollup's minimum is ${MIN_BOND_AMOUNT}`;
  if (decision.validUntilSlot !== undefined && decision.validUntilSlot < 0n) return `pricing gave validUntilSlot ${decision.validUntilSlot}: a slot is not negative`;
  return undefined;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_DISCARDED_BYTES) {
      req.socket.destroy();
      throw new RequestProblem(413, 'request body is too large');
    }
    if (size <= MAX_REQUEST_BYTES) chunks.push(chunk as Buffer);
  }
  if (size > MAX_REQUEST_BYTES || declared > MAX_REQUEST_BYTES) throw new RequestProblem(413, `request body is larger than ${MAX_REQUEST_BYTES / 1024} KiB`);
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) throw new RequestProblem(400, 'content-type must be application/json');
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RequestProblem(400, `body is not JSON: ${(error as Error).message}`);
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
