// The GPU path without a GPU: the stand-in NVIDIA driver (native/test/fake_cuda_driver.c, configured by FAKE_CUDA_*)
// lists the GPUs, and the host-emulated build of the CUDA kernels proves on them. Set into process.env before an
// engine process starts (it inherits them).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const NATIVE_DIR = fileURLToPath(new URL('../../native/', import.meta.url));
const DRIVER = `${NATIVE_DIR}build/fake-cuda/libfakecuda.so`;
const LIBRARY = `${NATIVE_DIR}build/release/libproverdesk_gpu_emulated.so`;

export function buildTestLibraries(): void {
  execFileSync('make', ['-s', 'test-libraries'], { cwd: NATIVE_DIR, stdio: 'inherit' });
}

export interface EmulatedGpus {
  /** "name|bytes|major.minor" per GPU, ";"-separated, as the stand-in driver reads them. */
  gpus?: string;
  /** The CUDA version the driver supports (13000 = 13.0). */
  driverCudaVersion?: number;
  /** What the emulated library claims to need, as a real CUDA build would (off: it needs nothing). */
  claimCudaBuild?: boolean;
}

/** The variables that make an engine process see these GPUs and prove on them with the emulated kernels. */
export function emulatedGpuEnvironment(options: EmulatedGpus = {}): Record<string, string> {
  // Vitest's global setup builds them once for all its workers (test/global-setup.ts); alone, build them here.
  if (![DRIVER, LIBRARY].every((file) => existsSync(file))) buildTestLibraries();
  return {
    PROVERDESK_CUDA_DRIVER: DRIVER,
    PROVERDESK_GPU_LIBRARY: LIBRARY,
    FAKE_CUDA_VERSION: String(options.driverCudaVersion ?? 13000),
    FAKE_CUDA_INIT: '0',
    FAKE_CUDA_GPUS: options.gpus ?? 'NVIDIA H100 80GB HBM3|85520809984|9.0',
    PROVERDESK_EMULATED_CUDA_RUNTIME: options.claimCudaBuild ? '13000' : '0',
    PROVERDESK_EMULATED_MIN_COMPUTE: options.claimCudaBuild ? '75' : '0',
  };
}

/** Runs `start` with these variables set in process.env (for a child process it starts), then puts env back. */
export async function withEnvironment<T>(variables: Record<string, string>, start: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  Object.assign(process.env, variables);
  try {
    return await start();
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}
