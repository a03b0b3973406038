// What hardware sampling costs: CPU time per sample of the real probe + sampler, against a bare
// si.currentLoad() + si.mem() measured in the same run and at the same pace. Prints a table; asserts nothing.
// Needs the compiled core: run `npm run build:main` first.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import si from 'systeminformation';

const DEFAULT_INTERVAL_MS = 2_000;
// si.currentLoad() answers from a cache when asked again within 200 ms, so every case is paced slower than that.
const FAST_INTERVAL_MS = 250;
const FAST_SAMPLES = 15;
const DEFAULT_SAMPLES = 5; // a GPU read among them, as in every 5 samples; keeps the run near 30 s
const SCALE_CALLS = 3;

const compiled = new URL('../dist/main/core/hardware/', import.meta.url);
let HardwareSampler;
let createSystemInformationProbe;
try {
  ({ HardwareSampler } = await import(new URL('hardware-sampler.js', compiled).href));
  ({ createSystemInformationProbe } = await import(new URL('systeminformation-probe.js', compiled).href));
} catch (error) {
  console.error(`cannot load the compiled sampler from ${compiled.pathname}: ${error.message}`);
  console.error('run `npm run build:main` first');
  process.exit(1);
}

/** CPU ms of waited-for child processes (the shells and tools systeminformation spawns); Linux only. */
const childCpuMs = (() => {
  if (process.platform !== 'linux') return () => null;
  const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return () => {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // cutime and cstime are the 14th and 15th fields after the parenthesised command name.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / ticksPerSecond;
  };
})();

const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();

function snapshot() {
  loopDelay.reset();
  return { cpu: process.cpuUsage(), childMs: childCpuMs(), wallMs: performance.now() };
}

function costSince(start, count) {
  const own = process.cpuUsage(start.cpu);
  const childMs = start.childMs === null ? null : childCpuMs() - start.childMs;
  return {
    count,
    wallMs: performance.now() - start.wallMs,
    ownMsEach: (own.user + own.system) / 1000 / count,
    childMsEach: childMs === null ? null : childMs / count,
    loopBlockedMaxMs: loopDelay.max / 1e6,
  };
}

async function measureCalls(call, count) {
  await call(); // the first call of several systeminformation functions sets up state
  await sleep(FAST_INTERVAL_MS);
  const start = snapshot();
  for (let i = 0; i < count; i++) {
    await call();
    if (i < count - 1) await sleep(FAST_INTERVAL_MS);
  }
  return costSince(start, count);
}

async function measureSampler(intervalMs, count) {
  const errors = [];
  const sampler = new HardwareSampler({
    probe: createSystemInformationProbe(),
    sink: { upsertBuckets() {}, pruneOlderThan: () => 0 },
    intervalMs,
    onError: (error) => errors.push(error.message),
  });
  await sampler.start();
  const start = snapshot();
  let seen = 0;
  const cost = await new Promise((resolve) => {
    sampler.onSample(() => {
      seen += 1;
      if (seen === count) resolve(costSince(start, count));
    });
  });
  await sampler.stop();
  if (errors.length > 0) console.warn(`the sampler reported: ${[...new Set(errors)].join('; ')}`);
  return cost;
}

// The sampler's timer is unref'd so that it never keeps an app alive; here something must.
const keepAlive = setInterval(() => {}, 60_000);
const peer = await measureCalls(() => Promise.all([si.currentLoad(), si.mem()]), FAST_SAMPLES);
const rows = [
  ['peer: si.currentLoad() + si.mem()', peer],
  [`sampler, ${FAST_INTERVAL_MS} ms interval`, await measureSampler(FAST_INTERVAL_MS, FAST_SAMPLES)],
  [`sampler, ${DEFAULT_INTERVAL_MS} ms interval (default)`, await measureSampler(DEFAULT_INTERVAL_MS, DEFAULT_SAMPLES)],
  ['for scale: si.cpuTemperature()', await measureCalls(() => si.cpuTemperature(), SCALE_CALLS)],
  ['for scale: si.graphics()', await measureCalls(() => si.graphics(), SCALE_CALLS)],
  ['for scale: os.cpus() + os.freemem()', await measureCalls(async () => [os.cpus(), os.freemem()], FAST_SAMPLES)],
];
clearInterval(keepAlive);

const fixed = (value, digits = 2) => (value === null ? 'n/a' : value.toFixed(digits));
const totalMsEach = (cost) => cost.ownMsEach + (cost.childMsEach ?? 0);
const machine = `${process.platform}/${process.arch}, ${os.cpus().length} cores, node ${process.version}`;
console.log(`hardware sampler cost on ${machine}`);
console.table(
  rows.map(([name, cost]) => ({
    case: name,
    calls: cost.count,
    'wall ms': Math.round(cost.wallMs),
    'own CPU ms each': fixed(cost.ownMsEach),
    'child CPU ms each': fixed(cost.childMsEach),
    // What one call per default interval would cost.
    '% of a core at 2 s': fixed((totalMsEach(cost) / DEFAULT_INTERVAL_MS) * 100, 3),
    'x peer': fixed(totalMsEach(cost) / totalMsEach(peer), 1),
    'loop blocked max ms': fixed(cost.loopBlockedMaxMs, 0),
  })),
);
console.log('child CPU: processes systeminformation spawns (shells, cat, sensors, lspci, nvidia-smi), in whole ticks.');
console.log('loop blocked: longest event-loop delay seen during the case (synchronous spawns block the main process).');
