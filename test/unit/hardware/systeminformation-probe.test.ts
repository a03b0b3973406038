// What other machines report through systeminformation (batteries, GPUs, sensors this VM lacks), shaped
// by the real probe's functions into schema-valid readings.
import type { Systeminformation } from 'systeminformation';
import { describe, expect, it } from 'vitest';
import { GpuSample, PowerState } from '../../../src-main/core/api/schemas.js';
import {
  createSystemInformationProbe,
  readEveryN,
  toGpuSample,
  toMemory,
  toPower,
  toTemperatures,
} from '../../../src-main/core/hardware/systeminformation-probe.js';

const MIB = 1024 * 1024;

const battery = (fields: Partial<Systeminformation.BatteryData>) => fields as Systeminformation.BatteryData;
const controller = (fields: Partial<Systeminformation.GraphicsControllerData>) =>
  fields as Systeminformation.GraphicsControllerData;

describe('toPower', () => {
  it('is on battery when a battery is present and mains is not', () => {
    const power = toPower(battery({ hasBattery: true, acConnected: false, percent: 42, isCharging: false }));
    expect(PowerState.parse(power)).toEqual({ source: 'battery', hasBattery: true, batteryPct: 42, charging: false });
  });

  it('is on mains when mains is connected, with or without a battery', () => {
    expect(toPower(battery({ hasBattery: true, acConnected: true, percent: 80, isCharging: true }))).toEqual({
      source: 'ac',
      hasBattery: true,
      batteryPct: 80,
      charging: true,
    });
    expect(toPower(battery({ hasBattery: false, acConnected: true, percent: 0, isCharging: false }))).toEqual({
      source: 'ac',
      hasBattery: false,
      batteryPct: null,
      charging: null,
    });
  });

  it('takes a desktop without a battery to be on mains even when it reports no mains', () => {
    expect(toPower(battery({ hasBattery: false, acConnected: false })).source).toBe('ac');
  });

  it('says unknown when systeminformation cannot tell', () => {
    expect(toPower(battery({})).source).toBe('unknown');
  });

  it('clamps a battery percentage over 100', () => {
    expect(toPower(battery({ hasBattery: true, acConnected: true, percent: 101 })).batteryPct).toBe(100);
  });
});

describe('toGpuSample', () => {
  it('converts what nvidia-smi reports (MiB) into bytes and keeps utilization and temperature', () => {
    const gpu = toGpuSample(
      controller({
        vendor: 'NVIDIA Corporation',
        model: 'GH100 [H100 SXM5 80GB]',
        vram: 81_559,
        memoryTotal: 81_559,
        memoryUsed: 1_024.5,
        utilizationGpu: 37,
        temperatureGpu: 41,
      }),
      0,
    );
    expect(GpuSample.parse(gpu)).toEqual({
      index: 0,
      vendor: 'NVIDIA Corporation',
      model: 'GH100 [H100 SXM5 80GB]',
      memoryTotalBytes: 81_559 * MIB,
      memoryUsedBytes: Math.round(1_024.5 * MIB),
      utilizationPct: 37,
      temperatureC: 41,
    });
  });

  it("keeps the card's PCI address, from lspci or else from nvidia-smi", () => {
    expect(toGpuSample(controller({ vendor: 'NVIDIA Corporation', model: 'AD104', busAddress: '01:00.0' }), 0).busAddress).toBe('01:00.0');
    expect(toGpuSample(controller({ vendor: 'NVIDIA Corporation', model: 'AD104', pciBus: '00000000:41:00.0' }), 0).busAddress).toBe('00000000:41:00.0');
    expect(toGpuSample(controller({ vendor: 'Intel Corporation', model: 'UHD Graphics 630' }), 0)).not.toHaveProperty('busAddress');
  });

  it('reports only what a GPU without live counters has', () => {
    const gpu = toGpuSample(controller({ vendor: 'Intel Corporation', model: 'UHD Graphics 630', vram: 128 }), 1);
    expect(GpuSample.parse(gpu)).toEqual({
      index: 1,
      vendor: 'Intel Corporation',
      model: 'UHD Graphics 630',
      memoryTotalBytes: 128 * MIB,
      memoryUsedBytes: null,
      utilizationPct: null,
      temperatureC: null,
    });
    expect(toGpuSample(controller({ vendor: 'Red Hat, Inc.', model: 'Virtio GPU', vram: null }), 0)).toMatchObject({
      memoryTotalBytes: null,
    });
  });

  it('clamps utilization and drops readings that are not numbers', () => {
    const gpu = toGpuSample(controller({ vendor: 'AMD', model: 'MI300', utilizationGpu: 104, temperatureGpu: NaN }), 0);
    expect(gpu.utilizationPct).toBe(100);
    expect(gpu.temperatureC).toBeNull();
  });
});

describe('toTemperatures', () => {
  it('turns the missing-sensor values systeminformation uses (-1, null, 0) into null or leaves them out', () => {
    const temperatures = toTemperatures({
      main: -1,
      max: null as unknown as number,
      cores: [-1, 55.5, null as unknown as number, 0, 61],
    });
    expect(temperatures).toEqual({ cpuMainC: null, cpuMaxC: null, coresC: [55.5, 61] });
  });

  it('keeps real readings', () => {
    expect(toTemperatures({ main: 48, max: 61, cores: [48, 61] })).toEqual({
      cpuMainC: 48,
      cpuMaxC: 61,
      coresC: [48, 61],
    });
  });
});

describe('toMemory', () => {
  it('counts memory the OS can give back as available, not used', () => {
    const memory = toMemory({
      total: 16_000_000_000,
      free: 2_000_000_000,
      used: 14_000_000_000,
      available: 10_000_000_000,
      swaptotal: 4_000_000_000,
      swapused: 1_000_000_000,
    } as Systeminformation.MemData);
    expect(memory).toEqual({
      totalBytes: 16_000_000_000,
      usedBytes: 6_000_000_000,
      availableBytes: 10_000_000_000,
      swapTotalBytes: 4_000_000_000,
      swapUsedBytes: 1_000_000_000,
    });
  });

  it('keeps odd readings within what the schema accepts', () => {
    const memory = toMemory({
      total: 1_000.6,
      available: 2_000,
      swaptotal: NaN,
      swapused: 5,
    } as Systeminformation.MemData);
    expect(memory).toEqual({
      totalBytes: 1_001,
      usedBytes: 0,
      availableBytes: 1_001,
      swapTotalBytes: 0,
      swapUsedBytes: 0,
    });
  });
});

describe('createSystemInformationProbe', () => {
  it('refuses a GPU refresh rate that is not a whole number of samples', () => {
    expect(() => createSystemInformationProbe({ gpuEveryNSamples: 0 })).toThrow(RangeError);
    expect(() => createSystemInformationProbe({ gpuEveryNSamples: 2.5 })).toThrow(/gpuEveryNSamples/);
  });
});

describe('readEveryN', () => {
  it('reads on the first call and then every N calls, handing back the last result in between', async () => {
    let reads = 0;
    const read = readEveryN(async () => ++reads, () => 3);
    const results: number[] = [];
    for (let call = 0; call < 7; call++) results.push(await read());
    expect(results).toEqual([1, 1, 1, 2, 2, 2, 3]);
  });

  it('tries a failed read again at the next call', async () => {
    let reads = 0;
    const read = readEveryN(async () => {
      reads += 1;
      if (reads === 2) throw new Error('nvidia-smi timed out');
      return reads;
    }, () => 2);
    expect(await read()).toBe(1);
    expect(await read()).toBe(1);
    await expect(read()).rejects.toThrow('nvidia-smi timed out');
    expect(await read()).toBe(3);
  });

  it('lets the last result decide how long it stays', async () => {
    const answers = [null, null, 50, 51];
    let reads = 0;
    const read = readEveryN(async () => answers[reads++] ?? null, (last) => (last === null ? 2 : 1));
    const results: (number | null)[] = [];
    for (let call = 0; call < 6; call++) results.push(await read());
    // Nothing read: asked again every second call. A reading: asked again at every call.
    expect(results).toEqual([null, null, null, null, 50, 51]);
    expect(reads).toBe(4);
  });
});
