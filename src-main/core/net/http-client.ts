// The app's HTTP client for coordinators (got): a timeout on every request, retries with exponential backoff
// and jitter on transport errors, timeouts and 5xx only, size-capped downloads that fail on any non-2xx.
// 4xx answers are returned, not thrown: protocols tell their cases apart by status and body text.
import got, { HTTPError, RequestError, type Got, type Method } from 'got';

export type NetworkFailure = 'timeout' | 'transport' | 'server-error' | 'too-large' | 'http-status' | 'cancelled';

/** A request that did not get a usable answer; the message names the URL's host and path, never credentials. */
export class NetworkError extends Error {
  constructor(
    message: string,
    readonly failure: NetworkFailure,
    readonly status?: number,
    /** For a transport failure, the system's code (ECONNRESET: the server dropped the connection); for an HTTP status, the body of the error page. */
    readonly details: { code?: string; body?: string } = {},
  ) {
    super(message);
    this.name = 'NetworkError';
  }
}

export interface HttpClientOptions {
  /**
   * Per attempt, from connecting to the last byte of an answer. Downloads (packages can be gigabytes) are
   * not limited in total: each step (connect, first byte) and each silence on the socket is limited instead.
   */
  timeoutMs?: number;
  /** Extra attempts after the first, for transport errors, timeouts and 5xx. */
  retries?: number;
  /** First backoff; each retry doubles it, with ±50 % jitter. */
  retryBaseMs?: number;
  retryMaxMs?: number;
}

export interface HttpAnswer {
  status: number;
  text: string;
  contentType: string;
}

export interface RequestOptions {
  json?: unknown;
  body?: Buffer | FormData;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

const RETRY_STATUS = [500, 502, 503, 504, 520, 521, 522, 524];

export class HttpClient {
  private readonly got: Got;
  private readonly timeoutMs: number;

  constructor(options: HttpClientOptions = {}) {
    const base = options.retryBaseMs ?? 500;
    const max = options.retryMaxMs ?? 30_000;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.got = got.extend({
      timeout: { request: this.timeoutMs },
      retry: {
        limit: options.retries ?? 3,
        methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
        statusCodes: RETRY_STATUS,
        calculateDelay: ({ attemptCount, computedValue }) =>
          computedValue === 0 ? 0 : Math.min(max, base * 2 ** (attemptCount - 1)) * (0.5 + Math.random()),
      },
      throwHttpErrors: true,
      followRedirect: false,
    });
  }

  /** Any status below 500 is an answer; 5xx (after retries), timeouts and transport errors throw NetworkError. */
  async request(method: Method, url: string, options: RequestOptions = {}): Promise<HttpAnswer> {
    try {
      const response = await this.got(url, {
        method,
        json: options.json,
        body: options.body,
        headers: options.headers,
        signal: options.signal,
        responseType: 'text',
      });
      return { status: response.statusCode, text: response.body, contentType: String(response.headers['content-type'] ?? '') };
    } catch (error) {
      if (error instanceof HTTPError && error.response.statusCode < 500) {
        const response = error.response;
        return { status: response.statusCode, text: String(response.body ?? ''), contentType: String(response.headers['content-type'] ?? '') };
      }
      throw describeFailure(error, method, url);
    }
  }

  /** The body of a 2xx answer, at most maxBytes; anything else throws NetworkError. */
  async download(url: string, maxBytes: number, signal?: AbortSignal, headers?: Record<string, string>): Promise<Buffer> {
    const step = this.timeoutMs;
    const request = this.got(url, {
      responseType: 'buffer',
      signal,
      headers,
      timeout: { request: undefined, lookup: step, connect: step, secureConnect: step, send: step, response: step, socket: step },
    });
    let tooLarge = false;
    request.on('downloadProgress', (progress: { transferred: number; total?: number }) => {
      if (progress.transferred > maxBytes || (progress.total !== undefined && progress.total > maxBytes)) {
        tooLarge = true;
        request.cancel();
      }
    });
    try {
      const response = await request;
      return response.body;
    } catch (error) {
      if (tooLarge) throw new NetworkError(`download from ${where(url)} is larger than the ${formatBytes(maxBytes)} limit`, 'too-large');
      throw describeFailure(error, 'GET', url);
    }
  }
}

function describeFailure(error: unknown, method: string, url: string): NetworkError {
  const target = `${method} ${where(url)}`;
  if (error instanceof HTTPError) {
    const status = error.response.statusCode;
    const failure = status >= 500 ? 'server-error' : 'http-status';
    return new NetworkError(`${target} answered HTTP ${status}${bodyHint(error.response.body)}`, failure, status, { body: bodyText(error.response.body) });
  }
  if (error instanceof RequestError) {
    if (error.name === 'TimeoutError') return new NetworkError(`${target} timed out`, 'timeout');
    if (error.name === 'CancelError' || error.code === 'ABORT_ERR' || error.name === 'AbortError') {
      return new NetworkError(`${target} was cancelled`, 'cancelled');
    }
    return new NetworkError(`${target} failed: ${error.code ?? error.message}`, 'transport', undefined, error.code === undefined ? {} : { code: error.code });
  }
  if (error instanceof Error && error.name === 'AbortError') return new NetworkError(`${target} was cancelled`, 'cancelled');
  return new NetworkError(`${target} failed: ${error instanceof Error ? error.message : String(error)}`, 'transport');
}

/** Host and path only: query strings can carry participant IDs or tokens. */
export function where(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

function bodyText(body: unknown): string {
  return Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
}

function bodyHint(body: unknown): string {
  const line = bodyText(body).trim().split('\n')[0]?.slice(0, 200) ?? '';
  return line ? `: ${line}` : '';
}

export function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  if (bytes >= 2 ** 10) return `${(bytes / 2 ** 10).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
