// HTTP for the donation clients: JSON envelopes in, typed results or typed errors out. The real server answers
// some malformed requests (missing `token` header, bad multipart, bad JSON part, bad refresh token) by
// panicking: the connection drops with no reply. Such a drop is reported as a refusal, never retried blindly.
import type { z } from 'zod';
import { NetworkError, where, type HttpClient } from '../../net/http-client.js';
import { describeErrorEnvelope, ErrorEnvelopeSchema, SuccessEnvelopeSchema } from './wire.js';

/** The server answered with an error envelope (or a non-envelope error page). */
export class DonationServerError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'DonationServerError';
  }
}

/** The server dropped the connection without replying: its way of refusing a request it cannot parse. */
export class RequestRefusedError extends Error {
  constructor(
    readonly target: string,
    hint?: string,
  ) {
    super(`${target}: request refused by the server (malformed request?)${hint ? `; ${hint}` : ''}`);
    this.name = 'RequestRefusedError';
  }
}

/** A success answer whose content is not what the protocol says. */
export class DonationProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DonationProtocolError';
  }
}

export interface PageRequest {
  page?: number;
  limit?: number;
  /** Name prefix, where the route supports it. */
  nameFilter?: string;
}

export function pageQuery(request: PageRequest): CallOptions['query'] {
  return { page: request.page, limit: request.limit, name_filter: request.nameFilter };
}

export interface CallOptions {
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  /** Built again for each attempt: a FormData body can be sent once. */
  form?: () => FormData;
  token?: string;
  /** Whether HttpClient may retry transport errors, timeouts and 5xx (only for requests safe to repeat). */
  retry: boolean;
  signal?: AbortSignal;
}

export interface DownloadOptions {
  maxBytes: number;
  retry: boolean;
  /**
   * The request itself may make the server panic (it carries a token), so a dropped connection is a
   * refusal; otherwise it is a download cut short.
   */
  refusable?: boolean;
  token?: string;
  signal?: AbortSignal;
}

export class DonationTransport {
  readonly base: string;

  constructor(
    url: string,
    private readonly http: HttpClient,
    private readonly httpOnce: HttpClient,
  ) {
    this.base = url.replace(/\/+$/, '');
  }

  /** A JSON route: the envelope's `data` checked against `schema`. */
  async call<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, schema: z.ZodType<T>, options: CallOptions): Promise<T> {
    const url = this.url(path, options.query);
    const client = options.retry ? this.http : this.httpOnce;
    let answer;
    try {
      answer = await client.request(method, url, {
        json: options.json,
        body: options.form?.(),
        headers: options.token === undefined ? undefined : { token: options.token },
        signal: options.signal,
      });
    } catch (error) {
      throw translateFailure(error, `${method} ${where(url)}`, true);
    }
    const body = parseJson(answer.text);
    if (answer.status === 200) {
      const envelope = SuccessEnvelopeSchema.safeParse(body);
      if (!envelope.success) throw new DonationProtocolError(`${method} ${where(url)} answered 200 without a success envelope: ${excerpt(answer.text)}`);
      const data = schema.safeParse(envelope.data.data);
      if (!data.success) {
        const issue = data.error.issues[0];
        throw new DonationProtocolError(`${method} ${where(url)} answered an unexpected shape (${issue?.path.join('.') || 'data'}: ${issue?.message ?? 'invalid'})`);
      }
      return data.data;
    }
    throw serverError(answer.status, body, answer.text);
  }

  /** A file route: the raw bytes, or the error envelope the server sent instead. */
  async download(path: string, options: DownloadOptions): Promise<Buffer> {
    const url = this.url(path);
    const client = options.retry ? this.http : this.httpOnce;
    try {
      return await client.download(url, options.maxBytes, options.signal, options.token === undefined ? undefined : { token: options.token });
    } catch (error) {
      throw translateFailure(error, `GET ${where(url)}`, options.refusable ?? false);
    }
  }

  private url(path: string, query?: CallOptions['query']): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) params.set(key, String(value));
    const search = params.toString();
    return `${this.base}${path}${search ? `?${search}` : ''}`;
  }
}

/** NetworkErrors become the protocol's errors: envelopes in error pages, dropped connections as refusals. */
function translateFailure(error: unknown, target: string, refusable: boolean): unknown {
  if (!(error instanceof NetworkError)) return error;
  if (error.failure === 'transport' && (error.details.code === 'ECONNRESET' || error.details.code === 'EPIPE')) {
    return refusable ? new RequestRefusedError(target) : new NetworkError(`${target}: the server closed the connection before the answer was complete`, 'transport');
  }
  if (error.status !== undefined) {
    const body = error.details.body ?? '';
    return serverError(error.status, parseJson(body), body);
  }
  return error;
}

function serverError(status: number, body: unknown, text: string): DonationServerError {
  const envelope = ErrorEnvelopeSchema.safeParse(body);
  if (envelope.success) return new DonationServerError(envelope.data.error_code, status, describeErrorEnvelope(envelope.data, status));
  return new DonationServerError(`HTTP_${status}`, status, `the server did not accept the request (HTTP ${status}: ${excerpt(text)})`);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function excerpt(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return (line.length > 200 ? `${line.slice(0, 200)}…` : line) || '(empty body)';
}
