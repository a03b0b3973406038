// Sandboxed preload: the page gets `window.proverdesk` with exactly two abilities, calling the core and
// hearing its events. It may require only 'electron', so the channel names are written out here (the
// main process's copies are in ipc-bridge.ts) and ipcRenderer itself is never handed to the page.
import electron = require('electron');
import type { ApiResponse, EventMessage } from '../core/api/contract.js';

const { contextBridge, ipcRenderer } = electron;

const RPC_CHANNEL = 'proverdesk:rpc';
const EVENT_CHANNEL = 'proverdesk:event';

contextBridge.exposeInMainWorld('proverdesk', {
  apiVersion: 1,
  invoke: (request: unknown): Promise<ApiResponse> => ipcRenderer.invoke(RPC_CHANNEL, request),
  onEvent: (listener: (message: EventMessage) => void): (() => void) => {
    const forward = (_event: electron.IpcRendererEvent, message: EventMessage) => listener(message);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
});
