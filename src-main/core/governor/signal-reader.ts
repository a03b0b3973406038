// Takes one reading of the machine for the rules: the user's idle time, power and temperatures (from the
// hardware sampler's latest sample), how busy the CPU is with programs other than ProverDesk (from the OS's
// per-core times minus ProverDesk's own processes), and, while the exclusive-apps rule wants them, the names
// of running programs.
import { cpus } from 'node:os';
import type { HardwareSample } from '../api/schemas.js';
import type { DesktopSignals } from './desktop-signals.js';
import type { GovernorSignals } from './governor-types.js';

export interface CpuTimes {
  userMicros: number;
  systemMicros: number;
}

export interface SignalReaderParts {
  desktop: DesktopSignals;
  latestSample: () => HardwareSample | null;
  /** CPU times of the engine process so far; null when none runs. */
  engineCpu: () => Promise<CpuTimes | null>;
  listApps: () => Promise<string[]>;
  now: () => number;
}

interface Snapshot {
  machineBusyMs: number;
  machineTotalMs: number;
  ownMicros: number;
  engine: CpuTimes | null;
}

export class SignalReader {
  private previous: Snapshot | undefined;

  constructor(private readonly parts: SignalReaderParts) {}

  async read(options: { apps: boolean }): Promise<GovernorSignals> {
    const { parts } = this;
    const [engine, runningApps] = await Promise.all([
      parts.engineCpu().catch(() => null),
      options.apps ? parts.listApps().catch(() => null) : Promise.resolve(null),
    ]);
    const atMs = parts.now();
    const sample = parts.latestSample();
    const local = new Date(atMs);
    return {
      atMs,
      local: { weekday: local.getDay(), hour: local.getHours(), minute: local.getMinutes() },
      idleSeconds: parts.desktop.idleSeconds(),
      power: powerOf(sample, parts.desktop.onBattery()),
      cpuTempC: sample ? hottest(sample) : null,
      gpuTempsC: sample ? sample.gpus.map((gpu) => ({ index: gpu.index, temperatureC: gpu.temperatureC })) : [],
      otherCpuPct: this.otherCpuPct(engine),
      runningApps,
      hardwareAtMs: sample?.atMs ?? null,
    };
  }

  /** Machine CPU use since the last reading, less ProverDesk's (this process and the engine), in % of all cores. */
  private otherCpuPct(engine: CpuTimes | null): number | null {
    const times = cpus().map((cpu) => cpu.times);
    const own = process.cpuUsage();
    const now: Snapshot = {
      machineBusyMs: times.reduce((sum, t) => sum + t.user + t.nice + t.sys + t.irq, 0),
      machineTotalMs: times.reduce((sum, t) => sum + t.user + t.nice + t.sys + t.irq + t.idle, 0),
      ownMicros: own.user + own.system,
      engine,
    };
    const before = this.previous;
    this.previous = now;
    if (!before || now.machineTotalMs <= before.machineTotalMs) return null;
    const engineMicros =
      engine && before.engine ? Math.max(0, engine.userMicros + engine.systemMicros - before.engine.userMicros - before.engine.systemMicros) : 0;
    const ownMs = (now.ownMicros - before.ownMicros + engineMicros) / 1000;
    const busyMs = now.machineBusyMs - before.machineBusyMs - ownMs;
    const pct = (100 * busyMs) / (now.machineTotalMs - before.machineTotalMs);
    return Math.round(Math.min(100, Math.max(0, pct)));
  }
}

/** The desktop session knows the power source as it changes; the sampler's reading can be 2 s old. */
function powerOf(sample: HardwareSample | null, onBattery: boolean | null): GovernorSignals['power'] {
  const batteryPct = sample?.power.batteryPct ?? null;
  if (onBattery !== null) return { source: onBattery ? 'battery' : 'ac', batteryPct };
  return { source: sample?.power.source ?? 'unknown', batteryPct };
}

function hottest(sample: HardwareSample): number | null {
  const readings = [sample.temperatures.cpuMainC, sample.temperatures.cpuMaxC, ...sample.temperatures.coresC].filter((t): t is number => t !== null);
  return readings.length > 0 ? Math.max(...readings) : null;
}
