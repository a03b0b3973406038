import { describe, expect, it } from 'vitest';
import type { GovernorSignals } from '../../../src-main/core/governor/governor-types.js';
import { defaultResourceSettings } from '../../../src-main/core/governor/default-resources.js';
import { BatteryRule } from '../../../src-main/core/governor/rules/battery-rule.js';
import { SignalSequence, texts, times } from './signal-sequence.js';

const onBattery = (batteryPct: number | null = 80): Partial<GovernorSignals> => ({ power: { source: 'battery', batteryPct } });
const onMains: Partial<GovernorSignals> = { power: { source: 'ac', batteryPct: 100 } };
const unknownPower: Partial<GovernorSignals> = { power: { source: 'unknown', batteryPct: null } };

function sequence(runOnBattery: boolean, minBatteryPct = 50): SignalSequence {
  const settings = defaultResourceSettings();
  settings.battery = { runOnBattery, minBatteryPct };
  return new SignalSequence(new BatteryRule(), settings);
}

describe('battery rule', () => {
  it('pauses on battery unless allowed, and resumes 15 s after the mains are back', () => {
    const rule = sequence(false);
    expect(rule.one(onMains)).toBeNull();
    expect(rule.one(onBattery())).toEqual({ rule: 'battery', effect: 'pause', scope: 'all', cpuPct: 0, text: 'on battery' });
    // Mains from 0 s: still paused at 14 s, free at 16 s.
    expect(texts(rule.feed(9, onMains))).toEqual([...times(8, 'on battery'), null]);
  });

  it('restarts the hold when the plug flaps', () => {
    const rule = sequence(false);
    rule.one(onBattery());
    expect(texts(rule.feed(6, onMains))).toEqual(times(6, 'on battery'));
    rule.one(onBattery());
    expect(texts(rule.feed(8, onMains))).toEqual(times(8, 'on battery'));
    expect(rule.one(onMains)).toBeNull();
  });

  it('on battery when allowed, pauses below the minimum charge', () => {
    const rule = sequence(true, 30);
    expect(rule.one(onBattery(60))).toBeNull();
    expect(rule.one(onBattery(18))?.text).toBe('battery at 18 % (below 30 %)');
    expect(texts(rule.feed(9, onBattery(31)))).toEqual([...times(8, 'battery at 18 % (below 30 %)'), null]);
  });

  it('objects to nothing new when the power source or the charge is unknown', () => {
    expect(texts(sequence(false).feed(3, unknownPower))).toEqual([null, null, null]);
    expect(sequence(true, 30).one(onBattery(null))).toBeNull();
  });

  it('lets a running hold end when the power source becomes unknown', () => {
    const rule = sequence(false);
    rule.one(onBattery());
    expect(texts(rule.feed(9, unknownPower))).toEqual([...times(8, 'on battery'), null]);
  });
});
