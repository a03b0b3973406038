// A machine with a GPU (stand-in driver + emulated kernels) is measured on the CPU and on the GPU before its first
// job, each with the practice circuits through the real engine; the Pricing page's view has the GPU's speed and
// predictions beside the CPU's, "Measure again" measures both, and the GPU's measurement is kept with its name.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../../src-main/core/api/contract.js';
import type { CalibrationView } from '../../../src-main/core/api/calibration-schemas.js';
import { startCore, type Core } from '../../../src-main/core/core.js';
import { databaseFileIn } from '../../../src-main/core/data-dir.js';
import { GPU_CALIBRATIONS_SETTING } from '../../../src-main/core/engine/calibration.js';
import { openStore } from '../../../src-main/core/store/open-store.js';
import { emulatedGpuEnvironment } from '../../support/gpu-emulation.js';

const dataDir = mkdtempSync(join(tmpdir(), 'proverdesk-gpu-calibration-'));
const savedEnv = { ...process.env };
let core: Core;

const call = async (kind: 'query' | 'command', name: string): Promise<CalibrationView> => {
  const response: ApiResponse = await core.dispatch({ v: 1, kind, name, input: {} });
  if (!response.ok) throw new Error(`${name}: ${response.error.message}`);
  return response.result as CalibrationView;
};

beforeAll(async () => {
  // This file runs in its own process: the core's engine process inherits these.
  Object.assign(process.env, emulatedGpuEnvironment({ gpus: 'NVIDIA RTX A4000|17171480576|8.6' }));
  core = await startCore({
    dataDir,
    mode: 'headless',
    appVersion: '0.0.0-test',
    sampleIntervalMs: 1000,
    keychainService: `ProverDesk-test-${randomUUID()}`,
    practicePackagesDir: join(process.cwd(), 'dist', 'practice'),
  });
});

afterAll(async () => {
  await core?.close();
  rmSync(dataDir, { recursive: true, force: true });
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
});

describe('calibration with a GPU', () => {
  it('measures the CPU and then the GPU before the first job', { timeout: 120_000 }, async () => {
    let view = await call('query', 'engine.calibration');
    for (let i = 0; i < 2000 && (view.calibration === null || view.gpus[0]?.calibration == null); i++) {
      await sleep(50);
      view = await call('query', 'engine.calibration');
    }
    expect(view.calibration).not.toBeNull();
    expect(view.gpus).toHaveLength(1);
    const gpu = view.gpus[0]!;
    expect(gpu).toMatchObject({ device: 'cuda:0', name: 'GPU 0 (NVIDIA RTX A4000)' });
    expect(gpu.calibration?.samples.map((s) => s.circuit)).toEqual(['poseidon-chain-4k', 'poseidon-chain-16k']);
    expect(gpu.predictions.map((p) => p.constraints)).toEqual(view.predictions.map((p) => p.constraints));
    expect(gpu.predictions[0]!.ms).toBeLessThan(gpu.predictions[2]!.ms);
  });

  it('measures both again on request and keeps the GPU measurement under its name', { timeout: 120_000 }, async () => {
    const before = await call('query', 'engine.calibration');
    const after = await call('command', 'engine.calibrate');
    expect(after.calibration!.measuredAtMs).toBeGreaterThan(before.calibration!.measuredAtMs);
    expect(after.gpus[0]!.calibration!.measuredAtMs).toBeGreaterThan(before.gpus[0]!.calibration!.measuredAtMs);
    await core.close();
    const store = openStore(databaseFileIn(dataDir));
    try {
      expect(store.settings.get(GPU_CALIBRATIONS_SETTING)).toEqual({ 'cuda:0': { ...after.gpus[0]!.calibration, gpuName: 'NVIDIA RTX A4000' } });
    } finally {
      store.close();
    }
  });
});
