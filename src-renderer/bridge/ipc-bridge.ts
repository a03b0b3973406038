// Electron transport: the preload's `window.proverdesk`. The main process lives as long as the window,
// so the connection is always open.
import type { ProverDeskPreloadApi } from './electron-api.js';
import { bridgeOver, type RendererBridge } from './transport.js';

export function createIpcBridge(api: ProverDeskPreloadApi): RendererBridge {
  return bridgeOver({
    send: (request) => api.invoke(request),
    listen: (listener) => api.onEvent(listener),
    watchConnection: (watcher) => {
      watcher('open');
      return () => {};
    },
  });
}
