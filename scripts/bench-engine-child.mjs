// One prover run in a fresh process, so wall time includes loading the key and peak RSS is this prover's alone.
// Usage: node bench-engine-child.mjs <snarkjs|native|gpu> <zkey> <wtns> <threads> [gpuIndex]; prints one JSON line.
// gpu: two proofs in the process — the first pays for the GPU context and for uploading the key's points, the
// second finds them on the GPU (as the app's later jobs with a key do); both are reported.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const [mode, zkey, wtns, threadsText, gpuText] = process.argv.slice(2);
const threads = Number(threadsText);
const started = performance.now();
let phaseMs = {};
let extra = {};

if (mode === 'snarkjs') {
  // snarkjs sizes its worker pool from the CPU count; on a machine with more cores than `threads` the
  // figures are not like for like, and the bench says so.
  const snarkjs = await import('snarkjs');
  await snarkjs.groth16.prove(zkey, wtns);
  await globalThis.curve_bn128?.terminate();
} else {
  const addon = createRequire(import.meta.url)('../native/build/Release/proverdesk_engine.node');
  const witness = new Uint8Array(readFileSync(wtns));
  if (mode === 'gpu') {
    const bundled = fileURLToPath(new URL('../native/build/cuda/libproverdesk_cuda.so', import.meta.url));
    addon.configureGpu(process.env.PROVERDESK_CUDA_DRIVER ?? '', process.env.PROVERDESK_GPU_LIBRARY ?? (existsSync(bundled) ? bundled : ''));
    const index = Number(gpuText);
    const gpu = addon.devices().find((device) => device.kind === 'gpu' && device.index === index);
    if (gpu === undefined || gpu.state !== 'ready') {
      process.stderr.write(`cuda:${index} cannot prove here: ${gpu?.message ?? addon.gpuSummary()}\n`);
      process.exit(2);
    }
    const cold = await addon.prove(zkey, witness, threads, () => {}, index).promise;
    const warmStarted = performance.now();
    const warm = await addon.prove(zkey, witness, threads, () => {}, index).promise;
    phaseMs = warm.stats.phaseMs;
    extra = { coldMs: cold.stats.totalMs, warmMs: performance.now() - warmStarted, gpu: `${gpu.name} (${gpu.backend})`, emulated: gpu.backend === 'emulated' };
  } else {
    const result = await addon.prove(zkey, witness, threads, () => {}).promise;
    phaseMs = result.stats.phaseMs;
  }
}
const wallMs = performance.now() - started;
process.stdout.write(`${JSON.stringify({ mode, wallMs, maxRssBytes: process.resourceUsage().maxRSS * 1024, phaseMs, ...extra })}\n`);
