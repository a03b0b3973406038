// The governor inside the running core, through the API, with the real engine and a batch-API sandbox: a
// memory limit below a job's needs keeps it from starting (the reason recorded, nothing proved), a snooze holds
// new work back with its reason shown for the coordinator, and raising the limit starts the job at once, proved
// under the CPU-time limit and accepted.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GovernorStatus, ResourcesView } from '../../../src-main/core/api/resource-schemas.js';
import { startBatchApiSandbox, type BatchApiSandbox } from '../../../src-main/core/coordinators/batch-api/sandbox-server.js';
import { participantAccount } from '../../../src-main/core/coordinators/registry.js';
import { startCore, type Core } from '../../../src-main/core/core.js';
import { databaseFileIn } from '../../../src-main/core/data-dir.js';
import { releaseSnarkjsWorkers } from '../../../src-main/core/engine/snarkjs-workers.js';
import { defaultResourceSettings } from '../../../src-main/core/governor/default-resources.js';
import { RESOURCES_SETTING } from '../../../src-main/core/governor/resource-settings-store.js';
import { createKeychain } from '../../../src-main/core/secrets/keychain.js';
import { openStore } from '../../../src-main/core/store/open-store.js';
import { poseidonChainInput } from '../../fixtures/circuits/inputs.js';
import { sandboxCircuit } from '../../support/sandbox-circuits.js';

const dataDir = mkdtempSync(join(tmpdir(), 'proverdesk-governor-api-'));
const keychainService = `ProverDesk-test-${randomUUID()}`;
let sandbox: BatchApiSandbox;
let core: Core;

async function call<T>(kind: 'query' | 'command', name: string, input: unknown = {}): Promise<T> {
  const response = await core.dispatch({ v: 1, kind, name, input });
  if (!response.ok) throw new Error(`${name}: ${response.error.message}`);
  return response.result as T;
}

interface JobRow {
  id: string;
  state: string;
  error: string | null;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const events = async (jobId: string) => (await call<{ events: { kind: string; message: string }[] }>('query', 'jobs.events', { jobId })).events;

beforeAll(async () => {
  const circuit = await sandboxCircuit('poseidon-chain-32k');
  sandbox = await startBatchApiSandbox({ participants: [{ id: 'governed', batches: [{ circuit, input: poseidonChainInput() }] }] });
  const store = openStore(databaseFileIn(dataDir));
  store.coordinators.upsert({ id: 'sandbox', kind: 'batch-api', name: 'Sandbox', config: { url: sandbox.url }, enabled: true });
  // Limits set before the first start: 16 MiB is far below what a 2^15 proof needs; half the CPU time.
  store.settings.set(RESOURCES_SETTING, { ...defaultResourceSettings(), memory: { maxMiB: 16 }, cpu: { threads: 2, timePct: 50 } });
  store.close();
  await createKeychain({ service: keychainService }).set(participantAccount('sandbox'), 'governed');
  core = await startCore({ dataDir, mode: 'headless', appVersion: '0.0.0-test', sampleIntervalMs: 1000, keychainService, governorIntervalMs: 500 });
}, 180_000);

afterAll(async () => {
  await core?.close();
  await sandbox?.close();
  await releaseSnarkjsWorkers();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the governor through the API', () => {
  it('keeps a job over the memory limit from starting, holds work while snoozed, and proves under the CPU limit once allowed', async () => {
    const refused = await until('the job refused for memory', async () => {
      const { jobs } = await call<{ jobs: JobRow[] }>('query', 'jobs.list', { limit: 10 });
      return jobs.find((job) => job.state === 'failed');
    });
    expect(refused.error).toMatch(/^not started: proving .* needs about \d+ MiB of memory, above your limit of 16 MiB \(Settings → Resources\)$/);
    const history = await events(refused.id);
    expect(history.map((e) => e.kind)).toContain('not-started');
    expect(history.map((e) => e.kind)).not.toContain('proving');
    expect(sandbox.submissions()).toHaveLength(0);
    // The coordinator says why it waits (set just after the job is marked).
    await until('the coordinator to say why it waits', async () => {
      const status = await call<{ coordinators: { id: string; idleReason: string | null }[] }>('query', 'scheduler.status');
      return status.coordinators.find((c) => c.id === 'sandbox' && /needs more memory than your limit allows/.test(c.idleReason ?? ''));
    });

    // Snoozed: the coordinator says it is waiting, and why.
    const snoozed = await call<GovernorStatus>('command', 'governor.snooze', { scope: 'all', untilMs: Date.now() + 3_600_000 });
    expect(snoozed.summary).toMatch(/^Paused: snoozed until /);
    const view = await call<ResourcesView>('query', 'resources.get');
    expect(view.settings.memory.maxMiB).toBe(16);
    await call('command', 'resources.set', { settings: { ...view.settings, memory: { maxMiB: null } } });
    await until('the coordinator to wait for the snooze', async () => {
      const s = await call<{ coordinators: { id: string; idleReason: string | null }[] }>('query', 'scheduler.status');
      return s.coordinators.find((c) => c.id === 'sandbox' && c.idleReason?.startsWith('waiting: Paused: snoozed until'));
    });
    expect(sandbox.submissions()).toHaveLength(0);

    // Resumed with the limit raised: the same batch is taken at once, proved at half speed, and accepted.
    const resumed = await call<GovernorStatus>('command', 'governor.unsnooze');
    expect(resumed.summary).toBe('Throttled to 50 %: your CPU-time limit (50 %)');
    const accepted = await until('the job to be accepted', async () => {
      const { jobs } = await call<{ jobs: JobRow[] }>('query', 'jobs.list', { limit: 10 });
      return jobs.find((job) => job.id === refused.id && job.state === 'accepted');
    });
    const kinds = (await events(accepted.id)).map((e) => `${e.kind}: ${e.message}`);
    expect(kinds).toContain('governor: throttled to 50 %: your CPU-time limit (50 %)');
    expect(sandbox.submissions()).toHaveLength(1);
  }, 180_000);

  it('refuses a snooze in the past or longer than a week, and settings the schema rejects', async () => {
    const past = await core.dispatch({ v: 1, kind: 'command', name: 'governor.snooze', input: { scope: 'all', untilMs: Date.now() - 1000 } });
    expect(past).toMatchObject({ ok: false, error: { code: 'bad_request', message: 'untilMs: the snooze must end in the future' } });
    const long = await core.dispatch({ v: 1, kind: 'command', name: 'governor.snooze', input: { scope: 'gpu', untilMs: Date.now() + 8 * 24 * 3_600_000 } });
    expect(long).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const view = await call<ResourcesView>('query', 'resources.get');
    const bad = await core.dispatch({ v: 1, kind: 'command', name: 'resources.set', input: { settings: { ...view.settings, cpu: { threads: null, timePct: 0 } } } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect((await call<ResourcesView>('query', 'resources.get')).settings.cpu.timePct).toBe(50);
  });
});
