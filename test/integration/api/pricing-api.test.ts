// The Pricing endpoints through core.dispatch: the model in use, saving it (kept across a restart), and the
// preview that prices recent proofs (their `proved` events in a real database) under an unsaved model.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../../src-main/core/api/contract.js';
import { startCore, type Core } from '../../../src-main/core/core.js';
import { databaseFileIn } from '../../../src-main/core/data-dir.js';
import { defaultCostModel, estimatePowerWatts, type CostModel } from '../../../src-main/core/pricing/cost-model.js';
import { openStore } from '../../../src-main/core/store/open-store.js';

const dataDir = mkdtempSync(join(tmpdir(), 'proverdesk-pricing-api-'));
const keychainService = `ProverDesk-test-${randomUUID()}`;
let core: Core;

const start = () => startCore({ dataDir, mode: 'headless', appVersion: '0.0.0-test', sampleIntervalMs: 1000, keychainService });
const call = (kind: 'query' | 'command', name: string, input: unknown = {}): Promise<ApiResponse> => core.dispatch({ v: 1, kind, name, input });

/** 1 kW at 30 ¢/kWh, 100 ¢ an hour of rent, 5 ¢ a proof, 20 % margin, at least 10 ¢. */
const MODEL: CostModel = { electricityCentsPerKwh: 30, powerWatts: 1000, fixedCentsPerHour: 100, overheadCentsPerProof: 5, marginBasisPoints: 2000, minimumPriceCents: 10 };

beforeAll(async () => {
  // Three proofs made earlier (oldest first), and one `proved` event from an older version without figures.
  const store = openStore(databaseFileIn(dataDir));
  store.coordinators.upsert({ id: 'c1', kind: 'batch-api', name: 'Shop', config: { url: 'http://127.0.0.1:9/' }, enabled: false });
  const proofs = [
    { externalId: 'b1', state: 'accepted', atMs: 1_000, data: { provingTimeMs: 3_600_000, costCents: 50, priceCents: 60, acceleration: 'cpu' } },
    { externalId: 'b2', state: 'rejected', atMs: 2_000, data: { provingTimeMs: 90_000, costCents: 1, priceCents: 2, acceleration: 'cpu' } },
    { externalId: 'b3', state: 'accepted', atMs: 3_000, data: { note: 'no figures' } },
    { externalId: 'b4', state: 'failed', atMs: 4_000, data: { provingTimeMs: 0, costCents: 0, priceCents: 1, acceleration: 'cpu' } },
  ];
  for (const proof of proofs) {
    store.jobs.create({ id: `job-${proof.externalId}`, coordinatorId: 'c1', externalId: proof.externalId, state: proof.state });
    store.jobEvents.append(`job-${proof.externalId}`, { kind: 'proved', message: 'proof ready', data: proof.data, atMs: proof.atMs });
  }
  store.close();
  core = await start();
});

afterAll(async () => {
  await core?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('pricing through the API', () => {
  it('answers the defaults while no model is saved, with the power estimate as a hint', async () => {
    expect(await call('query', 'pricing.get')).toEqual({
      ok: true,
      result: { model: defaultCostModel(), defaults: defaultCostModel(), estimatedPowerWatts: estimatePowerWatts() },
    });
  });

  it('prices recent proofs under an unsaved model, newest first, next to what they asked then', async () => {
    const answer = await call('query', 'pricing.preview', { model: MODEL, limit: 10 });
    // b4: 0 h → 5 ¢ overhead; price max(10, ⌈6⌉) = 10. b2: 0.025 h → 0.75 + 2.5 + 5 = 8.25 → 9 ¢; price ⌈10.8⌉ = 11.
    // b1: 1 h → 30 + 100 + 5 = 135 ¢; price ⌈162⌉ = 162. b3 has no figures and is left out.
    expect(answer).toEqual({
      ok: true,
      result: {
        proofs: [
          { jobId: 'job-b4', coordinatorName: 'Shop', externalId: 'b4', state: 'failed', provedAtMs: 4_000, provingTimeMs: 0, recordedCostCents: 0, recordedPriceCents: 1, costCents: 5, priceCents: 10 },
          { jobId: 'job-b2', coordinatorName: 'Shop', externalId: 'b2', state: 'rejected', provedAtMs: 2_000, provingTimeMs: 90_000, recordedCostCents: 1, recordedPriceCents: 2, costCents: 9, priceCents: 11 },
          { jobId: 'job-b1', coordinatorName: 'Shop', externalId: 'b1', state: 'accepted', provedAtMs: 1_000, provingTimeMs: 3_600_000, recordedCostCents: 50, recordedPriceCents: 60, costCents: 135, priceCents: 162 },
        ],
        totals: { recordedCostCents: 51, recordedPriceCents: 63, costCents: 149, priceCents: 183 },
      },
    });
    const newest = await call('query', 'pricing.preview', { model: { ...MODEL, marginBasisPoints: 0, minimumPriceCents: 0 }, limit: 1 });
    expect(newest).toMatchObject({ ok: true, result: { proofs: [{ externalId: 'b4', costCents: 5, priceCents: 5 }], totals: { costCents: 5, priceCents: 5 } } });
  });

  it('refuses a model that is not valid, naming the field', async () => {
    for (const [model, field] of [
      [{ ...MODEL, powerWatts: -1 }, 'model.powerWatts'],
      [{ ...MODEL, marginBasisPoints: 12.5 }, 'model.marginBasisPoints'],
      [{ ...MODEL, minimumPriceCents: undefined }, 'model.minimumPriceCents'],
    ] as const) {
      for (const [kind, name, input] of [
        ['command', 'pricing.set', { model }],
        ['query', 'pricing.preview', { model, limit: 5 }],
      ] as const) {
        expect(await call(kind, name, input)).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining(`${field}: `) } });
      }
    }
    expect(await call('query', 'pricing.preview', { model: MODEL, limit: 0 })).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('limit') } });
    expect(await call('query', 'pricing.get')).toMatchObject({ ok: true, result: { model: defaultCostModel() } });
  });

  it('saves the model, which is kept across a restart', async () => {
    expect(await call('command', 'pricing.set', { model: MODEL })).toEqual({ ok: true, result: { model: MODEL } });
    expect(await call('query', 'pricing.get')).toMatchObject({ ok: true, result: { model: MODEL, defaults: defaultCostModel() } });
    await core.close();
    core = await start();
    expect(await call('query', 'pricing.get')).toMatchObject({ ok: true, result: { model: MODEL } });
  });
});
