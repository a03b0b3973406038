// Headless transport: requests as POST /api/v1/rpc with the access token, events as server-sent events.
import { ApiFailure, type ApiResponse } from '../../src-main/core/api/contract.js';
import { bridgeOver, type ConnectionState, type RendererBridge, type Transport } from './transport.js';

const TOKEN_KEY = 'proverdesk.token';
const RPC_PATH = '/api/v1/rpc';
const EVENTS_PATH = '/api/v1/events';

/**
 * The link ProverDesk prints carries the access token as `?token=`. Keep it for this tab in session storage
 * and take it out of the address bar, so it does not linger in history, bookmarks or screenshots.
 */
export function takeAccessToken(): string | null {
  const url = new URL(window.location.href);
  const fromAddress = url.searchParams.get('token');
  if (fromAddress !== null) {
    window.sessionStorage.setItem(TOKEN_KEY, fromAddress);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  }
  return window.sessionStorage.getItem(TOKEN_KEY);
}

async function postRequest(token: string | null, request: unknown): Promise<ApiResponse> {
  const response = await fetch(RPC_PATH, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(token === null ? {} : { Authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify(request),
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok && typeof body === 'object' && body !== null && (body as { ok?: unknown }).ok === true) {
    return body as ApiResponse;
  }
  const failure = ApiFailure.safeParse(body);
  if (failure.success) return failure.data;
  return {
    ok: false,
    error: { code: 'internal', message: `ProverDesk answered HTTP ${response.status} without a readable reply.` },
  };
}

/** One EventSource for the page; EventSource reconnects by itself after a network loss. */
function openEventStream(): Pick<Transport, 'listen' | 'watchConnection'> {
  const listeners = new Set<(raw: unknown) => void>();
  const watchers = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  const setState = (next: ConnectionState) => {
    if (next === state) return;
    state = next;
    for (const watcher of watchers) watcher(state);
  };

  const source = new EventSource(EVENTS_PATH);
  source.addEventListener('open', () => setState('open'));
  // The browser retries while readyState is CONNECTING; CLOSED means it gave up (e.g. the server refused access).
  source.addEventListener('error', () =>
    setState(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting'),
  );
  source.addEventListener('message', (message: MessageEvent<string>) => {
    let raw: unknown;
    try {
      raw = JSON.parse(message.data);
    } catch {
      console.warn('ProverDesk: ignored an event that is not JSON');
      return;
    }
    for (const listener of listeners) listener(raw);
  });

  return {
    listen(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    watchConnection(watcher) {
      watchers.add(watcher);
      watcher(state);
      return () => {
        watchers.delete(watcher);
      };
    },
  };
}

export function createHttpBridge(token: string | null): RendererBridge {
  return bridgeOver({ send: (request) => postRequest(token, request), ...openEventStream() });
}
