// A Succinct Prover Network on loopback: gRPC (h2c) for network.ProverNetwork and artifact.ArtifactStore, an
// HTTP artifact bucket, a built-in requester that posts practice requests, optional rival provers that bid
// against the app, and a clock that settles auctions and expires deadlines. Used by the tests, by
// `proverdesk sandbox succinct`, and by the practice market.
import { connectNodeAdapter } from '@connectrpc/connect-node';
import { createSecureServer, createServer } from 'node:http2';
import { listenOnLoopback } from '../../../net/loopback-server.js';
import { fromHex, toHex } from '../../../secrets/eth-signer.js';
import { succinctDomainSeparator } from '../domain.js';
import { FulfillmentStatus } from '../gen/types_pb.js';
import { startArtifactServer } from './artifact-server.js';
import { sandboxRoutes, type SandboxGrpcFault } from './grpc-service.js';
import { MIN_STAKE_WEI, NetworkState, type SandboxRequestSpec } from './network-state.js';

/** The practice network's circuit version string (real networks use e.g. `sp1-v6.1.0`). */
export const PRACTICE_SUCCINCT_VERSION = 'proverdesk-practice-groth16-v1';
export const SANDBOX_CHAIN_ID = 31_337n;

export interface SandboxAccountSpec {
  address: string;
  balanceWei?: bigint;
  stakedWei?: bigint;
  /** This address signs for that prover (SetDelegation). */
  delegateOf?: string;
}

/** A competitor in the practice market: bids on new requests and proves what it wins after a while. */
export interface SandboxRival {
  address: string;
  /** Its bid in wei per PGU for a request of this many PGUs, or undefined to stay out. */
  bidWei(gasLimit: bigint, maxPricePerPguWei: bigint): bigint | undefined;
  /** How long it takes to deliver what it wins. */
  proveAfterMs: number;
}

export interface SuccinctSandboxOptions {
  chainId?: bigint;
  tickSizeWei?: bigint;
  maxPricePerPguWei?: bigint;
  baseFeeWei?: bigint;
  version?: string;
  accounts?: SandboxAccountSpec[];
  rivals?: SandboxRival[];
  /** Posts a request whenever this gives one, checked every intervalMs. */
  requester?: { intervalMs: number; next: () => SandboxRequestSpec | undefined };
  /** Serve artifacts zstd-wrapped, as the real bucket does (default true). */
  zstdArtifacts?: boolean;
  maxProofBytes?: number;
  nowMs?: () => number;
  /** gRPC port; 0 (default) picks a free one. */
  port?: number;
  /** Largest request message the server reads. */
  readMaxBytes?: number;
  /** Serve gRPC over TLS with this key and certificate (PEM) instead of h2c. */
  tls?: { key: string; cert: string };
}

export interface SuccinctSandbox {
  /** Base URL of the gRPC endpoint: http://127.0.0.1:<port> (h2c), or https:// with `tls`. */
  url: string;
  artifactsUrl: string;
  chainId: bigint;
  domain: Uint8Array;
  state: NetworkState;
  postRequest(spec: SandboxRequestSpec): string;
  fault(fault: SandboxGrpcFault): void;
  clearFaults(): void;
  close(): Promise<void>;
}

const CLOCK_MS = 200;
const STDIN_URL_VALID_S = 3600;

export async function startSuccinctSandbox(options: SuccinctSandboxOptions = {}): Promise<SuccinctSandbox> {
  const nowMs = options.nowMs ?? Date.now;
  const chainId = options.chainId ?? SANDBOX_CHAIN_ID;
  const domain = succinctDomainSeparator(chainId);
  const artifacts = await startArtifactServer({ zstd: options.zstdArtifacts ?? true, nowMs });
  const state = new NetworkState(
    {
      domain,
      tickSizeWei: options.tickSizeWei ?? 10_000_000n,
      maxPricePerPguWei: options.maxPricePerPguWei ?? 2_000_000_000n,
      baseFeeWei: options.baseFeeWei ?? 0n,
      version: options.version ?? PRACTICE_SUCCINCT_VERSION,
      maxProofBytes: options.maxProofBytes ?? 4 * 2 ** 20,
    },
    nowMs,
    (bytes, kind) => artifacts.put(bytes, kind),
    (id) => artifacts.publicUri(id),
  );
  for (const spec of options.accounts ?? []) {
    const account = state.account(spec.address);
    account.balanceWei = spec.balanceWei ?? 0n;
    account.stakedWei = spec.stakedWei ?? 0n;
    if (spec.delegateOf) account.delegateOf = spec.delegateOf.toLowerCase();
  }
  const rivals = options.rivals ?? [];
  for (const rival of rivals) state.account(rival.address).stakedWei = MIN_STAKE_WEI;

  const faults: SandboxGrpcFault[] = [];
  const handler = connectNodeAdapter({
    routes: sandboxRoutes({
      state,
      faults,
      stdinUrl: (id) => artifacts.presigned(id, STDIN_URL_VALID_S),
      uploadUrl: () => {
        const { id, url } = artifacts.uploadUrl();
        return { uri: `s3://sandbox/uploads/${id}`, url };
      },
      maxProofBytes: options.maxProofBytes ?? 4 * 2 ** 20,
    }),
    grpc: true,
    grpcWeb: false,
    connect: false,
    readMaxBytes: options.readMaxBytes ?? 16 * 2 ** 20,
  });
  const server = options.tls ? createSecureServer({ key: options.tls.key, cert: options.tls.cert, allowHTTP1: false }, handler) : createServer(handler);
  const listener = await listenOnLoopback(server, options.port ?? 0);
  const url = options.tls ? listener.url.replace(/^http:/, 'https:') : listener.url;

  const postRequest = (spec: SandboxRequestSpec): string => {
    const id = state.postRequest(spec);
    const request = state.details(fromHex(id));
    for (const rival of rivals) {
      const amount = rival.bidWei(request.gasLimit, BigInt(request.maxPricePerPgu ?? '0'));
      if (amount !== undefined) state.bid(rival.address.toLowerCase(), { requestId: request.requestId, amount: amount.toString(), domain, prover: fromHex(rival.address), variant: 1 });
    }
    return id;
  };

  // Rivals deliver what they won after their proving time.
  const rivalDue = new Map<string, number>();
  const clock = setInterval(() => {
    state.advance();
    for (const request of state.all()) {
      if (request.fulfillmentStatus !== FulfillmentStatus.ASSIGNED || !request.fulfiller) continue;
      const rival = rivals.find((r) => r.address.toLowerCase() === toHex(request.fulfiller!));
      if (!rival) continue;
      const id = toHex(request.requestId);
      const due = rivalDue.get(id) ?? nowMs() + rival.proveAfterMs;
      rivalDue.set(id, due);
      if (nowMs() >= due) {
        state.completeForRival(request.requestId);
        rivalDue.delete(id);
      }
    }
  }, CLOCK_MS);
  clock.unref();

  let lastRequestAtMs = -Infinity;
  const requester = options.requester
    ? setInterval(() => {
        if (nowMs() - lastRequestAtMs < options.requester!.intervalMs) return;
        const spec = options.requester!.next();
        if (!spec) return;
        lastRequestAtMs = nowMs();
        postRequest(spec);
      }, Math.min(options.requester.intervalMs, 1000))
    : undefined;
  requester?.unref();

  return {
    url,
    artifactsUrl: artifacts.url,
    chainId,
    domain,
    state,
    postRequest,
    fault: (fault) => faults.push(fault),
    clearFaults: () => faults.splice(0),
    close: async () => {
      clearInterval(clock);
      if (requester) clearInterval(requester);
      await Promise.all([listener.close(), artifacts.close()]);
    },
  };
}
