// Carries the core's API over Electron IPC: one invoke channel in, one event channel out. Written against
// the small slices of ipcMain/WebContents it uses, so Electron's objects plug in as they are.
import type { Core } from '../core/core.js';
import { isAppFrameUrl } from './app-origin.js';

export const RPC_CHANNEL = 'proverdesk:rpc';
export const EVENT_CHANNEL = 'proverdesk:event';

/** The parts of Electron's `WebFrameMain` the sender check reads. */
export interface FrameLike {
  readonly url: string;
  readonly processId: number;
  readonly routingId: number;
  readonly parent: FrameLike | null;
}

/** The parts of Electron's `WebContents` the bridge uses. */
export interface AppContentsLike {
  readonly id: number;
  readonly mainFrame: FrameLike;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

export interface InvokeEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: FrameLike | null;
}

/** The parts of Electron's `ipcMain` the bridge uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface IpcBridgeOptions {
  ipcMain: IpcMainLike;
  core: Pick<Core, 'dispatch' | 'subscribe'>;
  /** The web contents of the app's own windows, asked afresh on every call. */
  appContents: () => readonly AppContentsLike[];
}

/** A call is trusted when it comes from the main frame of one of the app's windows, showing an app page. */
export function isTrustedSender(event: InvokeEventLike, appContents: readonly AppContentsLike[]): boolean {
  const frame = event.senderFrame;
  if (frame === null || frame.parent !== null) return false;
  const owner = appContents.find((contents) => !contents.isDestroyed() && contents.id === event.sender.id);
  if (owner === undefined) return false;
  const mainFrame = owner.mainFrame;
  return (
    mainFrame.processId === frame.processId && mainFrame.routingId === frame.routingId && isAppFrameUrl(frame.url)
  );
}

/** Registers the bridge; returns the function that removes it again. */
export function registerIpcBridge({ ipcMain, core, appContents }: IpcBridgeOptions): () => void {
  ipcMain.handle(RPC_CHANNEL, async (event, request) => {
    if (!isTrustedSender(event, appContents())) {
      throw new Error('request refused: it did not come from a ProverDesk window');
    }
    return core.dispatch(request);
  });

  const unsubscribe = core.subscribe((message) => {
    for (const contents of appContents()) {
      if (!contents.isDestroyed() && isAppFrameUrl(contents.mainFrame.url)) contents.send(EVENT_CHANNEL, message);
    }
  });

  return () => {
    unsubscribe();
    ipcMain.removeHandler(RPC_CHANNEL);
  };
}
