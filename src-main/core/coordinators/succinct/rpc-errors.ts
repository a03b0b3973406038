// What a failed Succinct call means for the user: the gRPC status and the server's own text, sorted into the
// cases a prover node meets (succinct-network.md §4.2, §7), and whether the reference node would try again
// (§4.1: Unavailable, DeadlineExceeded, Internal, Aborted and transport failures are transient; the rest,
// NotFound included, are not).
import { Code, ConnectError } from '@connectrpc/connect';

export type RpcFailureKind =
  | 'stale-nonce'
  | 'over-max-price'
  | 'off-tick'
  | 'not-requested'
  | 'not-whitelisted'
  | 'needs-stake'
  | 'too-large'
  | 'tls'
  | 'unavailable'
  | 'timeout'
  | 'refused';

export class SuccinctRpcError extends Error {
  readonly kind: RpcFailureKind;

  constructor(
    readonly method: string,
    readonly code: Code,
    /** The server's text, or the transport's. */
    readonly detail: string,
  ) {
    const kind = classify(code, detail);
    super(`${method}: ${explain(kind, detail)}`);
    this.kind = kind;
    this.name = 'SuccinctRpcError';
  }

  get transient(): boolean {
    return [Code.Unavailable, Code.DeadlineExceeded, Code.Internal, Code.Aborted].includes(this.code) && this.kind !== 'too-large';
  }

  get staleNonce(): boolean {
    return this.kind === 'stale-nonce';
  }
}

export function describeRpcFailure(method: string, error: unknown): SuccinctRpcError {
  if (error instanceof SuccinctRpcError) return error;
  const connect = ConnectError.from(error);
  // Transport failures (connection refused, reset, TLS) arrive as Unavailable/Unknown with the system text.
  const code = connect.code === Code.Unknown && /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|socket hang up|TLS|certificate/i.test(connect.rawMessage) ? Code.Unavailable : connect.code;
  return new SuccinctRpcError(method, code, connect.rawMessage);
}

function classify(code: Code, detail: string): RpcFailureKind {
  if (/invalid nonce|nonce verification/i.test(detail)) return 'stale-nonce';
  if (/max price/i.test(detail)) return 'over-max-price';
  if (/tick/i.test(detail)) return 'off-tick';
  if (/not in the REQUESTED state/i.test(detail)) return 'not-requested';
  if (/whitelist/i.test(detail)) return 'not-whitelisted';
  if (/need to stake/i.test(detail)) return 'needs-stake';
  if (code === Code.ResourceExhausted && /message|size|larger|limit|bytes/i.test(detail)) return 'too-large';
  if (/certificate|self[- ]signed|CERT_|SSL|TLS/i.test(detail)) return 'tls';
  if (code === Code.Unavailable) return 'unavailable';
  if (code === Code.DeadlineExceeded) return 'timeout';
  return 'refused';
}

function explain(kind: RpcFailureKind, detail: string): string {
  switch (kind) {
    case 'stale-nonce':
      return `the nonce was stale (another signer used this key meanwhile): ${detail}`;
    case 'over-max-price':
      return `the bid is above the request's max price: ${detail}`;
    case 'off-tick':
      return `the bid is not a multiple of the network's tick size: ${detail}`;
    case 'not-requested':
      return `the request is no longer open for bids (another prover won it or it ended): ${detail}`;
    case 'not-whitelisted':
      return `this prover is not in the request's whitelist; requesters choose from provers with good uptime: ${detail}`;
    case 'needs-stake':
      return `bidding needs at least 1000 PROVE staked to this prover: ${detail}`;
    case 'too-large':
      return `the message is over the gRPC size limit: ${detail}`;
    case 'tls':
      return `cannot set up a secure (TLS) connection with the network: ${detail}`;
    case 'unavailable':
      return `the network is unavailable: ${detail}`;
    case 'timeout':
      return `the network did not answer in time: ${detail}`;
    case 'refused':
      return detail;
  }
}
