// The sandbox's network.ProverNetwork and artifact.ArtifactStore services over the sandbox state: signed calls
// are checked (EIP-191 over the BINARY body, signer = owner or delegate, nonce) before anything changes, the
// nonce moves only on success, and refusals carry the real network's status codes and texts. Switchable faults
// (Unavailable, a hang past the client's deadline, an oversized answer) let client tests meet them.
import { create, type DescMessage, type MessageShape } from '@bufbuild/protobuf';
import { Code, ConnectError, type ConnectRouter, type HandlerContext, type ServiceImpl } from '@connectrpc/connect';
import { setTimeout as sleep } from 'node:timers/promises';
import { toHex } from '../../../secrets/eth-signer.js';
import type { ArtifactType } from '../gen/artifact_pb.js';
import { ArtifactStore } from '../gen/artifact_pb.js';
import { ProverNetwork } from '../gen/network_pb.js';
import {
  BidRequestBodySchema,
  FailFulfillmentRequestBodySchema,
  FulfillProofRequestBodySchema,
  GetStdinUriRequestBodySchema,
  ProofRequestSchema,
  type MessageFormat,
} from '../gen/types_pb.js';
import { recoverBodySigner } from '../signing.js';
import { recoverPersonalMessageSigner } from '../../../secrets/eth-signer.js';
import { SandboxRpcError, type NetworkState } from './network-state.js';

export type SandboxGrpcFault = { method: string | '*'; kind: 'unavailable' | 'hang' | 'oversized'; times?: number };

export interface ServiceParts {
  state: NetworkState;
  faults: SandboxGrpcFault[];
  /** A presigned URL for an artifact, valid for a while; and one to PUT a new artifact to. */
  stdinUrl(artifactId: string): { url: string; expiresAtS: bigint };
  uploadUrl(kind: ArtifactType): { uri: string; url: string };
  /** Largest proof accepted in a FulfillProof (the real limit is unconfirmed). */
  maxProofBytes: number;
}

const CODES: Record<SandboxRpcError['code'], Code> = {
  'invalid-argument': Code.InvalidArgument,
  'not-found': Code.NotFound,
  'permission-denied': Code.PermissionDenied,
  'failed-precondition': Code.FailedPrecondition,
  'resource-exhausted': Code.ResourceExhausted,
  aborted: Code.Aborted,
  unauthenticated: Code.Unauthenticated,
};

export function sandboxRoutes(parts: ServiceParts): (router: ConnectRouter) => void {
  const { state } = parts;

  async function faultFor(method: string, context: HandlerContext): Promise<'oversized' | undefined> {
    const index = parts.faults.findIndex((f) => f.method === method || f.method === '*');
    if (index < 0) return undefined;
    const fault = parts.faults[index]!;
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) parts.faults.splice(index, 1);
    if (fault.kind === 'unavailable') throw new ConnectError('the sandbox network is unavailable (switched fault)', Code.Unavailable);
    if (fault.kind === 'hang') {
      await sleep(10 * 60_000, undefined, { signal: context.signal }).catch(() => undefined);
      throw new ConnectError('hung until the caller gave up', Code.DeadlineExceeded);
    }
    return 'oversized';
  }

  /** Runs a call under its fault switch, mapping sandbox refusals to their status codes. */
  async function guarded<T>(method: string, context: HandlerContext, run: (oversized: boolean) => Promise<T> | T): Promise<T> {
    const fault = await faultFor(method, context);
    try {
      return await run(fault === 'oversized');
    } catch (error) {
      if (error instanceof SandboxRpcError) throw new ConnectError(error.message, CODES[error.code]);
      throw error;
    }
  }

  /** Checks the signature and nonce of a signed call, runs it, and moves the signer's nonce on success. */
  async function signed<S extends DescMessage & { typeName: string }>(
    schema: S,
    request: { format: MessageFormat; signature: Uint8Array; body?: MessageShape<S> },
    run: (signer: string, body: MessageShape<S> & { nonce: bigint }) => Promise<void> | void,
  ): Promise<void> {
    let signer: string;
    try {
      signer = toHex(recoverBodySigner(schema, request));
    } catch (error) {
      throw new SandboxRpcError('unauthenticated', `invalid signature: ${error instanceof Error ? error.message : String(error)}`);
    }
    const body = request.body as MessageShape<S> & { nonce: bigint };
    state.checkNonce(signer, body.nonce);
    await run(signer, body);
    state.consumeNonce(signer);
  }

  const network: ServiceImpl<typeof ProverNetwork> = {
    getFilteredProofRequests: (request, context) =>
      guarded('GetFilteredProofRequests', context, (oversized) => {
        const requests = state.filtered(request);
        // An answer past the client's receive limit (grpc-js and this app take 4 MiB).
        if (oversized) return { requests: [...requests, create(ProofRequestSchema, { programName: 'x'.repeat(5 * 2 ** 20) })] };
        return { requests };
      }),
    getProofRequestDetails: (request, context) => guarded('GetProofRequestDetails', context, () => ({ request: state.details(request.requestId) })),
    getProofRequestStatus: (request, context) =>
      guarded('GetProofRequestStatus', context, () => {
        const details = state.details(request.requestId);
        return { fulfillmentStatus: details.fulfillmentStatus, executionStatus: details.executionStatus, requestTxHash: details.txHash, deadline: details.deadline };
      }),
    bid: (request, context) =>
      guarded('Bid', context, async () => {
        await signed(BidRequestBodySchema, request, (signer, body) => state.bid(signer, body));
        return { txHash: new Uint8Array(32), body: {} };
      }),
    fulfillProof: (request, context) =>
      guarded('FulfillProof', context, async () => {
        const size = request.body?.proof.length ?? 0;
        if (size > parts.maxProofBytes) throw new SandboxRpcError('resource-exhausted', `the proof is ${size} bytes, over this network's limit of ${parts.maxProofBytes}`);
        await signed(FulfillProofRequestBodySchema, request, (signer, body) => state.fulfill(signer, body));
        return { txHash: new Uint8Array(32), body: {} };
      }),
    failFulfillment: (request, context) =>
      guarded('FailFulfillment', context, async () => {
        await signed(FailFulfillmentRequestBodySchema, request, (signer, body) => state.failFulfillment(signer, body.error === undefined ? { requestId: body.requestId } : body));
        return { txHash: new Uint8Array(32), body: {} };
      }),
    getStdinUri: (request, context) =>
      guarded('GetStdinUri', context, async () => {
        let answer = { stdinUri: '', expiresAt: 0n };
        await signed(GetStdinUriRequestBodySchema, request, (signer, body) => {
          const { url, expiresAtS } = parts.stdinUrl(state.stdinArtifactFor(signer, body.requestId));
          answer = { stdinUri: url, expiresAt: expiresAtS };
        });
        return { txHash: new Uint8Array(32), body: answer };
      }),
    getNonce: (request, context) => guarded('GetNonce', context, () => ({ nonce: state.account(toHex(request.address)).nonce })),
    getOwner: (request, context) => guarded('GetOwner', context, () => ({ owner: hexToBytes(state.ownerOf(toHex(request.address))) })),
    getBalance: (request, context) => guarded('GetBalance', context, () => ({ amount: state.account(toHex(request.address)).balanceWei.toString() })),
    getFilteredBalanceLogs: (request, context) => guarded('GetFilteredBalanceLogs', context, () => ({ logs: state.balanceLogs(request) })),
    getProofRequestParams: (_request, context) =>
      guarded('GetProofRequestParams', context, () => ({
        domain: state.params.domain,
        maxPricePerPgu: state.params.maxPricePerPguWei.toString(),
        baseFee: state.params.baseFeeWei.toString(),
        tickSize: state.params.tickSizeWei,
      })),
  };

  const artifacts: ServiceImpl<typeof ArtifactStore> = {
    createArtifact: (request, context) =>
      guarded('CreateArtifact', context, () => {
        try {
          recoverPersonalMessageSigner(new TextEncoder().encode('create_artifact'), request.signature);
        } catch (error) {
          throw new SandboxRpcError('unauthenticated', `invalid signature: ${error instanceof Error ? error.message : String(error)}`);
        }
        const { uri, url } = parts.uploadUrl(request.artifactType);
        return { artifactUri: uri, artifactPresignedUrl: url };
      }),
  };

  return (router) => {
    router.service(ProverNetwork, network);
    router.service(ArtifactStore, artifacts);
  };
}

function hexToBytes(hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex.slice(2), 'hex'));
}
