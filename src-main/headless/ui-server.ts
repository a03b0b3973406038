// The headless UI: serves the built renderer and the core API (POST /api/v1/rpc, server-sent events at
// /api/v1/events) on 127.0.0.1 only, behind the access token, refusing other Hosts and Origins.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiResponse, ErrorCode } from '../core/api/contract.js';
import type { Core } from '../core/core.js';
import { CONTENT_SECURITY_POLICY } from '../shared/renderer-files.js';
import { tokensMatch } from './access-token.js';
import { serveStaticFile } from './static-files.js';


const MAX_BODY_BYTES = 1024 * 1024;
const SSE_HEARTBEAT_MS = 15_000;
const STATUS_BY_CODE: Record<ErrorCode, number> = {
  bad_request: 400,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
  internal: 500,
};

export interface UiServerOptions {
  core: Pick<Core, 'dispatch' | 'subscribe'>;
  token: string;
  staticDir: string;
  /** 0 picks a free port. */
  port: number;
}

export interface UiServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

export async function startUiServer(options: UiServerOptions): Promise<UiServer> {
  const openStreams = new Set<ServerResponse>();
  let port = options.port;
  const cookieName = () => `proverdesk_token_${port}`; // cookies ignore ports; name them so two instances never mix

  const server: Server = createServer((request, response) => {
    setCommonHeaders(response);
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, failure('internal', String(error)));
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!allowedHosts.includes(request.headers.host ?? '')) {
      return sendText(response, 421, 'ProverDesk refuses requests for other host names.');
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedHosts.some((host) => origin === `http://${host}`)) {
      return sendText(response, 403, 'ProverDesk refuses cross-origin requests.');
    }

    const queryToken = url.searchParams.get('token') ?? undefined;
    const authorized =
      tokensMatch(options.token, bearerToken(request)) ||
      tokensMatch(options.token, readCookie(request, cookieName())) ||
      (request.method === 'GET' && tokensMatch(options.token, queryToken));
    if (!authorized) return sendUnauthorized(response, url.pathname.startsWith('/api/'));

    if (queryToken !== undefined) {
      // The page drops the token from its address; the cookie keeps assets and the event stream authorized.
      response.setHeader('Set-Cookie', `${cookieName()}=${options.token}; HttpOnly; SameSite=Strict; Path=/`);
    }

    if (url.pathname === '/api/v1/rpc') return handleRpc(request, response);
    if (url.pathname === '/api/v1/events') return handleEvents(request, response);
    if (url.pathname.startsWith('/api/')) return sendJson(response, 404, failure('not_found', 'no such API path'));
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'Method not allowed.');
    return serveStaticFile(options.staticDir, url.pathname, request, response);
  }

  async function handleRpc(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') return sendJson(response, 405, failure('bad_request', 'use POST'));
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(response, 415, failure('bad_request', 'the request body must be application/json'));
    }
    const body = await readBody(request, MAX_BODY_BYTES);
    if (body === undefined) {
      return sendJson(response, 413, failure('bad_request', `the request body exceeds ${MAX_BODY_BYTES} bytes`));
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return sendJson(response, 400, failure('bad_request', 'the request body is not valid JSON'));
    }
    const answer = await options.core.dispatch(parsed);
    sendJson(response, answer.ok ? 200 : STATUS_BY_CODE[answer.error.code], answer);
  }

  function handleEvents(request: IncomingMessage, response: ServerResponse): void {
    if (request.method !== 'GET') return sendJson(response, 405, failure('bad_request', 'use GET'));
    response.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    openStreams.add(response);
    const unsubscribe = options.core.subscribe((event) => response.write(`data: ${JSON.stringify(event)}\n\n`));
    const heartbeat = setInterval(() => response.write(': ping\n\n'), SSE_HEARTBEAT_MS);
    // The response's close (not the request's, which fires once its empty body is read) marks a gone client.
    response.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      openStreams.delete(response);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of openStreams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function setCommonHeaders(response: ServerResponse): void {
  response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

const failure = (code: ErrorCode, message: string): ApiResponse => ({ ok: false, error: { code, message } });

function bearerToken(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
}

function readCookie(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** Reads a body up to `limitBytes`; a bigger one is drained and discarded (undefined), so the client still gets an answer. */
function readBody(request: IncomingMessage, limitBytes: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) chunks.push(chunk);
    });
    request.on('end', () => resolve(size <= limitBytes ? Buffer.concat(chunks).toString('utf8') : undefined));
    request.on('error', reject);
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(`${text}\n`);
}

function sendUnauthorized(response: ServerResponse, isApi: boolean): void {
  const message =
    'ProverDesk needs its access token. Open the link that ProverDesk printed when it started ' +
    '(the line "ProverDesk UI: http://127.0.0.1:…/?token=…"); the token is also in the file ui-token in its data folder.';
  if (isApi) return sendJson(response, 401, failure('bad_request', message));
  response.writeHead(401, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ProverDesk: token needed</title></head>` +
      `<body><h1>Access token needed</h1><p>${message}</p></body></html>\n`,
  );
}
