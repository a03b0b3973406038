// The desktop shell's settings as the core keeps them (a real SQLite file): defaults, a change saved and told to
// the shell through `desktop.changed`, whether they apply here, and what the API's schema refuses.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands, type EventMessage } from '../../../src-main/core/api/contract.js';
import { defaultDesktopSettings } from '../../../src-main/core/api/desktop-schemas.js';
import { EventBus } from '../../../src-main/core/api/event-bus.js';
import { desktopSettingsHandlers } from '../../../src-main/core/desktop/desktop-settings.js';
import { openStore } from '../../../src-main/core/store/open-store.js';
import type { Store } from '../../../src-main/core/store/store.js';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'proverdesk-desktop-settings-'));
  store = openStore(join(dir, 'proverdesk.db'));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('desktop settings', () => {
  it('start from the defaults, are kept across a reopen, and are told to the shell when changed', async () => {
    const bus = new EventBus((error) => {
      throw error;
    });
    const heard: EventMessage[] = [];
    bus.subscribe((event) => heard.push(event));
    const handlers = desktopSettingsHandlers({ settings: store.settings, bus, applies: true });
    expect(await handlers.queries['desktop.get']({})).toEqual({ settings: defaultDesktopSettings(), applies: true });

    const next = { ...defaultDesktopSettings(), startAtLogin: 'minimised' as const, notifications: { ...defaultDesktopSettings().notifications, dailySummary: true } };
    expect(await handlers.commands['desktop.set']({ settings: next })).toEqual({ settings: next, applies: true });
    expect(heard).toEqual([{ v: 1, name: 'desktop.changed', payload: next }]);

    store.close();
    store = openStore(join(dir, 'proverdesk.db'));
    const headless = desktopSettingsHandlers({ settings: store.settings, bus, applies: false });
    expect(await headless.queries['desktop.get']({})).toEqual({ settings: next, applies: false });
  });

  it('are refused by the API when a value or a field is unknown', () => {
    const input = commands['desktop.set'].input;
    expect(input.safeParse({ settings: { ...defaultDesktopSettings(), startAtLogin: 'sometimes' } }).success).toBe(false);
    expect(input.safeParse({ settings: { ...defaultDesktopSettings(), extra: true } }).success).toBe(false);
    expect(input.safeParse({ settings: defaultDesktopSettings() }).success).toBe(true);
  });

  it('fall back to the defaults when what is stored is no longer valid', async () => {
    store.settings.set('desktop.settings', { startAtLogin: 'yes' });
    const handlers = desktopSettingsHandlers({ settings: store.settings, bus: new EventBus(() => {}), applies: true });
    expect((await handlers.queries['desktop.get']({})).settings).toEqual(defaultDesktopSettings());
  });
});
