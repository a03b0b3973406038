// The calibration endpoints through core.dispatch: the core measures the machine before its first job (the
// practice circuits through the real engine), shows predictions that grow with the circuit, and measures
// again on request, keeping the result in the database.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../../src-main/core/api/contract.js';
import type { CalibrationView } from '../../../src-main/core/api/calibration-schemas.js';
import { startCore, type Core } from '../../../src-main/core/core.js';
import { CALIBRATION_SETTING } from '../../../src-main/core/engine/calibration.js';
import { databaseFileIn } from '../../../src-main/core/data-dir.js';
import { openStore } from '../../../src-main/core/store/open-store.js';

const dataDir = mkdtempSync(join(tmpdir(), 'proverdesk-calibration-api-'));
let core: Core;

const call = async (kind: 'query' | 'command', name: string): Promise<CalibrationView> => {
  const response: ApiResponse = await core.dispatch({ v: 1, kind, name, input: {} });
  if (!response.ok) throw new Error(`${name}: ${response.error.message}`);
  return response.result as CalibrationView;
};

beforeAll(async () => {
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
});

describe('calibration API', () => {
  it('is measured before the first job, with predictions that grow with the circuit', async () => {
    let view = await call('query', 'engine.calibration');
    for (let i = 0; i < 600 && view.calibration === null; i++) {
      await sleep(50);
      view = await call('query', 'engine.calibration');
    }
    expect(view.calibration?.samples.map((s) => s.circuit)).toEqual(['poseidon-chain-4k', 'poseidon-chain-16k']);
    const times = view.predictions.map((p) => p.ms);
    expect(times).toHaveLength(3);
    expect(times[0]!).toBeLessThan(times[1]!);
    expect(times[1]!).toBeLessThan(times[2]!);
  });

  it('measures again on request and keeps the new measurement', async () => {
    const before = await call('query', 'engine.calibration');
    const told: unknown[] = [];
    const stop = core.subscribe((event) => {
      if (event.name === 'engine.calibrated') told.push(event.payload);
    });
    const after = await call('command', 'engine.calibrate');
    stop();
    expect(after.calibration!.measuredAtMs).toBeGreaterThan(before.calibration!.measuredAtMs);
    expect(told).toEqual([{ measuredAtMs: after.calibration!.measuredAtMs }]); // the UI hears of it
    expect(after.calibration!.constraintsPerSecond).toBeGreaterThan(0);
    await core.close();
    const store = openStore(databaseFileIn(dataDir));
    try {
      expect(store.settings.get(CALIBRATION_SETTING)).toEqual(after.calibration);
    } finally {
      store.close();
    }
  });
});
