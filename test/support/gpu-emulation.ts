// The GPU path without a GPU: the stand-in NVIDIA driver (native/test/fake_cuda_driver.c, configured by FAKE_CUDA_*)
// lists the GPUs, and the host-emulated build of the CUDA kernels proves on them. Set into process.env before an
// engine process starts (it inherits them).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const NATIVE_DIR = fileURLToPath(new URL('../../native/', import.meta.url));

let built = false;

/** Builds the two test libraries (once per test process; make skips them when up to date). */
function buildTestLibraries(): void {
  if (built) return;
  execFileSync('make', ['-s', 'test-libraries'], { cwd: NATIVE_DIR, stdio: 'inherit' });
  built = true;
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
  buildTestLibraries();
  return {
    PROVERDESK_CUDA_DRIVER: `${NATIVE_DIR}build/fake-cuda/libfakecuda.so`,
    PROVERDESK_GPU_LIBRARY: `${NATIVE_DIR}build/release/libproverdesk_gpu_emulated.so`,
    FAKE_CUDA_VERSION: String(options.driverCudaVersion ?? 13000),
    FAKE_CUDA_INIT: '0',
    FAKE_CUDA_GPUS: options.gpus ?? 'NVIDIA H100 80GB HBM3|85520809984|9.0',
    PROVERDESK_EMULATED_CUDA_RUNTIME: options.claimCudaBuild ? '13000' : '0',
    PROVERDESK_EMULATED_MIN_COMPUTE: options.claimCudaBuild ? '75' : '0',
  };
}
