// The IPC bridge with the real core (real SQLite file, real keychain). Only Electron's side is stood in
// for, since its binary cannot run here: ipcMain and the windows' web contents, through the small
// interfaces the bridge is written against.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApiResponse, EventMessage } from '../../../src-main/core/api/contract.js';
import { startCore, type Core } from '../../../src-main/core/core.js';
import {
  EVENT_CHANNEL,
  RPC_CHANNEL,
  registerIpcBridge,
  type AppContentsLike,
  type FrameLike,
  type InvokeEventLike,
  type IpcMainLike,
} from '../../../src-main/electron/ipc-bridge.js';

type Handler = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

/** Behaves as Electron's ipcMain does for handle/removeHandler and an incoming invoke. */
class IpcMainStandIn implements IpcMainLike {
  private readonly handlers = new Map<string, Handler>();

  handle(channel: string, listener: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  async invoke(event: InvokeEventLike, payload: unknown): Promise<unknown> {
    const handler = this.handlers.get(RPC_CHANNEL);
    if (handler === undefined) throw new Error(`No handler registered for '${RPC_CHANNEL}'`);
    return handler(event, payload);
  }
}

const frame = (url: string, processId: number, routingId: number, parent: FrameLike | null = null): FrameLike => ({
  url,
  processId,
  routingId,
  parent,
});

class ContentsStandIn implements AppContentsLike {
  destroyed = false;
  readonly sent: Array<[string, unknown]> = [];

  constructor(
    readonly id: number,
    readonly mainFrame: FrameLike,
  ) {}

  isDestroyed(): boolean {
    return this.destroyed;
  }

  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, args[0]]);
  }

  /** An event as Electron builds it for a call from this contents' main frame. */
  fromMainFrame(): InvokeEventLike {
    return { sender: { id: this.id }, senderFrame: this.mainFrame };
  }
}

const query = (name: string, input: unknown = {}) => ({ v: 1, kind: 'query', name, input });
const command = (name: string, input: unknown) => ({ v: 1, kind: 'command', name, input });
const REFUSED = /request refused: it did not come from a ProverDesk window/;

let dataDir: string;
let core: Core;
let ipcMain: IpcMainStandIn;
let appWindow: ContentsStandIn;
let windows: ContentsStandIn[];
let dispose: () => void;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'proverdesk-ipc-'));
  core = await startCore({
    dataDir,
    mode: 'electron',
    appVersion: '0.0.0-test',
    sampleIntervalMs: 60_000,
    keychainService: `ProverDesk-test-${randomUUID()}`,
  });
});

afterAll(async () => {
  await core?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(() => {
  ipcMain = new IpcMainStandIn();
  appWindow = new ContentsStandIn(1, frame('app://proverdesk/index.html', 10, 1));
  windows = [appWindow];
  dispose = registerIpcBridge({ ipcMain, core, appContents: () => windows });
});

afterEach(() => {
  dispose();
});

const secretEvents = (contents: ContentsStandIn) =>
  contents.sent.filter(([, message]) => (message as EventMessage).name === 'secrets.changed');

describe('IPC bridge', () => {
  it("answers a query from the main frame of the app's window with the core's response", async () => {
    const response = (await ipcMain.invoke(appWindow.fromMainFrame(), query('app.info'))) as ApiResponse;
    expect(response).toMatchObject({ ok: true, result: { mode: 'electron', dataDir, appVersion: '0.0.0-test' } });
  });

  it("leaves validation to the core and passes on its error response", async () => {
    const response = await ipcMain.invoke(appWindow.fromMainFrame(), { v: 2, kind: 'query', name: 'app.info' });
    expect(response).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const unknown = await ipcMain.invoke(appWindow.fromMainFrame(), query('no.such.query'));
    expect(unknown).toEqual({ ok: false, error: { code: 'bad_request', message: "unknown query 'no.such.query'" } });
  });

  describe('refuses calls, without reaching the core,', () => {
    const attempt = async (event: InvokeEventLike) => {
      const account = `refused-${randomUUID()}`;
      await expect(ipcMain.invoke(event, command('secrets.set', { account, secret: 's3cret' }))).rejects.toThrow(
        REFUSED,
      );
      const status = (await core.dispatch(query('secrets.status'))) as ApiResponse<{ accounts: { account: string }[] }>;
      expect(status.ok && status.result.accounts.map((a) => a.account)).not.toContain(account);
    };

    it('from a sub-frame of the app window', async () => {
      await attempt({ sender: { id: 1 }, senderFrame: frame('app://proverdesk/index.html', 10, 2, appWindow.mainFrame) });
    });

    it('from a frame that is gone', async () => {
      await attempt({ sender: { id: 1 }, senderFrame: null });
    });

    it('from web contents that are not one of the app windows', async () => {
      const stranger = new ContentsStandIn(7, frame('app://proverdesk/index.html', 11, 1));
      await attempt(stranger.fromMainFrame());
    });

    it('from a top-level frame that is not the window’s main frame', async () => {
      await attempt({ sender: { id: 1 }, senderFrame: frame('app://proverdesk/index.html', 12, 1) });
    });

    it('from an app window showing a page of another origin', async () => {
      const navigated = new ContentsStandIn(2, frame('https://example.com/', 13, 1));
      windows.push(navigated);
      await attempt(navigated.fromMainFrame());
    });

    it('from a window that has been destroyed', async () => {
      appWindow.destroyed = true;
      await attempt(appWindow.fromMainFrame());
    });
  });

  it('sends core events to the app windows showing app pages, and to no other', async () => {
    const navigated = new ContentsStandIn(2, frame('https://example.com/', 13, 1));
    const closed = new ContentsStandIn(3, frame('app://proverdesk/index.html', 14, 1));
    closed.destroyed = true;
    windows.push(navigated, closed);
    const account = `bridge-${randomUUID()}`;

    const set = await ipcMain.invoke(appWindow.fromMainFrame(), command('secrets.set', { account, secret: 'x1' }));
    expect(set).toEqual({ ok: true, result: { account, stored: true } });
    expect(secretEvents(appWindow)).toEqual([
      [EVENT_CHANNEL, { v: 1, name: 'secrets.changed', payload: { account, stored: true } }],
    ]);
    expect(navigated.sent).toEqual([]);
    expect(closed.sent).toEqual([]);

    await ipcMain.invoke(appWindow.fromMainFrame(), command('secrets.delete', { account }));
    expect(secretEvents(appWindow)).toHaveLength(2);
  });

  it('stops answering and sending events once disposed', async () => {
    dispose();
    dispose = () => undefined;
    await expect(ipcMain.invoke(appWindow.fromMainFrame(), query('app.info'))).rejects.toThrow(/No handler registered/);
    const account = `after-dispose-${randomUUID()}`;
    await core.dispatch(command('secrets.set', { account, secret: 'x' }));
    await core.dispatch(command('secrets.delete', { account }));
    expect(secretEvents(appWindow)).toEqual([]);
  });

  it('can be registered again after disposal, as Electron allows one handler per channel', () => {
    dispose();
    dispose = registerIpcBridge({ ipcMain, core, appContents: () => windows });
    expect(() => registerIpcBridge({ ipcMain, core, appContents: () => windows })).toThrow(/second handler/);
  });
});
