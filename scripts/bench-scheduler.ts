// `npm run bench:scheduler`: jobs per minute through the whole loop (get_batch, download, witness, native proof,
// submit with the sandbox verifying it) on a batch-API sandbox with the ~2^12-constraint Poseidon circuit, and
// where each job's time goes: the engine's proof against everything around it (download, witness, submit,
// bookkeeping). The sandbox runs in its own process (scripts/bench-scheduler-sandbox.ts), as a coordinator
// would. BENCH_JOBS (default 20) and BENCH_THREADS (default 2) set the run.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchApiAdapter } from '../src-main/core/coordinators/batch-api/adapter.js';
import { BatchApiClient } from '../src-main/core/coordinators/batch-api/client.js';
import type { SandboxSubmission } from '../src-main/core/coordinators/batch-api/sandbox-server.js';
import { EngineHost } from '../src-main/core/engine/engine-host.js';
import { forkEngineProcess } from '../src-main/core/engine/fork-engine.js';
import { PackageCache } from '../src-main/core/engine/package-cache.js';
import { HttpClient } from '../src-main/core/net/http-client.js';
import { defaultCostModel } from '../src-main/core/pricing/cost-model.js';
import { JobProver } from '../src-main/core/scheduler/job-prover.js';
import { Scheduler } from '../src-main/core/scheduler/scheduler.js';
import { openStore } from '../src-main/core/store/open-store.js';
import { createInterface } from 'node:readline';

const JOBS = Number(process.env.BENCH_JOBS ?? 20);
const THREADS = Number(process.env.BENCH_THREADS ?? 2);

const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench-scheduler-sandbox.ts', String(JOBS + 1)], { stdio: ['ignore', 'pipe', 'inherit'] });
const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
const nextLine = async (): Promise<string> => {
  const { value, done } = await lines.next();
  if (done) throw new Error('the benchmark sandbox exited early');
  return value as string;
};
const sandbox = JSON.parse(await nextLine()) as { url: string; constraints: number };
const dir = mkdtempSync(join(tmpdir(), 'proverdesk-bench-scheduler-'));
const store = openStore(join(dir, 'proverdesk.db'));
const engine = new EngineHost(forkEngineProcess);
try {
  store.coordinators.upsert({ id: 'bench', kind: 'batch-api', name: 'Sandbox', config: { url: sandbox.url }, enabled: true });
  const client = new BatchApiClient({ url: sandbox.url, participantId: 'bench', deploymentVersion: 'bench' }, new HttpClient());
  const adapter = new BatchApiAdapter('bench', 'Sandbox', client, new PackageCache(join(dir, 'packages'), 2 ** 26), sandbox.url);
  const quiet = { info: () => {}, warn: () => {}, error: () => {} };
  const scheduler = new Scheduler({ store, adapters: [adapter], prover: new JobProver(engine, () => undefined), dataDir: dir, threads: () => THREADS, costModel: defaultCostModel, log: quiet });
  // One warm-up job: the engine process starts, the package is downloaded and unpacked, the key is loaded.
  console.log(`scheduler benchmark: ${sandbox.constraints}-constraint circuit, ${JOBS} jobs after 1 warm-up, ${THREADS} engine threads`);
  const started = performance.now();
  await scheduler.run({ once: true });
  const wallMs = performance.now() - started;
  const jobs = store.jobs.list({ limit: JOBS + 1 }).reverse().slice(1);
  child.kill('SIGTERM');
  const submissions = JSON.parse(await nextLine()) as SandboxSubmission[];
  const verifyMs = new Map(submissions.map((s) => [String(s.requestId), s.verifyMs]));
  const rows = jobs.map((job) => {
    const events = store.jobEvents.listForJob(job.id);
    const at = (kind: string) => events.find((e) => e.kind === kind)!.atMs;
    const proved = events.find((e) => e.kind === 'proved')!.data as { provingTimeMs: number; witnessMs: number };
    const serverCheck = verifyMs.get(job.externalId) ?? 0;
    return {
      discoveredAtMs: at('discovered'),
      acceptedAtMs: at('accepted'),
      engineMs: proved.provingTimeMs - proved.witnessMs,
      witness: proved.witnessMs,
      download: at('proving') - at('downloading'),
      submit: at('accepted') - at('submit-attempt') - serverCheck,
      serverCheck,
    };
  });
  // The measured span runs from the first measured job's discovery to the last one's acceptance, so the time
  // between jobs (asking for the next batch, the scheduler's own steps) counts as overhead too.
  const span = rows.at(-1)!.acceptedAtMs - rows[0]!.discoveredAtMs;
  const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((t, r) => t + pick(r), 0);
  const share = (ms: number) => `${((100 * ms) / span).toFixed(1)} %`;
  const engineMs = sum((r) => r.engineMs);
  const serverCheck = sum((r) => r.serverCheck);
  console.table({
    'jobs per minute (whole run, warm-up included)': ((60_000 * (JOBS + 1)) / wallMs).toFixed(1),
    'mean job cycle (one job to the next)': `${(span / rows.length).toFixed(1)} ms`,
    'engine proof': share(engineMs),
    'outside the engine': share(span - engineMs),
    '  download': share(sum((r) => r.download)),
    '  witness': share(sum((r) => r.witness)),
    '  submit (upload and answer)': share(sum((r) => r.submit)),
    "  submit (the server's snarkjs check)": share(serverCheck),
    '  asking for work, bookkeeping': share(span - sum((r) => r.engineMs + r.download + r.witness + r.submit + r.serverCheck)),
    "outside the engine, the server's check aside": share(span - engineMs - serverCheck),
  });
} finally {
  store.close();
  engine.close();
  child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
