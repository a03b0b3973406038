// The practice Succinct network through the whole app loop: once the user turns it on, the scheduler bids on
// its requests against a rival, proves what it wins on the native engine, fulfils it (the network checks the
// proof with snarkjs), and the PROVE reward lands in the earnings ledger beside the proof's cost.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { EngineHost } from '../../../src-main/core/engine/engine-host.js';
import { forkEngineProcess } from '../../../src-main/core/engine/fork-engine.js';
import { releaseSnarkjsWorkers } from '../../../src-main/core/engine/snarkjs-workers.js';
import { createStderrLogger } from '../../../src-main/core/log/logger.js';
import { startPracticeMarket } from '../../../src-main/core/practice/practice-market.js';
import { PRACTICE_SUCCINCT_ID } from '../../../src-main/core/practice/practice-succinct.js';
import { createScheduler } from '../../../src-main/core/scheduler/start-scheduler.js';
import { createKeychain } from '../../../src-main/core/secrets/keychain.js';
import { signerAccount } from '../../../src-main/core/secrets/signing-keys.js';
import { openStore } from '../../../src-main/core/store/open-store.js';

const scratch = mkdtempSync(join(tmpdir(), 'proverdesk-practice-succinct-'));
const keychain = createKeychain({ service: `ProverDeskTest-${randomBytes(4).toString('hex')}` });
const engine = new EngineHost(forkEngineProcess);

afterAll(async () => {
  await keychain.delete(signerAccount(PRACTICE_SUCCINCT_ID)).catch(() => false);
  await engine.close();
  await releaseSnarkjsWorkers();
  rmSync(scratch, { recursive: true, force: true });
});

it('bids, wins, proves, fulfils and is paid in PROVE once the practice Succinct network is turned on', async () => {
  const dataDir = join(scratch, 'data');
  const store = openStore(join(dataDir, 'proverdesk.db'));
  const market = await startPracticeMarket({ store, keychain, dataDir, packagesDir: join(process.cwd(), 'dist', 'practice'), paceMs: 1_000 });
  const row = (protocol: string) => store.coordinators.list().find((c) => c.config.protocol === protocol)!;
  for (const protocol of ['batch-api', 'donation']) store.coordinators.upsert({ ...row(protocol), enabled: false });
  expect(row('succinct').enabled).toBe(false); // off until the user turns it on
  store.coordinators.upsert({ ...row('succinct'), enabled: true });
  const { scheduler } = await createScheduler({ store, keychain, engine, dataDir, log: createStderrLogger('test'), practice: market!.endpoints, practicePackagesDir: join(process.cwd(), 'dist', 'practice') });
  const running = scheduler.run();
  try {
    const rewards = () => store.earnings.list({ sinceMs: 0, untilMs: Date.now() + 1 }).filter((e) => e.currency === 'PROVE');
    // A busy machine may see several proofs paid before this looks: each is a reward of this market.
    await expect.poll(() => rewards().length, { timeout: 120_000, interval: 500 }).toBeGreaterThan(0);
    for (const entry of rewards()) expect(entry).toMatchObject({ kind: 'reward', coordinatorId: PRACTICE_SUCCINCT_ID });
    const [reward] = rewards();
    expect(reward!.amountMinor).toBeGreaterThan(0n);
    const job = store.jobs.get(reward!.jobId!)!;
    expect(job.state).toBe('accepted');
    const bid = store.marketBids.get(PRACTICE_SUCCINCT_ID, job.externalId)!;
    expect(bid.outcome).toBe('won');
    expect(reward!.amountMinor).toBe(bid.amountWeiPerPgu! * bid.gasLimit);
    // The ledger also has the proof's cost, so the Earnings page can set cost against revenue.
    expect(store.earnings.list({ sinceMs: 0, untilMs: Date.now() + 1 }).some((e) => e.jobId === job.id && e.kind === 'cost' && e.currency === 'USD-nano' && e.amountMinor < 0n)).toBe(true);
  } finally {
    await scheduler.stop();
    await running;
    await market!.close();
    store.close();
  }
}, 180_000);
