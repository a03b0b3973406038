// Once before every Vitest worker starts: builds the native test libraries the GPU tests load (the stand-in NVIDIA
// driver and the emulated GPU kernels), so workers never build them at the same time.
import { buildTestLibraries } from './support/gpu-emulation.js';

export default function setup(): void {
  buildTestLibraries();
}
