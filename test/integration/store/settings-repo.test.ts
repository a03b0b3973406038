import { describe, expect, it } from 'vitest';
import { useTempStores } from './fixtures/temp-store.js';

describe('settings repository', () => {
  const stores = useTempStores();

  it('round-trips JSON values across a reopen', () => {
    const values = {
      'limits.cpuPct': 50,
      'limits.onBattery': false,
      'ui.theme': 'dark',
      'schedule.windows': [{ from: '22:00', to: '07:00' }],
      'pricing.override': null,
    };
    const store = stores.open();
    for (const [key, value] of Object.entries(values)) store.settings.set(key, value);
    store.close();

    const reopened = stores.open();
    for (const [key, value] of Object.entries(values)) expect(reopened.settings.get(key)).toEqual(value);
    expect(reopened.settings.all()).toEqual(values);
    expect(reopened.settings.get('never.set')).toBeUndefined();
  });

  it('overwrites and deletes', () => {
    const { settings } = stores.open();
    settings.set('ui.theme', 'dark');
    settings.set('ui.theme', 'light');
    expect(settings.get('ui.theme')).toBe('light');
    expect(settings.delete('ui.theme')).toBe(true);
    expect(settings.delete('ui.theme')).toBe(false);
    expect(settings.get('ui.theme')).toBeUndefined();
    expect(settings.all()).toEqual({});
  });

  it('refuses values JSON cannot hold and keeps the stored one', () => {
    const { settings } = stores.open();
    settings.set('limits.cpuPct', 50);
    expect(() => settings.set('limits.cpuPct', undefined)).toThrow(/setting limits.cpuPct: value cannot be stored as JSON \(it is undefined\)/);
    expect(() => settings.set('limits.cpuPct', 10n)).toThrow(/setting limits.cpuPct: value cannot be stored as JSON/);
    expect(() => settings.set('limits.cpuPct', () => 1)).toThrow(/it is function/);
    expect(() => settings.set('', 1)).toThrow(/non-empty string/);
    expect(settings.all()).toEqual({ 'limits.cpuPct': 50 });
  });
});
