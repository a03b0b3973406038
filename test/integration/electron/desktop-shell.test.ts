// The desktop shell's Electron glue run against the real core (real SQLite, real governor, the API as the UI
// uses it), with Electron itself stood in for: its binary cannot be had here, so `electron` is a small fake
// that records what the shell asks of it (the tray's image, tooltip and menu, notifications, login items) and
// lets the test click. What this checks is the wiring: core events reach the tray, menu clicks reach the core,
// Settings → Desktop reaches the OS's autostart entry, and closing the window decides as the user asked.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void;
  interface MenuItem {
    id?: string;
    label?: string;
    enabled?: boolean;
    click?: () => void;
    submenu?: MenuItem[];
  }
  const state = {
    userData: '',
    home: '',
    trays: [] as FakeTray[],
    notifications: [] as { title: string; body: string; click: () => void }[],
  };
  class FakeTray {
    image = '';
    tooltip = '';
    menu: MenuItem[] = [];
    private readonly listeners = new Map<string, Listener>();
    constructor() {
      state.trays.push(this);
    }
    setImage(image: { path: string }) {
      this.image = image.path;
    }
    setToolTip(text: string) {
      this.tooltip = text;
    }
    setContextMenu(menu: MenuItem[]) {
      this.menu = menu;
    }
    on(event: string, listener: Listener) {
      this.listeners.set(event, listener);
    }
    destroy() {}
    /** Clicks the menu item with this id, wherever it is in the menu. */
    click(id: string) {
      const find = (items: MenuItem[]): MenuItem | undefined => {
        for (const item of items) {
          if (item.id === id) return item;
          const inner = item.submenu && find(item.submenu);
          if (inner) return inner;
        }
        return undefined;
      };
      const item = find(this.menu);
      if (!item?.click) throw new Error(`no clickable menu item ${id} in ${JSON.stringify(this.menu.map((i) => i.id))}`);
      item.click();
    }
  }
  class FakeNotification {
    static isSupported = () => true;
    private readonly listeners = new Map<string, Listener>();
    constructor(private readonly options: { title: string; body: string }) {}
    on(event: string, listener: Listener) {
      this.listeners.set(event, listener);
    }
    show() {
      state.notifications.push({ ...this.options, click: () => this.listeners.get('click')?.() });
    }
  }
  const emitter = { on: () => undefined, off: () => undefined };
  return {
    state,
    module: {
      app: {
        ...emitter,
        getPath: (name: string) => (name === 'home' ? state.home : state.userData),
        getName: () => 'ProverDesk',
        getAppPath: () => '/opt/proverdesk',
        getLoginItemSettings: () => ({ wasOpenedAtLogin: false }),
        setLoginItemSettings: () => undefined,
        quit: () => undefined,
      },
      BrowserWindow: { getAllWindows: () => [] },
      Menu: { buildFromTemplate: (template: MenuItem[]) => template },
      nativeImage: {
        createEmpty: () => ({ path: '', isEmpty: () => true }),
        createFromPath: (path: string) => ({ path, isEmpty: () => false }),
      },
      nativeTheme: { ...emitter, shouldUseDarkColors: true, shouldUseHighContrastColors: false },
      Tray: FakeTray,
      Notification: FakeNotification,
    },
  };
});
vi.mock('electron', () => fake.module);

import { startBatchApiSandbox, type BatchApiSandbox } from '../../../src-main/core/coordinators/batch-api/sandbox-server.js';
import { startCore, type Core } from '../../../src-main/core/core.js';
import type { ResourceSettings } from '../../../src-main/core/api/resource-schemas.js';
import { poseidonChainInput } from '../../fixtures/circuits/inputs.js';
import { sandboxCircuit } from '../../support/sandbox-circuits.js';
import { releaseSnarkjsWorkers } from '../../../src-main/core/engine/snarkjs-workers.js';
import { startDesktopShell, type DesktopShell } from '../../../src-main/electron/desktop-shell.js';

const ICONS_DIR = join(process.cwd(), 'assets', 'tray');
const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const dir = mkdtempSync(join(tmpdir(), 'proverdesk-desktop-shell-'));
let core: Core;
let shell: DesktopShell;
let sandbox: BatchApiSandbox | undefined;
let bigCircuit: Awaited<ReturnType<typeof sandboxCircuit>>;
const keychainService = `ProverDesk-test-${process.pid}-shell`;
const opened: (string | undefined)[] = [];
const xdgBefore = process.env.XDG_CONFIG_HOME;

const tray = () => fake.state.trays[0]!;
const call = async (kind: 'query' | 'command', name: string, input: unknown = {}) => {
  const response = await core.dispatch({ v: 1, kind, name, input });
  if (!response.ok) throw new Error(response.error.message);
  return response.result as Record<string, unknown>;
};

beforeAll(async () => {
  // Built once and cached; on a clean checkout compiling it takes a minute or more.
  bigCircuit = await sandboxCircuit('poseidon-chain-32k');
  fake.state.userData = join(dir, 'data');
  fake.state.home = join(dir, 'home');
  process.env.XDG_CONFIG_HOME = join(dir, 'config');
  core = await startCore({ dataDir: fake.state.userData, mode: 'electron', appVersion: '0.0.0-test', sampleIntervalMs: 1000, keychainService });
  shell = await startDesktopShell({
    core,
    dataDirArgument: fake.state.userData,
    iconsDir: ICONS_DIR,
    showWindow: (page) => opened.push(page),
    toggleWindow: () => undefined,
    quit: () => undefined,
    log: quiet,
  });
}, 300_000);

afterAll(async () => {
  shell?.dispose();
  await core?.close();
  await sandbox?.close();
  await releaseSnarkjsWorkers();
  if (xdgBefore === undefined) delete process.env.XDG_CONFIG_HOME;
  else process.env.XDG_CONFIG_HOME = xdgBefore;
  rmSync(dir, { recursive: true, force: true });
});

describe('the desktop shell, wired to the real core', () => {
  it('shows the state in the tray and runs its menu through the core: pause, then resume', async () => {
    await expect.poll(() => tray().menu.map((item) => item.id)).toContain('quit');
    expect(existsSync(tray().image)).toBe(true);
    expect(tray().image.startsWith(ICONS_DIR)).toBe(true);
    const runningImage = tray().image;

    tray().click('pause');
    await expect.poll(async () => (await call('query', 'governor.status')).summary).toBe('Paused: paused by you');
    await expect.poll(() => tray().tooltip, { timeout: 5_000 }).toMatch(/paused until you resume/i);
    expect(tray().image).not.toBe(runningImage);
    expect(existsSync(tray().image)).toBe(true);

    tray().click('resume');
    await expect.poll(async () => (await call('query', 'governor.status')).state).toBe('running');
    await expect.poll(() => tray().image, { timeout: 5_000 }).toBe(runningImage);
  });

  it('snoozes GPU work only from its menu, leaving CPU proving on', async () => {
    const snoozeGpu = tray().menu.find((item) => item.submenu?.some((child) => child.id?.startsWith('snooze-gpu')));
    const firstGpuItem = snoozeGpu?.submenu?.[0]?.id;
    expect(firstGpuItem).toBeDefined();
    tray().click(firstGpuItem!);
    await expect.poll(async () => (await call('query', 'governor.status')).snooze).toMatchObject({ scope: 'gpu' });
    expect((await call('query', 'governor.status')).state).toBe('running');
    await call('command', 'governor.unsnooze');
  });

  it('writes, then removes, the XDG autostart entry as Settings → Desktop says', async () => {
    const entry = join(dir, 'config', 'autostart', 'proverdesk.desktop');
    const { settings } = (await call('query', 'desktop.get')) as { settings: Record<string, unknown> };
    await call('command', 'desktop.set', { settings: { ...settings, startAtLogin: 'minimised' } });
    await expect.poll(() => existsSync(entry)).toBe(true);
    const text = readFileSync(entry, 'utf8');
    expect(text).toMatch(/^\[Desktop Entry\]$/m);
    expect(text).toMatch(/^Exec=.*--hidden/m);
    expect(text).toContain(fake.state.userData); // the login start uses this data folder
    await call('command', 'desktop.set', { settings: { ...settings, startAtLogin: 'off' } });
    await expect.poll(() => existsSync(entry)).toBe(false);
  });

  it('tells the user of a job that failed, with its market and the reason, and a click opens the Jobs page', async () => {
    // A job the memory limit keeps from starting ends failed: the notice says which market, and why.
    const { settings } = (await call('query', 'resources.get')) as { settings: ResourceSettings };
    await call('command', 'resources.set', { settings: { ...settings, memory: { maxMiB: 16 } } });
    sandbox = await startBatchApiSandbox({ participants: [{ id: 'shell-user', batches: [{ circuit: bigCircuit, input: poseidonChainInput() }] }] });
    const before = fake.state.notifications.length;
    await call('command', 'coordinators.add', { kind: 'batch-api', name: 'Shell sandbox', url: sandbox.url, participantId: 'shell-user' });
    await expect.poll(() => fake.state.notifications.slice(before), { timeout: 40_000, interval: 500 }).toEqual([
      expect.objectContaining({ title: expect.stringMatching(/failed/i), body: expect.stringMatching(/needs about \d+ MiB of memory/) }),
    ]);
    fake.state.notifications.at(-1)!.click();
    expect(opened.at(-1)).toBe('jobs');
  }, 60_000);

  it('closes the window to the tray with a one-off notice, or quits when the user chose that', async () => {
    const before = fake.state.notifications.length;
    expect(shell.onWindowClose(false)).toBe('hide');
    expect(fake.state.notifications.slice(before)).toEqual([expect.objectContaining({ title: 'ProverDesk is still proving' })]);
    expect(shell.onWindowClose(false)).toBe('hide');
    expect(fake.state.notifications).toHaveLength(before + 1); // once only
    expect(shell.keepsRunningWithoutWindow()).toBe(true);

    const { settings } = (await call('query', 'desktop.get')) as { settings: Record<string, unknown> };
    await call('command', 'desktop.set', { settings: { ...settings, closeToTray: false } });
    await expect.poll(() => shell.onWindowClose(false)).toBe('quit');
    expect(shell.keepsRunningWithoutWindow()).toBe(false);
    expect(shell.onWindowClose(true)).toBe('quit');
  });
});
