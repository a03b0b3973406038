// Electron's powerMonitor as the governor's DesktopSignals, with powerMonitor stood in for (Electron's binary
// cannot be had here): idle time, a locked screen counting as away, the power source read from the session,
// and sleep, wake and plug events passed on, then the real governor acting on them over a real SQLite store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const monitor = vi.hoisted(() => {
  const listeners = new Map<string, Set<() => void>>();
  const self = {
    idle: 0,
    onBattery: false,
    emit(event: string) {
      for (const listener of listeners.get(event) ?? []) listener();
    },
    listenerCount: (event: string) => listeners.get(event)?.size ?? 0,
    powerMonitor: {
      getSystemIdleTime: () => self.idle,
      isOnBatteryPower: () => self.onBattery,
      on(event: string, listener: () => void) {
        if (!listeners.has(event)) listeners.set(event, new Set());
        listeners.get(event)!.add(listener);
      },
      off(event: string, listener: () => void) {
        listeners.get(event)?.delete(listener);
      },
    },
  };
  return self;
});
vi.mock('electron', () => ({ powerMonitor: monitor.powerMonitor }));

import { Governor } from '../../../src-main/core/governor/governor.js';
import { SignalReader } from '../../../src-main/core/governor/signal-reader.js';
import { openStore } from '../../../src-main/core/store/open-store.js';
import { electronDesktopSignals } from '../../../src-main/electron/desktop-signals.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('Electron powerMonitor as the desktop signals', () => {
  it('reads idle time (a locked screen counts as away) and the power source; passes on sleep, wake and plugging', () => {
    const signals = electronDesktopSignals();
    expect(signals.idleDetection).toBe('os');
    monitor.idle = 42;
    expect(signals.idleSeconds()).toBe(42);
    monitor.emit('lock-screen');
    expect(signals.idleSeconds()).toBe(Number.MAX_SAFE_INTEGER);
    monitor.emit('unlock-screen');
    expect(signals.idleSeconds()).toBe(42);
    monitor.onBattery = true;
    expect(signals.onBattery()).toBe(true);

    const heard: string[] = [];
    const stop = signals.onPowerEvent((event) => heard.push(event));
    for (const event of ['suspend', 'resume', 'on-battery', 'on-ac']) monitor.emit(event);
    expect(heard).toEqual(['suspend', 'resume', 'power-source', 'power-source']);
    stop();
    expect(monitor.listenerCount('suspend')).toBe(0);
    expect(monitor.listenerCount('on-ac')).toBe(0);
  });

  it('lets the governor pause at once when the laptop is unplugged, and go on once plugged in again', async () => {
    dir = mkdtempSync(join(tmpdir(), 'proverdesk-electron-signals-'));
    const store = openStore(join(dir, 'proverdesk.db'));
    const desktop = electronDesktopSignals();
    monitor.onBattery = false;
    const reader = new SignalReader({ desktop, latestSample: () => null, engineCpu: async () => null, listApps: async () => [], now: Date.now });
    const quiet = { info: () => {}, warn: () => {}, error: () => {} };
    const governor = new Governor({ settings: store.settings, reader, desktop, intervalMs: 3_600_000, log: quiet });
    try {
      await governor.start();
      expect(governor.status().state).toBe('running');
      monitor.onBattery = true;
      monitor.emit('on-battery');
      await expect.poll(() => governor.status().summary).toBe('Paused: on battery');
      monitor.onBattery = false;
      monitor.emit('on-ac');
      // Plug flapping is held off for a few seconds before work goes on; the pause stays until then.
      await expect.poll(() => governor.status().reasons.map((r) => r.rule)).toEqual(['battery']);
    } finally {
      governor.stop();
      store.close();
    }
  });
});
