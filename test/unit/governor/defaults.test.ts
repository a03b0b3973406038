import { describe, expect, it } from 'vitest';
import { ResourceSettings } from '../../../src-main/core/api/resource-schemas.js';
import { defaultResourceSettings } from '../../../src-main/core/governor/default-resources.js';
import { createRules } from '../../../src-main/core/governor/rules/all-rules.js';
import { STARTER_EXCLUSIVE_APPS } from '../../../src-main/core/governor/starter-exclusive-apps.js';
import { signals, START_MS } from './signal-sequence.js';

describe('default resource settings', () => {
  it('are valid settings with the starter exclusive apps, and a fresh copy each time', () => {
    const settings = defaultResourceSettings();
    expect(ResourceSettings.safeParse(settings).success).toBe(true);
    expect(settings.exclusiveApps).toEqual({ enabled: true, names: [...STARTER_EXCLUSIVE_APPS] });
    settings.exclusiveApps.names.push('mine');
    settings.schedule.week[0] = 0;
    expect(defaultResourceSettings().exclusiveApps.names).toEqual([...STARTER_EXCLUSIVE_APPS]);
    expect(defaultResourceSettings().schedule.week[0]).toBe(0xff_ffff);
  });

  it('object to nothing on a quiet machine at the default limits', () => {
    const settings = defaultResourceSettings();
    expect(createRules().map((rule) => rule.evaluate(signals(START_MS), settings))).toEqual(createRules().map(() => null));
  });

  it('start with no launcher or chat program that runs all day, and no duplicate', () => {
    const lower = STARTER_EXCLUSIVE_APPS.map((name) => name.toLowerCase());
    for (const allDay of ['steam', 'steamwebhelper', 'discord', 'epicgameslauncher', 'battle.net']) expect(lower).not.toContain(allDay);
    expect(new Set(lower).size).toBe(lower.length);
    expect(lower.every((name) => !name.endsWith('.exe'))).toBe(true);
  });
});

describe('createRules', () => {
  it('gives one of each rule, with fresh timers each call', () => {
    const settings = defaultResourceSettings();
    const first = createRules();
    expect(first.map((rule) => rule.name)).toEqual(['cpu-limit', 'idle', 'battery', 'schedule', 'exclusive-apps', 'other-cpu', 'cpu-heat', 'gpu-heat']);
    const battery = (rules: typeof first) => rules.find((rule) => rule.name === 'battery');
    battery(first)?.evaluate(signals(START_MS, { power: { source: 'battery', batteryPct: 90 } }), settings);
    const onMains = signals(START_MS + 2_000);
    expect(battery(first)?.evaluate(onMains, settings)?.text).toBe('on battery'); // held
    expect(battery(createRules())?.evaluate(onMains, settings)).toBeNull();
  });
});
