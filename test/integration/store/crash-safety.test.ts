import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { compiledOpenStoreUrl, fixtureScript } from './fixtures/compiled-store.js';
import { useTempStores } from './fixtures/temp-store.js';

// Enough iterations that the kill lands in the middle of steady writing, well past start-up.
const KILL_AFTER_ITERATIONS = 200;

/** Runs the writer until it reports KILL_AFTER_ITERATIONS, SIGKILLs it, and returns the highest count it reported. */
async function killWriterMidLoop(file: string): Promise<number> {
  const child = spawn(process.execPath, [fixtureScript('crash-writer.mjs'), compiledOpenStoreUrl(), file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let reported = 0;
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
  for await (const line of createInterface({ input: child.stdout })) {
    reported = Math.max(reported, Number(line));
    if (reported >= KILL_AFTER_ITERATIONS && !child.killed) child.kill('SIGKILL');
  }
  const signal = await exited;
  if (signal !== 'SIGKILL') throw new Error(`the writer ended on its own (signal ${signal}) after ${reported}: ${stderr}`);
  return reported;
}

describe('store crash safety', () => {
  const stores = useTempStores();

  it('keeps every committed write, consistent and intact, when the writing process is killed', async () => {
    const file = join(stores.dir(), 'proverdesk.db');
    const reported = await killWriterMidLoop(file);
    expect(reported).toBeGreaterThanOrEqual(KILL_AFTER_ITERATIONS);
    // A killed writer leaves its write-ahead log behind for the next open to recover.
    expect(existsSync(`${file}-wal`)).toBe(true);

    const store = stores.open();
    expect(store.integrityCheck()).toBe('ok');
    const proving = store.jobs.listByState(['proving']);
    const queued = store.jobs.listByState(['queued']);
    expect(proving.length).toBeGreaterThanOrEqual(reported);
    for (let i = 0; i < reported; i++) {
      expect(store.jobs.get(`job-${i}`)).toMatchObject({ state: 'proving', attempts: 1 });
    }
    // Each transaction is all-or-nothing: a job has the events of exactly the steps it went through.
    for (const job of proving) expect(store.jobEvents.listForJob(job.id).map((e) => e.kind)).toEqual(['created', 'state']);
    for (const job of queued) expect(store.jobEvents.listForJob(job.id).map((e) => e.kind)).toEqual(['created']);
    expect(queued.length).toBeLessThanOrEqual(1);

    const [minute] = store.metrics.query(['cpu.load_pct'], 0, 120_000);
    expect(minute?.count).toBeGreaterThanOrEqual(reported);
    expect(minute?.count).toBeLessThanOrEqual(proving.length);
  });
});
