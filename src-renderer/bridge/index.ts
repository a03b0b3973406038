// Picks the transport: Electron's preload API when the page runs in the app window, HTTP otherwise.
import { createHttpBridge, takeAccessToken } from './http-bridge.js';
import { createIpcBridge } from './ipc-bridge.js';
import type { RendererBridge } from './transport.js';

export type { ConnectionState, RendererBridge } from './transport.js';

export function connectToCore(): RendererBridge {
  const preload = window.proverdesk;
  return preload === undefined ? createHttpBridge(takeAccessToken()) : createIpcBridge(preload);
}
