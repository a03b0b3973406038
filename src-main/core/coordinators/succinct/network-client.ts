// The app's client of the Succinct Prover Network (gRPC over HTTP/2, TLS or loopback h2c): queries, the signed
// calls a prover node makes (Bid, FulfillProof, FailFulfillment, GetStdinUri), and artifact uploads. Each signed call reads
// its nonce with GetNonce right before it, one at a time per key, and reads it again when the server says it
// was stale. Transient failures are retried as the reference node does (§4.1); others become clear errors.
import { create } from '@bufbuild/protobuf';
import { Code, createClient, type Client } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Signer } from '../../secrets/signing-keys.js';
import type { HttpClient } from '../../net/http-client.js';
import { ArtifactStore, type ArtifactType } from './gen/artifact_pb.js';
import { ProverNetwork } from './gen/network_pb.js';
import type {
  ProofMode} from './gen/types_pb.js';
import {
  BidRequestBodySchema,
  FailFulfillmentRequestBodySchema,
  FulfillProofRequestBodySchema,
  GetStdinUriRequestBodySchema,
  TransactionVariant,
  type GetFilteredProofRequestsRequest,
  type GetProofRequestParamsResponse,
  type ProofRequest,
  type ProofRequestError,
  type BalanceLog,
} from './gen/types_pb.js';
import type { MessageInitShape } from '@bufbuild/protobuf';
import { signBody } from './signing.js';
import { describeRpcFailure, SuccinctRpcError } from './rpc-errors.js';

export interface RetryPolicy {
  initialMs: number;
  maxIntervalMs: number;
  /** Total time spent retrying before giving up. */
  totalMs: number;
}

/** §4.1: 1 s first, growing 1.5× with ±50 % jitter, at most 120 s apart and 120 s in all. */
export const REFERENCE_RETRY: RetryPolicy = { initialMs: 1_000, maxIntervalMs: 120_000, totalMs: 120_000 };

export interface SuccinctClientOptions {
  /** https://rpc.mainnet.succinct.xyz, or http://127.0.0.1:<port> for a loopback (h2c) network. */
  url: string;
  signer: Signer;
  /** Per call (the reference channel's 15 s). */
  timeoutMs?: number;
  retry?: RetryPolicy;
  /** Largest answer read (grpc-js's default 4 MiB). */
  readMaxBytes?: number;
  /** Certificate authorities (PEM) to trust besides the system's, for a network with its own CA. */
  ca?: string[];
}

/** Stale-nonce answers tried again at once before giving up (another process may be signing with the key). */
const NONCE_RETRIES = 3;

export class SuccinctClient {
  private readonly rpc: Client<typeof ProverNetwork>;
  private readonly artifacts: Client<typeof ArtifactStore>;
  private readonly retry: RetryPolicy;
  private signing: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: SuccinctClientOptions) {
    const transport = createGrpcTransport({
      baseUrl: options.url,
      defaultTimeoutMs: options.timeoutMs ?? 15_000,
      readMaxBytes: options.readMaxBytes ?? 4 * 2 ** 20,
      pingIntervalMs: 15_000,
      idleConnectionTimeoutMs: 60_000,
      ...(options.ca ? { nodeOptions: { ca: options.ca } } : {}),
    });
    this.rpc = createClient(ProverNetwork, transport);
    this.artifacts = createClient(ArtifactStore, transport);
    this.retry = options.retry ?? REFERENCE_RETRY;
  }

  get signerAddress(): Uint8Array {
    return this.options.signer.address;
  }

  /** The prover (vault) this key acts for. */
  async owner(signal?: AbortSignal): Promise<Uint8Array> {
    return (await this.call('GetOwner', signal, (o) => this.rpc.getOwner({ address: this.signerAddress }, o))).owner;
  }

  params(mode: ProofMode, signal?: AbortSignal): Promise<GetProofRequestParamsResponse> {
    return this.call('GetProofRequestParams', signal, (o) => this.rpc.getProofRequestParams({ mode }, o));
  }

  async filtered(filter: Partial<Omit<GetFilteredProofRequestsRequest, '$typeName'>>, signal?: AbortSignal): Promise<ProofRequest[]> {
    return (await this.call('GetFilteredProofRequests', signal, (o) => this.rpc.getFilteredProofRequests(filter, o))).requests;
  }

  async details(requestId: Uint8Array, signal?: AbortSignal): Promise<ProofRequest | undefined> {
    return (await this.call('GetProofRequestDetails', signal, (o) => this.rpc.getProofRequestDetails({ requestId }, o))).request;
  }

  async balanceWei(address: Uint8Array, signal?: AbortSignal): Promise<bigint> {
    const { amount } = await this.call('GetBalance', signal, (o) => this.rpc.getBalance({ address }, o));
    if (!/^-?\d+$/.test(amount)) throw new SuccinctRpcError('GetBalance', Code.Internal, `the network sent a balance that is not a number: "${amount.slice(0, 40)}"`);
    return BigInt(amount);
  }

  async balanceLogs(filter: { address: Uint8Array; minimumTimestamp?: bigint; limit?: number; page?: number }, signal?: AbortSignal): Promise<BalanceLog[]> {
    return (await this.call('GetFilteredBalanceLogs', signal, (o) => this.rpc.getFilteredBalanceLogs(filter, o))).logs;
  }

  async bid(input: { requestId: Uint8Array; amountWei: bigint; domain: Uint8Array; prover: Uint8Array }, signal?: AbortSignal): Promise<void> {
    await this.signed('Bid', signal, async (nonce, o) => {
      const body = create(BidRequestBodySchema, { nonce, requestId: input.requestId, amount: input.amountWei.toString(), domain: input.domain, prover: input.prover, variant: TransactionVariant.BID_VARIANT });
      await this.rpc.bid(signBody(BidRequestBodySchema, body, this.options.signer), o);
    });
  }

  async fulfill(input: { requestId: Uint8Array; proof: Uint8Array; domain: Uint8Array }, signal?: AbortSignal): Promise<void> {
    await this.signed('FulfillProof', signal, async (nonce, o) => {
      const body = create(FulfillProofRequestBodySchema, { nonce, requestId: input.requestId, proof: input.proof, domain: input.domain, variant: TransactionVariant.FULFILL_VARIANT });
      await this.rpc.fulfillProof(signBody(FulfillProofRequestBodySchema, body, this.options.signer), o);
    });
  }

  async fail(input: { requestId: Uint8Array; error?: ProofRequestError }, signal?: AbortSignal): Promise<void> {
    await this.signed('FailFulfillment', signal, async (nonce, o) => {
      const init: MessageInitShape<typeof FailFulfillmentRequestBodySchema> = { nonce, requestId: input.requestId };
      if (input.error !== undefined) init.error = input.error;
      await this.rpc.failFulfillment(signBody(FailFulfillmentRequestBodySchema, create(FailFulfillmentRequestBodySchema, init), this.options.signer), o);
    });
  }

  /** A presigned URL for a request's private stdin (callable by the fulfiller once settled). */
  async stdinUri(requestId: Uint8Array, domain: Uint8Array, signal?: AbortSignal): Promise<string> {
    let uri = '';
    await this.signed('GetStdinUri', signal, async (nonce, o) => {
      const body = create(GetStdinUriRequestBodySchema, { nonce, requestId, domain });
      const answer = await this.rpc.getStdinUri(signBody(GetStdinUriRequestBodySchema, body, this.options.signer), o);
      uri = answer.body?.stdinUri ?? '';
    });
    if (!uri) throw new SuccinctRpcError('GetStdinUri', Code.Internal, 'the network sent no stdin URL');
    return uri;
  }

  /**
   * Stores bytes in the network's artifact bucket (what a requester does with a program or stdin): CreateArtifact,
   * signed over the ASCII string "create_artifact" (with the usual v = 27/28, not the SDK's doubled 54/55), then an
   * HTTP PUT to the presigned URL. Answers the artifact's s3:// URI.
   */
  async uploadArtifact(http: HttpClient, type: ArtifactType, bytes: Uint8Array, signal?: AbortSignal): Promise<string> {
    const signature = this.options.signer.signPersonal(new TextEncoder().encode('create_artifact'));
    const created = await this.call('CreateArtifact', signal, (o) => this.artifacts.createArtifact({ signature, artifactType: type }, o));
    if (!created.artifactUri || !/^https?:\/\//.test(created.artifactPresignedUrl)) {
      throw new SuccinctRpcError('CreateArtifact', Code.Internal, 'the network sent no artifact URI or upload URL');
    }
    const answer = await http.request('PUT', created.artifactPresignedUrl, { body: Buffer.from(bytes), ...(signal ? { signal } : {}) });
    if (answer.status < 200 || answer.status > 299) throw new Error(`uploading the artifact was refused: HTTP ${answer.status} ${answer.text.slice(0, 200)}`);
    return created.artifactUri;
  }

  /** Nonce read and signed call happen one at a time per client, so parallel calls cannot race each other. */
  private signed(method: string, signal: AbortSignal | undefined, send: (nonce: bigint, options: { signal?: AbortSignal }) => Promise<void>): Promise<void> {
    const run = async () => {
      for (let attempt = 0; ; attempt++) {
        const { nonce } = await this.call('GetNonce', signal, (o) => this.rpc.getNonce({ address: this.signerAddress }, o));
        try {
          await this.call(method, signal, (o) => send(nonce, o), { retryStaleNonce: false });
          return;
        } catch (error) {
          if (error instanceof SuccinctRpcError && error.staleNonce && attempt < NONCE_RETRIES) continue;
          throw error;
        }
      }
    };
    const result = this.signing.then(run, run);
    this.signing = result.catch(() => undefined);
    return result;
  }

  /** One call under the retry policy: transient failures are tried again with backoff; the rest throw at once. */
  private async call<T>(method: string, signal: AbortSignal | undefined, send: (options: { signal?: AbortSignal }) => Promise<T>, how = { retryStaleNonce: true }): Promise<T> {
    const startedAt = Date.now();
    let intervalMs = this.retry.initialMs;
    for (;;) {
      try {
        return await send(signal ? { signal } : {});
      } catch (raw) {
        const error = describeRpcFailure(method, raw);
        const stale = error.staleNonce && !how.retryStaleNonce;
        const waited = Date.now() - startedAt;
        if (signal?.aborted || !error.transient || stale || waited + intervalMs > this.retry.totalMs) throw error;
        await sleep(intervalMs * (0.5 + Math.random()), undefined, signal ? { signal } : {});
        intervalMs = Math.min(this.retry.maxIntervalMs, intervalMs * 1.5);
      }
    }
  }
}
