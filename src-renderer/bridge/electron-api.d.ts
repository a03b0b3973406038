// The object the Electron preload exposes to the page through contextBridge, as `window.proverdesk`.
import type { API_VERSION, ApiResponse, EventMessage, Request } from '../../src-main/core/api/contract.js';

export interface ProverDeskPreloadApi {
  readonly apiVersion: typeof API_VERSION;
  /** Sends one request to the core; resolves with its response envelope (never rejects for an API error). */
  invoke(request: Request): Promise<ApiResponse>;
  /** Calls `listener` for every core event; returns the function that stops it. */
  onEvent(listener: (event: EventMessage) => void): () => void;
}

declare global {
  interface Window {
    proverdesk?: ProverDeskPreloadApi;
  }
}
