// A coordinator that goes away and comes back (a real batch-API sandbox closed, then started again on the same
// port): the scheduler says since when it cannot reach it (the tray and notifications read this), keeps that
// while the governor holds work back (nothing is asked then), and clears it once the server answers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BatchApiAdapter } from '../../../src-main/core/coordinators/batch-api/adapter.js';
import { BatchApiClient } from '../../../src-main/core/coordinators/batch-api/client.js';
import { startBatchApiSandbox } from '../../../src-main/core/coordinators/batch-api/sandbox-server.js';
import { EngineHost } from '../../../src-main/core/engine/engine-host.js';
import { forkEngineProcess } from '../../../src-main/core/engine/fork-engine.js';
import { PackageCache } from '../../../src-main/core/engine/package-cache.js';
import { releaseSnarkjsWorkers } from '../../../src-main/core/engine/snarkjs-workers.js';
import { HttpClient } from '../../../src-main/core/net/http-client.js';
import { defaultCostModel } from '../../../src-main/core/pricing/cost-model.js';
import { JobProver } from '../../../src-main/core/scheduler/job-prover.js';
import { Scheduler } from '../../../src-main/core/scheduler/scheduler.js';
import { openStore } from '../../../src-main/core/store/open-store.js';

const scratch = mkdtempSync(join(tmpdir(), 'proverdesk-reachability-'));
const engine = new EngineHost(forkEngineProcess);
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

afterAll(async () => {
  engine.close();
  await releaseSnarkjsWorkers();
  rmSync(scratch, { recursive: true, force: true });
});

describe('a coordinator that cannot be reached', () => {
  it('is reported unreachable since its first failed poll, through a governor hold, until it answers again', async () => {
    let sandbox = await startBatchApiSandbox({ participants: [{ id: 'p', batches: [] }] });
    const { url } = sandbox;
    const port = Number(new URL(url).port);
    await sandbox.close();

    const store = openStore(join(scratch, 'proverdesk.db'));
    store.coordinators.upsert({ id: 'away', kind: 'batch-api', name: 'Away', config: { url }, enabled: true });
    const client = new BatchApiClient({ url, participantId: 'p', deploymentVersion: 'test' }, new HttpClient({ timeoutMs: 2_000, retries: 0, retryBaseMs: 10 }));
    const adapter = new BatchApiAdapter('away', 'Away', client, new PackageCache(join(scratch, 'packages'), 2 ** 20), url);
    let hold: string | null = null;
    const governor = { holdReason: () => hold, startingCpuPct: () => 100, attach: () => () => undefined };
    const scheduler = new Scheduler({
      store,
      adapters: [adapter],
      prover: new JobProver(engine, () => undefined),
      dataDir: scratch,
      threads: () => 1,
      costModel: defaultCostModel,
      log: quiet,
      governor,
      pollBackoff: { minMs: 50, maxMs: 100 },
    });
    const activity = () => scheduler.activity().find((a) => a.id === 'away')!;
    const started = Date.now();
    const running = scheduler.run();
    try {
      await expect.poll(() => activity().unreachableSinceMs).not.toBeNull();
      const since = activity().unreachableSinceMs!;
      expect(since).toBeGreaterThanOrEqual(started);
      expect(activity().idleReason).toMatch(/^cannot reach Away: /);

      // Work held back: nothing is asked, so nothing is learned; the outage keeps its start.
      hold = 'Paused: on battery';
      await expect.poll(() => activity().idleReason).toBe('waiting: Paused: on battery');
      expect(activity().unreachableSinceMs).toBe(since);

      // Back: the server answers (no batches for now) and the outage is over.
      sandbox = await startBatchApiSandbox({ participants: [{ id: 'p', batches: [] }], port });
      hold = null;
      await expect.poll(() => activity().unreachableSinceMs, { timeout: 10_000 }).toBeNull();
      expect(activity().idleReason).toBe('no more batches left to prove');
    } finally {
      await scheduler.stop();
      await running;
      await sandbox.close();
      store.close();
    }
  });
});
