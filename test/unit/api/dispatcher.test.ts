import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-main/core/api/contract.js';
import { createDispatcher, type ApiHandlers } from '../../../src-main/core/api/dispatcher.js';
import { defaultDesktopSettings } from '../../../src-main/core/api/desktop-schemas.js';
import { defaultResourceSettings } from '../../../src-main/core/governor/default-resources.js';

const sample = {
  atMs: 1,
  cpu: { loadPct: 12.5, perCorePct: [10, 15] },
  memory: { totalBytes: 100, usedBytes: 40, availableBytes: 60, swapTotalBytes: 0, swapUsedBytes: 0 },
  temperatures: { cpuMainC: null, cpuMaxC: null, coresC: [] },
  gpus: [],
  power: { source: 'ac' as const, hasBattery: false, batteryPct: null, charging: null },
};

const resources = {
  settings: defaultResourceSettings(),
  facts: { logicalCores: 2, totalMemoryBytes: 100, defaultThreads: 1, defaultMaxMiB: 1024, starterExclusiveApps: [], idleDetection: 'unavailable' as const },
};
const governorStatus = { atMs: 1, state: 'running' as const, cpuPct: 100, gpuAllowed: true, takeNewWork: true, reasons: [], finishing: null, snooze: null, summary: 'Running at full speed' };

const costModel = { electricityCentsPerKwh: 30, powerWatts: 100, fixedCentsPerHour: 0, overheadCentsPerProof: 0, marginBasisPoints: 2000, minimumPriceCents: 1 };

const succinctBids = { proveUsdMicros: 400_000, marginBasisPoints: 2000, floorWeiPerPgu: '0' };
const aztecQuoteSettings = { costCentsPerTx: 1, costCentsPerEpoch: 100, feeTokenUsdMicros: 1_000_000, rewardPerBlockWei: '0', marginBasisPoints: 2000, maxBasisPointFee: 10_000, bondWei: '1000', validForSlots: 0 };
const aztecPricing = { settings: aztecQuoteSettings, defaults: aztecQuoteSettings };
const succinctPricing = { settings: succinctBids, defaults: succinctBids, examples: [], calibrated: false };

function setup(overrides: Partial<ApiHandlers['commands']> = {}) {
  const stored = new Map<string, string>();
  const internalErrors: unknown[] = [];
  const handlers: ApiHandlers = {
    queries: {
      'app.info': () => ({
        apiVersion: 1,
        appVersion: '1.0.0',
        mode: 'headless',
        dataDir: '/d',
        databaseFile: '/d/proverdesk.db',
        platform: 'linux',
        startedAtMs: 5,
      }),
      'hardware.current': () => ({
        static: {
          cpu: { manufacturer: 'x', brand: 'y', physicalCores: 1, logicalCores: 2, speedGHz: 3 },
          os: { platform: 'linux', distro: 'd', release: 'r', kernel: 'k', arch: 'x64', hostname: 'h' },
          sampleIntervalMs: 2000,
        },
        latest: sample,
      }),
      'hardware.history': () => ({ bucketMs: 60_000, buckets: [] }),
      'engine.devices': () => ({ devices: [], gpuSummary: null, problem: 'not built' }),
      'jobs.list': () => ({ jobs: [] }),
      'jobs.events': () => ({ events: [] }),
      'scheduler.status': () => ({ current: null, coordinators: [] }),
      'jobs.stats': () => ({ accepted: 0, rejected: 0, failed: 0, costCents: 0, priceCents: 0 }),
      'coordinators.list': () => ({ coordinators: [] }),
      'donation.programs': ({ page }) => ({ programs: [], total: 0, page }),
      'pricing.get': () => ({ model: costModel, defaults: costModel, estimatedPowerWatts: 100 }),
      'pricing.preview': () => ({ proofs: [], totals: { recordedCostCents: 0, recordedPriceCents: 0, costCents: 0, priceCents: 0 } }),
      'engine.calibration': () => ({ calibration: null, predictions: [], gpus: [] }),
      'provers.externalBackend': () => ({ command: null, placeholders: [] }),
      'resources.get': () => resources,
      'governor.status': () => governorStatus,
      'desktop.get': () => ({ settings: defaultDesktopSettings(), applies: false }),
      'pricing.succinct': () => succinctPricing,
      'pricing.succinctPreview': () => ({ requests: [], withinMaxPrice: 0, revenueIfWonWei: '0' }),
      'markets.bids': () => ({ bids: [], counts: { skipped: 0, placed: 0, refused: 0, won: 0, lost: 0 }, outstanding: [] }),
      'earnings.summary': () => ({ currencies: [], buckets: [], markets: [] }),
      'pricing.aztec': () => aztecPricing,
      'pricing.aztecPreview': () => ({ epochs: [] }),
      'markets.quotes': () => ({ quotes: [], counts: { quoted: 0, declined: 0, refused: 0, failed: 0, claimed: 0, paid: 0, lost: 0 }, bondsAtRiskWei: '0' }),
      'secrets.status': () => ({
        available: true,
        backend: 'test',
        service: 's',
        problem: null,
        accounts: [...stored.keys()].map((account) => ({ account, stored: true as const })),
      }),
    },
    commands: {
      'secrets.set': async ({ account, secret }) => {
        stored.set(account, secret);
        return { account, stored: true as const };
      },
      'secrets.delete': async ({ account }) => ({ account, deleted: stored.delete(account) }),
      'jobs.cancel': async ({ jobId }) => ({ jobId, cancelled: false }),
      'coordinators.add': async ({ name }) => ({ id: 'c1', name }),
      'coordinators.update': async ({ id }) => ({ id }),
      'coordinators.setPaused': async ({ id, paused }) => ({ id, pausedReason: paused ? 'paused by you' : null }),
      'coordinators.setEnabled': async ({ id, enabled }) => ({ id, enabled }),
      'coordinators.remove': async ({ id }) => ({ id, outcome: 'removed' as const, jobs: 0 }),
      'pricing.set': async ({ model }) => ({ model }),
      'engine.calibrate': async () => ({ calibration: null, predictions: [], gpus: [] }),
      'provers.setExternalBackend': async () => ({ command: null, placeholders: [] }),
      'resources.set': async () => resources,
      'governor.snooze': async () => governorStatus,
      'governor.pause': async () => governorStatus,
      'governor.unsnooze': async () => governorStatus,
      'desktop.set': async ({ settings }) => ({ settings, applies: false }),
      'pricing.setSuccinct': async () => succinctPricing,
      'pricing.setAztec': async () => aztecPricing,
      ...overrides,
    },
  };
  return { dispatch: createDispatcher(handlers, (e) => internalErrors.push(e)), stored, internalErrors };
}

describe('API dispatcher', () => {
  it('answers a valid query with its validated result', async () => {
    const { dispatch } = setup();
    const answer = await dispatch({ v: 1, kind: 'query', name: 'app.info', input: {} });
    expect(answer).toMatchObject({ ok: true, result: { appVersion: '1.0.0', mode: 'headless' } });
  });

  it.each([
    [null, /malformed request/],
    ['a string', /malformed request/],
    [{ v: 2, kind: 'query', name: 'app.info' }, /unsupported API version/],
    [{ v: 1, kind: 'mutation', name: 'app.info' }, /kind/],
    [{ v: 1, kind: 'query', name: 'app.info', extra: 1 }, /malformed request/],
    [{ v: 1, kind: 'query', name: 'no.such' }, /unknown query 'no.such'/],
    [{ v: 1, kind: 'query', name: '__proto__' }, /unknown query '__proto__'/],
    [{ v: 1, kind: 'command', name: 'app.info' }, /unknown command 'app.info'/],
    [{ v: 1, kind: 'query', name: 'app.info', input: { x: 1 } }, /invalid input for query 'app.info'/],
    [{ v: 1, kind: 'query', name: 'hardware.history', input: { metrics: ['disk.io'], sinceMs: 0 } }, /metrics.0: unknown metric name/],
  ])('rejects %j as a bad request with a clear reason', async (raw, reason) => {
    const { dispatch } = setup();
    const answer = await dispatch(raw);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('bad_request');
    expect(answer.error.message).toMatch(reason);
  });

  it('changes nothing when a command input is invalid, and never echoes the secret', async () => {
    const { dispatch, stored } = setup();
    const secret = 'hunter2-very-secret';
    const answer = await dispatch({ v: 1, kind: 'command', name: 'secrets.set', input: { account: 'bad account!', secret } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(JSON.stringify(answer)).not.toContain(secret);
    expect(stored.size).toBe(0);
  });

  it('passes an ApiError through with its code', async () => {
    const { dispatch } = setup({
      'secrets.set': async () => {
        throw new ApiError('unavailable', 'no keychain service is running');
      },
    });
    const answer = await dispatch({ v: 1, kind: 'command', name: 'secrets.set', input: { account: 'a', secret: 's' } });
    expect(answer).toEqual({ ok: false, error: { code: 'unavailable', message: 'no keychain service is running' } });
  });

  it('hides unexpected handler failures behind an internal error and reports them', async () => {
    const { dispatch, internalErrors } = setup({
      'secrets.delete': async () => {
        throw new Error('disk exploded at /secret/path');
      },
    });
    const answer = await dispatch({ v: 1, kind: 'command', name: 'secrets.delete', input: { account: 'a' } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(answer)).not.toContain('/secret/path');
    expect(internalErrors).toHaveLength(1);
  });

  it('catches a handler returning data outside the contract', async () => {
    const { dispatch, internalErrors } = setup({
      // @ts-expect-error deliberately wrong output shape
      'secrets.delete': async () => ({ deleted: 'yes' }),
    });
    const answer = await dispatch({ v: 1, kind: 'command', name: 'secrets.delete', input: { account: 'a' } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(String(internalErrors[0])).toMatch(/invalid output/);
  });
});
