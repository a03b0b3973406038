// The native engine's Node-API addon (native/), loaded lazily so that an unbuilt or broken addon is a clear
// error for the job that needs it, not a crash of whoever imports this module.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type EnginePhase =
  | 'load-key'
  | 'witness'
  | 'build-abc'
  | 'upload'
  | 'ntt'
  | 'msm-a'
  | 'msm-b2'
  | 'msm-b1'
  | 'msm-c'
  | 'msm-h'
  | 'finish';

export interface ProveStats {
  /** Milliseconds spent in each phase that ran. */
  phaseMs: Partial<Record<EnginePhase, number>>;
  totalMs: number;
  peakBytes: number;
  /** True when the parsed proving key came from the engine's cache instead of the file. */
  keyCached: boolean;
}

export interface NativeProveResult {
  /** JSON text exactly as snarkjs writes a Groth16 proof. */
  proofJson: string;
  /** JSON text of the public signals (decimal strings). */
  publicJson: string;
  stats: ProveStats;
}

/** A running proof inside the addon; the promise rejects with an Error whose `code` is 'cancelled' on cancel. */
export interface NativeProveTask {
  readonly promise: Promise<NativeProveResult>;
  cancel(): void;
  pause(): void;
  resume(): void;
}

export interface NativeCpuDevice {
  kind: 'cpu';
  name: string;
  /** Logical processors. */
  cores: number;
  features: string[];
}

/** Whether the engine can prove on a GPU, and if not, why (its `message` says what to do). */
export type GpuState = 'ready' | 'no-driver' | 'driver-too-old' | 'no-gpu-library' | 'unsupported' | 'failed';

/** The device a proof runs on: the CPU, or an NVIDIA GPU by its CUDA index. */
export type EngineDevice = 'cpu' | `cuda:${number}`;

export interface NativeGpuDevice {
  kind: 'gpu';
  id: `cuda:${number}`;
  index: number;
  name: string;
  memoryBytes: number;
  /** "8.9" */
  computeCapability: string;
  /** "0000:01:00.0" (empty when the driver did not say), to find the OS's view of the same card. */
  pciBusId: string;
  state: GpuState;
  /** For people: "GPU 0 (NVIDIA L4): ready, 22.5 GiB, compute capability 8.9", or why it cannot be used. */
  message: string;
  /** Which GPU library proves on it: the CUDA one, or (tests only) the emulation of its kernels on the CPU. */
  backend?: 'cuda' | 'emulated';
}

export type NativeDevice = NativeCpuDevice | NativeGpuDevice;

/** Device memory a proof with a key needs on a GPU, beside what the GPU has. */
export interface GpuMemoryEstimate {
  neededBytes: number;
  freeBytes: number;
  totalBytes: number;
}

/** Steps of the INSECURE test-only key generation, in order. */
export type DevSetupStage =
  | 'lagrange'
  | 'read-r1cs'
  | 'points-ic'
  | 'points-h'
  | 'points-c'
  | 'points-a'
  | 'points-b1'
  | 'points-b2';

/** What an INSECURE test-only Groth16 key was made for. */
export interface DevSetupSummary {
  nVars: number;
  nPublic: number;
  nConstraints: number;
  domainSize: number;
  totalMs: number;
}

/** A running dev-setup inside the addon; cancel makes its promise reject with `code` 'cancelled'. */
export interface NativeDevSetupTask {
  readonly promise: Promise<DevSetupSummary>;
  cancel(): void;
  pause(): void;
  resume(): void;
}

export interface NativeAddon {
  prove(
    zkeyPath: string,
    witness: Uint8Array,
    threads: number,
    onProgress: (phase: EnginePhase, fraction: number) => void,
    /** A ready GPU's index (see devices()) to prove with; the CPU when left out. */
    gpuIndex?: number,
  ): NativeProveTask;
  /**
   * Writes an INSECURE, test-only Groth16 key for the circuit's .r1cs to zkeyPath, from random secrets this
   * process knew (no powers-of-tau ceremony): for benchmarks only. The file appears only when complete.
   */
  devSetup(
    r1csPath: string,
    zkeyPath: string,
    threads: number,
    onProgress: (stage: DevSetupStage, fraction: number) => void,
  ): NativeDevSetupTask;
  /** Peak bytes a proof with this key and thread count needs beyond the key itself. */
  estimateMemory(zkeyPath: string, threads: number): number;
  /** The CPU, then each GPU the NVIDIA driver lists, with its state. */
  devices(): NativeDevice[];
  /** The GPUs in a sentence: "no NVIDIA driver found …", "1 of 1 GPU ready (…)". */
  gpuSummary(): string;
  /** Where the driver and the GPU library are ("": the platform's driver / none); the GPUs are looked at afresh. */
  configureGpu(driverLibrary: string, gpuLibrary: string): void;
  estimateGpuMemory(zkeyPath: string, gpuIndex: number): GpuMemoryEstimate;
  /** Upper bound on the bytes of parsed proving keys kept between proofs (least recently used go first). */
  setKeyCacheLimit(bytes: number): void;
}

const ADDON_FILE = join('native', 'build', 'Release', 'proverdesk_engine.node');
/** Built by `npm run build:native` where nvcc is found (PROVERDESK_CUDA); loaded by the addon at run time. */
const CUDA_LIBRARY_FILE = join('native', 'build', 'cuda', process.platform === 'win32' ? 'proverdesk_cuda.dll' : 'libproverdesk_cuda.so');

/** The addon in the package: beside the sources in a checkout, inside the app (unpacked from asar) when packaged. */
function findAddon(): string | undefined {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, ADDON_FILE))) return join(dir, ADDON_FILE);
  }
  return undefined;
}

let loaded: NativeAddon | undefined;

export function loadNativeAddon(): NativeAddon {
  if (loaded) return loaded;
  const file = findAddon();
  if (file === undefined) {
    throw new Error(`the native engine is not built (no ${ADDON_FILE}): run "npm run build:native"`);
  }
  const addon = createRequire(import.meta.url)(file) as NativeAddon;
  // PROVERDESK_CUDA_DRIVER and PROVERDESK_GPU_LIBRARY point elsewhere (tests: a stand-in driver, the emulated kernels).
  const root = dirname(dirname(dirname(dirname(file))));
  const bundledLibrary = join(root, CUDA_LIBRARY_FILE);
  addon.configureGpu(process.env.PROVERDESK_CUDA_DRIVER ?? '', process.env.PROVERDESK_GPU_LIBRARY ?? (existsSync(bundledLibrary) ? bundledLibrary : ''));
  loaded = addon;
  return loaded;
}
