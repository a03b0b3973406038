// Messages between the app and its engine process (child_process headless, utilityProcess in Electron).
import type { DevSetupStage, DevSetupSummary, EngineDevice, EnginePhase, GpuMemoryEstimate, NativeDevice, ProveStats } from './native-addon.js';

export interface ProveRequest {
  zkeyPath: string;
  /** Bytes of a snarkjs `.wtns` file. */
  witness: Uint8Array;
  /** Hard limit on the engine's worker threads. */
  threads: number;
  /** CPU-time limit in % (1..100) from the first moment, so a limited proof never starts at full speed. */
  cpuPct?: number;
  /** Where H and the G1 MSMs run; the CPU when left out. A GPU must be ready (see devices()). */
  device?: EngineDevice;
}

/** An INSECURE test-only Groth16 key for a circuit (see NativeAddon.devSetup). */
export interface DevSetupRequest {
  r1csPath: string;
  zkeyPath: string;
  threads: number;
}

export type HostMessage =
  | ({ type: 'prove'; id: number } & ProveRequest)
  | ({ type: 'dev-setup'; id: number } & DevSetupRequest)
  | { type: 'cancel' | 'pause' | 'resume'; id: number }
  | { type: 'estimate-memory'; id: number; zkeyPath: string; threads: number }
  | { type: 'devices'; id: number }
  | { type: 'estimate-gpu-memory'; id: number; zkeyPath: string; gpuIndex: number }
  | { type: 'key-cache-limit'; id: number; bytes: number }
  /** The prove task `id` may use at most `percent` % (1..100) of its threads' CPU time. */
  | { type: 'cpu-limit'; id: number; percent: number }
  /** Asks for the engine process's CPU times so far (its process.cpuUsage()). */
  | { type: 'cpu-usage'; id: number };

/** CPU time a process has used since it started. */
export interface CpuTimes {
  userMicros: number;
  systemMicros: number;
}

/** The devices, and the GPUs in a sentence (why there are none, or how many are ready). */
export interface EngineInventory {
  devices: NativeDevice[];
  gpuSummary: string;
}

export type EngineErrorCode = 'cancelled' | 'bad-input' | 'engine';

export type EngineMessage =
  | { type: 'progress'; id: number; phase: EnginePhase; fraction: number }
  | { type: 'proved'; id: number; proofJson: string; publicJson: string; stats: ProveStats }
  | { type: 'setup-progress'; id: number; stage: DevSetupStage; fraction: number }
  | { type: 'set-up'; id: number; summary: DevSetupSummary }
  | { type: 'answer'; id: number; value: number | EngineInventory | GpuMemoryEstimate | CpuTimes | null }
  | { type: 'failed'; id: number; code: EngineErrorCode; message: string };

/** The two ends of a message channel to an engine process, whatever kind of process it is. */
export interface EngineChannel {
  /** The engine process's id, for resource accounting (and for tests that crash it on purpose). */
  readonly pid: number | undefined;
  send(message: HostMessage): void;
  onMessage(listener: (message: EngineMessage) => void): void;
  /** Called once when the process ends or cannot start, with how: "signal SIGSEGV", "exit code 1", … */
  onExit(listener: (how: string) => void): void;
  kill(): void;
}

/** Starts an engine process; Electron and headless each provide one. */
export type EngineLauncher = () => EngineChannel;
