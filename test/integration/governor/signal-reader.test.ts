// One reading of the machine as the rules get it, from this machine's real CPU times and a hardware sample:
// the desktop session's word on the power source wins over the sampler's (which can be 2 s old), the
// hottest CPU reading counts, programs are listed only when asked, and others' CPU use leaves ProverDesk's out.
import { describe, expect, it } from 'vitest';
import type { HardwareSample } from '../../../src-main/core/api/schemas.js';
import { headlessDesktopSignals, type DesktopSignals } from '../../../src-main/core/governor/desktop-signals.js';
import { SignalReader } from '../../../src-main/core/governor/signal-reader.js';

const sample: HardwareSample = {
  atMs: 1_000,
  cpu: { loadPct: 10, perCorePct: [10] },
  memory: { totalBytes: 100, usedBytes: 50, availableBytes: 50, swapTotalBytes: 0, swapUsedBytes: 0 },
  temperatures: { cpuMainC: 61, cpuMaxC: null, coresC: [58, 72] },
  gpus: [{ index: 0, vendor: 'NVIDIA', model: 'RTX', memoryTotalBytes: null, memoryUsedBytes: null, utilizationPct: null, temperatureC: 66 }],
  power: { source: 'ac', hasBattery: true, batteryPct: 80, charging: true },
};

function reader(desktop: DesktopSignals, apps: string[] = ['cs2']) {
  let listed = 0;
  const r = new SignalReader({
    desktop,
    latestSample: () => sample,
    engineCpu: async () => null,
    listApps: async () => {
      listed += 1;
      return apps;
    },
    now: () => Date.UTC(2025, 0, 6, 12),
  });
  return { r, listed: () => listed };
}

describe('a reading of the machine', () => {
  it('takes the desktop session’s power source over the sampler’s, keeping the charge', async () => {
    const unplugged = { ...headlessDesktopSignals({ assumeIdle: false }), onBattery: () => true };
    const { r } = reader(unplugged);
    expect((await r.read({ apps: false })).power).toEqual({ source: 'battery', batteryPct: 80 });
    const { r: fromSampler } = reader(headlessDesktopSignals({ assumeIdle: false }));
    expect((await fromSampler.read({ apps: false })).power).toEqual({ source: 'ac', batteryPct: 80 });
  });

  it('uses the hottest CPU reading, each GPU, the sample’s time, and lists programs only when asked', async () => {
    const { r, listed } = reader(headlessDesktopSignals({ assumeIdle: true }));
    const quick = await r.read({ apps: false });
    expect(quick).toMatchObject({ cpuTempC: 72, gpuTempsC: [{ index: 0, temperatureC: 66 }], hardwareAtMs: 1_000, runningApps: null, idleSeconds: Number.MAX_SAFE_INTEGER });
    expect(quick.otherCpuPct).toBeNull(); // the first reading has nothing to compare with
    expect(listed()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 100)); // the OS's CPU times move in ticks of 10 ms or so
    const full = await r.read({ apps: true });
    expect(full.runningApps).toEqual(['cs2']);
    expect(listed()).toBe(1);
    expect(full.otherCpuPct).toBeGreaterThanOrEqual(0);
    expect(full.otherCpuPct).toBeLessThanOrEqual(100);
  });

  it('says the idle time is unknown on a headless machine unless told to assume idle', async () => {
    const { r } = reader(headlessDesktopSignals({ assumeIdle: false }));
    expect((await r.read({ apps: false })).idleSeconds).toBeNull();
  });
});
