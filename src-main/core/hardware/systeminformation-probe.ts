// The real probe: reads the machine through systeminformation and shapes its answers so that every sample
// passes the API schemas (percentages within 0..100, whole non-negative bytes, unknown readings as null).
import si from 'systeminformation';
import type { Systeminformation } from 'systeminformation';
import type { GpuSample, HardwareSample, PowerState } from '../api/schemas.js';
import { CpuLoadMeter } from './cpu-load-meter.js';
import type { HardwareProbe } from './hardware-probe.js';

const BYTES_PER_MIB = 1024 * 1024;
/** A machine whose CPU reported no temperature is asked again only this often (once a minute at 2 s). */
const SENSORLESS_TEMPERATURE_EVERY_N_SAMPLES = 30;
/** GPUs without live figures (or none at all) are listed again only this often (every 5 minutes at 2 s). */
const STATIC_GPU_EVERY_N_SAMPLES = 150;

export interface SystemInformationProbeOptions {
  /** GPUs are read only every N samples (default 5): nvidia-smi is slow and runs synchronously. */
  gpuEveryNSamples?: number;
}

export function createSystemInformationProbe(options: SystemInformationProbeOptions = {}): HardwareProbe {
  const gpuEveryNSamples = options.gpuEveryNSamples ?? 5;
  if (!Number.isInteger(gpuEveryNSamples) || gpuEveryNSamples < 1) {
    throw new RangeError(`gpuEveryNSamples must be a whole number of at least 1, got ${gpuEveryNSamples}`);
  }
  const cpuLoad = new CpuLoadMeter();
  // Listing GPUs spawns lspci and nvidia-smi; only GPUs that report live figures are worth asking often.
  const gpus = readEveryN(
    async () => (await si.graphics()).controllers.map(toGpuSample),
    (last) => (last.some(reportsLiveFigures) ? gpuEveryNSamples : STATIC_GPU_EVERY_N_SAMPLES),
  );
  // Asking for temperatures spawns shells (and `sensors`) each time, a waste where no sensor answers.
  const temperatures = readEveryN(
    async () => toTemperatures(await si.cpuTemperature()),
    (last) => (hasReadings(last) ? 1 : SENSORLESS_TEMPERATURE_EVERY_N_SAMPLES),
  );

  return {
    async staticInfo() {
      const [cpu, os] = await Promise.all([si.cpu(), si.osInfo()]);
      return {
        cpu: {
          manufacturer: cpu.manufacturer,
          brand: cpu.brand,
          physicalCores: wholeCount(cpu.physicalCores),
          logicalCores: wholeCount(cpu.cores),
          speedGHz: Number.isFinite(cpu.speed) && cpu.speed > 0 ? cpu.speed : 0,
        },
        os: {
          platform: os.platform,
          distro: os.distro,
          release: os.release,
          kernel: os.kernel,
          arch: os.arch,
          hostname: os.hostname,
        },
      };
    },

    async sample() {
      const [memory, temperatureReadings, battery, gpuSamples] = await Promise.all([
        si.mem(),
        temperatures(),
        si.battery(),
        gpus(),
      ]);
      return {
        atMs: Date.now(),
        cpu: cpuLoad.measure(),
        memory: toMemory(memory),
        temperatures: temperatureReadings,
        gpus: gpuSamples,
        power: toPower(battery),
      };
    },
  };
}

/**
 * Reads on the first call and then only every `everyN(last)` calls, handing back the last result in
 * between; a failed read is tried again at the next call.
 */
export function readEveryN<T>(read: () => Promise<T>, everyN: (last: T) => number): () => Promise<T> {
  let last: { value: T } | null = null;
  let callsSinceRead = 0;
  return async () => {
    if (last === null || callsSinceRead >= everyN(last.value)) {
      last = { value: await read() };
      callsSinceRead = 0;
    }
    callsSinceRead += 1;
    return last.value;
  };
}

function reportsLiveFigures(gpu: GpuSample): boolean {
  return gpu.utilizationPct !== null || gpu.memoryUsedBytes !== null;
}

function hasReadings(temperatures: HardwareSample['temperatures']): boolean {
  return temperatures.cpuMainC !== null || temperatures.cpuMaxC !== null || temperatures.coresC.length > 0;
}

// The shaping functions below are exported so that tests can feed them what other machines report.

export function toMemory(memory: Systeminformation.MemData): HardwareSample['memory'] {
  const totalBytes = bytes(memory.total);
  // "Used" leaves out cache the OS would give back: total minus available.
  const availableBytes = Math.min(totalBytes, bytes(memory.available));
  const swapTotalBytes = bytes(memory.swaptotal);
  return {
    totalBytes,
    usedBytes: totalBytes - availableBytes,
    availableBytes,
    swapTotalBytes,
    swapUsedBytes: Math.min(swapTotalBytes, bytes(memory.swapused)),
  };
}

export function toTemperatures(temperature: Systeminformation.CpuTemperatureData): HardwareSample['temperatures'] {
  return {
    cpuMainC: celsius(temperature.main),
    cpuMaxC: celsius(temperature.max),
    coresC: (temperature.cores ?? []).map(celsius).filter((value): value is number => value !== null),
  };
}

export function toPower(battery: Systeminformation.BatteryData): PowerState {
  const hasBattery = battery.hasBattery === true;
  return {
    source: powerSource(battery),
    hasBattery,
    batteryPct: hasBattery ? percentOrNull(battery.percent) : null,
    charging: hasBattery && typeof battery.isCharging === 'boolean' ? battery.isCharging : null,
  };
}

function powerSource(battery: Systeminformation.BatteryData): PowerState['source'] {
  if (battery.acConnected === true) return 'ac';
  if (battery.hasBattery === true) return 'battery';
  // A machine without a battery runs on mains.
  if (battery.hasBattery === false) return 'ac';
  return 'unknown';
}

export function toGpuSample(controller: Systeminformation.GraphicsControllerData, index: number): GpuSample {
  return {
    index,
    vendor: controller.vendor ?? '',
    model: controller.model || controller.name || '',
    memoryTotalBytes: mibToBytes(controller.memoryTotal ?? controller.vram),
    memoryUsedBytes: mibToBytes(controller.memoryUsed),
    utilizationPct: percentOrNull(controller.utilizationGpu),
    temperatureC: celsius(controller.temperatureGpu),
    ...pciAddress(controller),
  };
}

/** lspci's bus address, or nvidia-smi's PCI bus id where that is all there is. */
function pciAddress(controller: Systeminformation.GraphicsControllerData): { busAddress?: string } {
  const address = controller.busAddress || controller.pciBus;
  return typeof address === 'string' && address !== '' ? { busAddress: address } : {};
}

function percent(value: number): number {
  return Number.isFinite(value) ? Math.min(100, Math.max(0, value)) : 0;
}

function percentOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? percent(value) : null;
}

function bytes(value: number): number {
  return Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}

function mibToBytes(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.round(value * BYTES_PER_MIB) : null;
}

function wholeCount(value: number): number {
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

/** systeminformation reports a missing sensor as null, -1 or 0 depending on the platform. */
function celsius(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}
