// Which device proves a circuit job: the one predicted to finish it soonest, among the CPU and the GPUs proving may
// use now — ready in the engine, picked in Settings → Resources, not held by a GPU rule (heat, a GPU snooze), not set
// aside after failing a proof, and with room in GPU memory for the key. A GPU not measured yet is not chosen until it
// is (calibration measures each GPU when it first appears).
import type { EngineHost } from '../engine/engine-host.js';
import type { EngineDevice, NativeGpuDevice } from '../engine/native-addon.js';
import type { Logger } from '../log/logger.js';

export interface DeviceChoice {
  device: EngineDevice;
  /** For people: "CPU", "GPU 0 (NVIDIA L4)". */
  deviceName: string;
  estimatedMs: number;
  /** Why GPUs were passed over, when they were ("GPU 0 has 1.2 GiB free; this key needs 3.4 GiB"). */
  notes: string[];
}

export interface DevicePlannerOptions {
  engine: Pick<EngineHost, 'devices' | 'estimateGpuMemory'>;
  /** Settings → Resources: the GPUs proving may use by index ("0"), or null for all. */
  allowedGpus: () => readonly string[] | null;
  /** False while a GPU rule holds the GPUs (the governor's gpuAllowed). */
  gpusAllowedNow: () => boolean;
  /** Predicted time on a device; undefined for a GPU not measured yet. */
  estimateMs: (constraints: number, device: EngineDevice) => number | undefined;
  log: Logger;
  now?: () => number;
}

function formatGiB(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}

export function gpuName(gpu: NativeGpuDevice): string {
  return `GPU ${gpu.index} (${gpu.name})`;
}

/** How long a GPU that failed a proof is left out of the choice. */
const SET_ASIDE_MS = 30 * 60_000;

export class DevicePlanner {
  private known: NativeGpuDevice[] = [];
  /** GPUs that failed a proof: until when they are left out, and why. */
  private readonly setAside = new Map<EngineDevice, { untilMs: number; reason: string }>();

  constructor(private readonly options: DevicePlannerOptions) {}

  /** A GPU failed a proof: jobs go elsewhere for a while (it may be a passing fault, or another program's load). */
  setAsideAfterFailure(device: EngineDevice, reason: string): void {
    this.setAside.set(device, { untilMs: (this.options.now ?? Date.now)() + SET_ASIDE_MS, reason });
  }

  private isSetAside(device: EngineDevice): boolean {
    const entry = this.setAside.get(device);
    if (entry === undefined) return false;
    if (entry.untilMs > (this.options.now ?? Date.now)()) return true;
    this.setAside.delete(device);
    return false;
  }

  /** Looks at the engine's GPUs again (at start; a failure leaves the CPU alone). */
  async refresh(): Promise<void> {
    try {
      this.known = (await this.options.engine.devices()).filter((device): device is NativeGpuDevice => device.kind === 'gpu');
    } catch (error) {
      this.known = [];
      this.options.log.warn(`cannot list the engine's GPUs, proving on the CPU only: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** The GPUs the engine can prove on (whether or not proving may use them now). */
  readyGpus(): NativeGpuDevice[] {
    return this.known.filter((gpu) => gpu.state === 'ready');
  }

  /** Ready GPUs the user's limits let proving use now. */
  usableGpus(): NativeGpuDevice[] {
    if (!this.options.gpusAllowedNow()) return [];
    const allowed = this.options.allowedGpus();
    return this.readyGpus().filter((gpu) => (allowed === null || allowed.includes(String(gpu.index))) && !this.isSetAside(gpu.id));
  }

  /** The soonest predicted finish on any device proving may use now, for deciding whether to take a job. */
  fastestMs(constraints: number): number {
    const cpuMs = this.options.estimateMs(constraints, 'cpu') ?? Number.POSITIVE_INFINITY;
    return Math.min(cpuMs, ...this.usableGpus().map((gpu) => this.options.estimateMs(constraints, gpu.id) ?? Number.POSITIVE_INFINITY));
  }

  private describe(device: EngineDevice): string {
    const gpu = this.known.find((known) => known.id === device);
    return gpu ? gpuName(gpu) : device;
  }

  /** The device for this job; GPUs without room for the key in their memory are passed over, and said so. */
  async choose(zkeyPath: string, constraints: number): Promise<DeviceChoice> {
    const cpuMs = this.options.estimateMs(constraints, 'cpu') ?? Number.POSITIVE_INFINITY;
    let best: DeviceChoice = { device: 'cpu', deviceName: 'CPU', estimatedMs: cpuMs, notes: [] };
    const notes = [...this.setAside.entries()]
      .filter(([device]) => this.isSetAside(device))
      .map(([device, { untilMs, reason }]) => `${this.describe(device)} is set aside until ${new Date(untilMs).toLocaleTimeString()} after it failed a proof (${reason})`);
    const candidates = this.usableGpus()
      .map((gpu) => ({ gpu, estimatedMs: this.options.estimateMs(constraints, gpu.id) }))
      .filter((c): c is { gpu: NativeGpuDevice; estimatedMs: number } => c.estimatedMs !== undefined)
      .sort((a, b) => a.estimatedMs - b.estimatedMs);
    for (const { gpu, estimatedMs } of candidates) {
      if (estimatedMs >= best.estimatedMs) break;
      try {
        const memory = await this.options.engine.estimateGpuMemory(zkeyPath, gpu.index);
        if (memory.neededBytes > memory.freeBytes) {
          notes.push(`${gpuName(gpu)} has ${formatGiB(memory.freeBytes)} free; this key needs ${formatGiB(memory.neededBytes)}`);
          continue;
        }
      } catch (error) {
        notes.push(`${gpuName(gpu)} could not be asked about its memory: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      best = { device: gpu.id, deviceName: gpuName(gpu), estimatedMs, notes: [] };
      break;
    }
    return { ...best, notes };
  }
}
