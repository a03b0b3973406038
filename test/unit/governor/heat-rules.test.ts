import { describe, expect, it } from 'vitest';
import type { GovernorSignals } from '../../../src-main/core/governor/governor-types.js';
import { defaultResourceSettings } from '../../../src-main/core/governor/default-resources.js';
import { CpuHeatRule } from '../../../src-main/core/governor/rules/cpu-heat-rule.js';
import { GpuHeatRule } from '../../../src-main/core/governor/rules/gpu-heat-rule.js';
import { SignalSequence, levels, texts, times } from './signal-sequence.js';

/** Caps 85 °C (CPU) and 83 °C (GPU), margin 5 °C, hold 10 s (five readings). */
function heatSettings() {
  const settings = defaultResourceSettings();
  settings.heat = { cpuMaxC: 85, gpuMaxC: 83, marginC: 5, holdSeconds: 10 };
  return settings;
}

const cpuAt = (cpuTempC: number | null): Partial<GovernorSignals> => ({ cpuTempC });
const gpusAt = (...temps: (number | null)[]): Partial<GovernorSignals> => ({ gpuTempsC: temps.map((temperatureC, index) => ({ index, temperatureC })) });

describe('cpu-heat rule', () => {
  it('cuts to 60 % at once above the cap, then ×0.6 every hold while still above, never below 10 %', () => {
    const rule = new SignalSequence(new CpuHeatRule(), heatSettings());
    expect(rule.one(cpuAt(85))).toBeNull(); // at the cap is not above it
    expect(rule.one(cpuAt(91))).toEqual({ rule: 'cpu-heat', effect: 'throttle', scope: 'all', cpuPct: 60, text: 'CPU 91 °C (cap 85 °C)' });
    expect(levels(rule.feed(25, cpuAt(91)))).toEqual([...times(4, 60), ...times(5, 36), ...times(5, 22), ...times(5, 13), ...times(6, 10)]);
  });

  it('keeps the level between the cap minus the margin and the cap', () => {
    const rule = new SignalSequence(new CpuHeatRule(), heatSettings());
    rule.feed(6, cpuAt(90));
    const verdicts = rule.feed(30, cpuAt(80));
    expect(levels(verdicts)).toEqual(times(30, 36));
    expect(verdicts[0]?.text).toBe('CPU 80 °C (cap 85 °C)');
  });

  it('raises by 20 % every hold below the cap minus the margin, back to no verdict', () => {
    const rule = new SignalSequence(new CpuHeatRule(), heatSettings());
    rule.feed(6, cpuAt(90)); // 36 %
    const verdicts = rule.feed(21, cpuAt(79.9));
    expect(levels(verdicts)).toEqual([...times(5, 36), ...times(5, 56), ...times(5, 76), ...times(5, 96), 100]);
    expect(verdicts.at(-1)).toBeNull();
  });

  it('needs the cooling uninterrupted: a warmer reading restarts the hold, a hot one cuts again', () => {
    const rule = new SignalSequence(new CpuHeatRule(), heatSettings());
    rule.feed(6, cpuAt(90)); // 36 %
    rule.feed(4, cpuAt(70));
    rule.one(cpuAt(82));
    expect(levels(rule.feed(6, cpuAt(70)))).toEqual([...times(5, 36), 56]);
    rule.feed(5, cpuAt(70)); // 76 %
    // Above the cap again from 76 %: down to 60 % at once, no further cut before the hold.
    expect(levels(rule.feed(6, cpuAt(88)))).toEqual([...times(5, 60), 36]);
    // From below 60 %, going above again starts the hold without a cut at once.
    rule.one(cpuAt(84));
    expect(levels(rule.feed(6, cpuAt(88)))).toEqual([...times(5, 36), 22]);
  });

  it('keeps the level and the last temperature through missing readings', () => {
    const rule = new SignalSequence(new CpuHeatRule(), heatSettings());
    rule.one(cpuAt(91));
    expect(rule.feed(20, cpuAt(null))).toEqual(times(20, { rule: 'cpu-heat', effect: 'throttle', scope: 'all', cpuPct: 60, text: 'CPU 91 °C (cap 85 °C)' }));
    // Still above when readings come back: the hold did not restart while they were missing.
    expect(levels([rule.one(cpuAt(91))])).toEqual([36]);
  });

  it('gives no verdict without a cap, and starts afresh when one is set again', () => {
    const settings = heatSettings();
    const rule = new SignalSequence(new CpuHeatRule(), settings);
    rule.feed(6, cpuAt(95));
    settings.heat.cpuMaxC = null;
    expect(rule.one(cpuAt(95))).toBeNull();
    settings.heat.cpuMaxC = 100;
    expect(rule.one(cpuAt(95))).toBeNull();
  });
});

describe('gpu-heat rule', () => {
  it('pauses GPU work while any GPU is above the cap, naming the hottest', () => {
    const rule = new SignalSequence(new GpuHeatRule(), heatSettings());
    expect(rule.one(gpusAt(83, 70))).toBeNull();
    expect(rule.one(gpusAt(86, 88.2))).toEqual({ rule: 'gpu-heat', effect: 'pause', scope: 'gpu', cpuPct: 0, text: 'GPU 1 at 88 °C (cap 83 °C)' });
  });

  it('resumes after every GPU has stayed at or below the cap minus the margin for the hold', () => {
    const rule = new SignalSequence(new GpuHeatRule(), heatSettings());
    rule.one(gpusAt(88, 60));
    const hot = 'GPU 0 at 88 °C (cap 83 °C)';
    expect(texts(rule.feed(10, gpusAt(79, 60)))).toEqual(times(10, hot)); // 79 °C: not cool enough
    expect(texts(rule.feed(4, gpusAt(78, 60)))).toEqual(times(4, hot));
    expect(rule.one(gpusAt(78, 80))?.text).toBe(hot); // the other GPU warms: the hold starts again
    expect(texts(rule.feed(6, gpusAt(70, 70)))).toEqual([...times(5, hot), null]);
  });

  it('ignores GPUs without a reading, and keeps its state when none has one', () => {
    const rule = new SignalSequence(new GpuHeatRule(), heatSettings());
    expect(rule.one(gpusAt(null, 90))?.text).toBe('GPU 1 at 90 °C (cap 83 °C)');
    expect(texts(rule.feed(20, gpusAt(null, null)))).toEqual(times(20, 'GPU 1 at 90 °C (cap 83 °C)'));
    expect(texts(rule.feed(20, { gpuTempsC: [] }))).toEqual(times(20, 'GPU 1 at 90 °C (cap 83 °C)'));
    expect(texts(rule.feed(6, gpusAt(null, 60)))).toEqual([...times(5, 'GPU 1 at 90 °C (cap 83 °C)'), null]);
  });

  it('gives no verdict without a cap', () => {
    const settings = heatSettings();
    settings.heat.gpuMaxC = null;
    expect(new SignalSequence(new GpuHeatRule(), settings).one(gpusAt(110))).toBeNull();
  });
});
