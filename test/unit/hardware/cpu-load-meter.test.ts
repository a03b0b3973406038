import type { CpuInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { CpuLoadMeter } from '../../../src-main/core/hardware/cpu-load-meter.js';

const times = (busy: number, idle: number): CpuInfo['times'] => ({ user: busy, nice: 0, sys: 0, idle, irq: 0 });

describe('CpuLoadMeter', () => {
  it('reports the busy share of the time between two readings, per core and in total', () => {
    const readings = [
      [times(100, 900), times(500, 500)],
      [times(150, 950), times(500, 600)], // core 0: 50 of 100 busy; core 1: 0 of 100
    ];
    const meter = new CpuLoadMeter(() => readings.shift()!);
    expect(meter.measure()).toEqual({ loadPct: 30, perCorePct: [10, 50] }); // since boot
    expect(meter.measure()).toEqual({ loadPct: 25, perCorePct: [50, 0] });
  });

  it('reads 0 when no time passed or counters went backwards, never outside 0..100', () => {
    const readings = [[times(10, 10)], [times(10, 10)], [times(5, 2)]];
    const meter = new CpuLoadMeter(() => readings.shift()!);
    meter.measure();
    expect(meter.measure()).toEqual({ loadPct: 0, perCorePct: [0] });
    expect(meter.measure()).toEqual({ loadPct: 0, perCorePct: [0] });
  });

  it('measures this machine with one figure per logical core', async () => {
    const meter = new CpuLoadMeter();
    meter.measure();
    const end = Date.now() + 50;
    while (Date.now() < end); // some load of our own
    const { loadPct, perCorePct } = meter.measure();
    expect(perCorePct.length).toBeGreaterThan(0);
    expect(loadPct).toBeGreaterThan(0);
    expect(loadPct).toBeLessThanOrEqual(100);
  });
});
