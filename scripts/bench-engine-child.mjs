// One proof in a fresh process, so wall time includes loading the key and peak RSS is this prover's alone.
// Usage: node bench-engine-child.mjs <snarkjs|native> <zkey> <wtns> <threads>; prints one JSON line.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const [mode, zkey, wtns, threadsText] = process.argv.slice(2);
const threads = Number(threadsText);
const started = performance.now();
let phaseMs = {};

if (mode === 'snarkjs') {
  // snarkjs sizes its worker pool from the CPU count; on a machine with more cores than `threads` the
  // figures are not like for like, and the bench says so.
  const snarkjs = await import('snarkjs');
  await snarkjs.groth16.prove(zkey, wtns);
  await globalThis.curve_bn128?.terminate();
} else {
  const addon = createRequire(import.meta.url)('../native/build/Release/proverdesk_engine.node');
  const task = addon.prove(zkey, new Uint8Array(readFileSync(wtns)), threads, () => {});
  const result = await task.promise;
  phaseMs = result.stats.phaseMs;
}
const wallMs = performance.now() - started;
process.stdout.write(`${JSON.stringify({ mode, wallMs, maxRssBytes: process.resourceUsage().maxRSS * 1024, phaseMs })}\n`);
