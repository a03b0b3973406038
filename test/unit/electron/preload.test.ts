// The preload runs only inside Electron, so it is compiled here as tsc would and run in a fresh V8
// context whose `require('electron')` returns a stand-in recording what the preload does with it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import ts from 'typescript';
import { beforeEach, describe, expect, it } from 'vitest';
import { API_VERSION } from '../../../src-main/core/api/contract.js';
import { EVENT_CHANNEL, RPC_CHANNEL } from '../../../src-main/electron/ipc-bridge.js';

const PRELOAD = join(import.meta.dirname, '..', '..', '..', 'src-main', 'electron', 'preload.cts');

type Listener = (...args: unknown[]) => void;

interface ExposedApi {
  apiVersion: number;
  invoke(request: unknown): Promise<unknown>;
  onEvent(listener: (message: unknown) => void): () => void;
}

let required: string[];
let exposed: Map<string, unknown>;
let invocations: unknown[][];
let listeners: Map<string, Set<Listener>>;

function runPreload(): ExposedApi {
  const { outputText } = ts.transpileModule(readFileSync(PRELOAD, 'utf8'), {
    fileName: 'preload.cts',
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => {
        invocations.push(args);
        return { ok: true, result: 'answer' };
      },
      on: (channel: string, listener: Listener) => {
        listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener));
      },
      removeListener: (channel: string, listener: Listener) => listeners.get(channel)?.delete(listener),
    },
  };
  const module = { exports: {} };
  runInNewContext(outputText, {
    module,
    exports: module.exports,
    require: (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require '${name}'`);
      return electron;
    },
  });
  expect([...exposed.keys()]).toEqual(['proverdesk']);
  return exposed.get('proverdesk') as ExposedApi;
}

beforeEach(() => {
  required = [];
  exposed = new Map();
  invocations = [];
  listeners = new Map();
});

describe('preload', () => {
  it("requires nothing but 'electron' and exposes only the API version, invoke and onEvent", () => {
    const api = runPreload();
    expect(required).toEqual(['electron']);
    expect(Object.keys(api).sort()).toEqual(['apiVersion', 'invoke', 'onEvent']);
    expect(api.apiVersion).toBe(API_VERSION);
  });

  it('sends requests on the RPC channel the main process handles, and returns its answer', async () => {
    const api = runPreload();
    const request = { v: 1, kind: 'query', name: 'app.info' };
    await expect(api.invoke(request)).resolves.toEqual({ ok: true, result: 'answer' });
    expect(invocations).toEqual([[RPC_CHANNEL, request]]);
  });

  it('passes events to the listener without the IPC event object, until unsubscribed', () => {
    const api = runPreload();
    const received: unknown[][] = [];
    const stop = api.onEvent((...args) => received.push(args));
    expect([...listeners.keys()]).toEqual([EVENT_CHANNEL]);
    const ipcEvent = { sender: 'the ipcRenderer itself, which must not reach the page' };
    const message = { v: 1, name: 'secrets.changed', payload: { account: 'a', stored: true } };
    for (const listener of listeners.get(EVENT_CHANNEL) ?? []) listener(ipcEvent, message);
    expect(received).toEqual([[message]]);

    stop();
    expect(listeners.get(EVENT_CHANNEL)?.size).toBe(0);
  });

  it('keeps separate subscriptions apart', () => {
    const api = runPreload();
    const stopFirst = api.onEvent(() => undefined);
    api.onEvent(() => undefined);
    stopFirst();
    expect(listeners.get(EVENT_CHANNEL)?.size).toBe(1);
  });
});
