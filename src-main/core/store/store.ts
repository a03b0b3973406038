import { open } from 'node:fs/promises';
import type { Database } from './sqlite.js';
import { createAztecQuotesRepo, type AztecQuotesRepo } from './repos/aztec-quotes-repo.js';
import { createCoordinatorsRepo, type CoordinatorsRepo } from './repos/coordinators-repo.js';
import { createEarningsRepo, type EarningsRepo } from './repos/earnings-repo.js';
import { createJobEventsRepo, type JobEventsRepo } from './repos/job-events-repo.js';
import { createJobsRepo, type JobsRepo } from './repos/jobs-repo.js';
import { createMarketBidsRepo, type MarketBidsRepo } from './repos/market-bids-repo.js';
import { createMetricsRepo, type MetricsRepo } from './repos/metrics-repo.js';
import { createSettingsRepo, type SettingsRepo } from './repos/settings-repo.js';

export interface Store {
  /** Absolute path of the database file. */
  readonly file: string;
  readonly settings: SettingsRepo;
  readonly coordinators: CoordinatorsRepo;
  readonly jobs: JobsRepo;
  readonly jobEvents: JobEventsRepo;
  readonly earnings: EarningsRepo;
  readonly metrics: MetricsRepo;
  readonly marketBids: MarketBidsRepo;
  readonly aztecQuotes: AztecQuotesRepo;
  /** Runs fn in one transaction (repository calls inside nest as savepoints): all of it lands or none. */
  transaction<T>(fn: () => T): T;
  /**
   * Like transaction, and also synced to disk (with everything committed before it) so that it survives a
   * power loss: `onDisk` settles when it is there. The sync runs off the event loop, so the caller can go on
   * (the next job's network round trip overlaps it). Not from inside another transaction.
   */
  durably<T>(fn: () => T): { result: T; onDisk: Promise<void> };
  /** Runs SQLite's full integrity check (slow on big files): 'ok', or the problems found, one per line. */
  integrityCheck(): string;
  /** Closes the database; calling it again does nothing. */
  close(): void;
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Builds the repositories over an open, migrated database. */
export function createStore(db: Database, file: string, now: () => number = Date.now): Store {
  const jobEvents = createJobEventsRepo(db, now);
  const integrityCheck = db.prepare<{ integrity_check: string }>('PRAGMA integrity_check');
  return {
    file,
    settings: createSettingsRepo(db, now),
    coordinators: createCoordinatorsRepo(db, now),
    jobs: createJobsRepo(db, jobEvents, now),
    jobEvents,
    earnings: createEarningsRepo(db),
    metrics: createMetricsRepo(db),
    marketBids: createMarketBidsRepo(db, now),
    aztecQuotes: createAztecQuotesRepo(db),
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    durably: <T>(fn: () => T) => {
      const result = db.transaction(fn)();
      // In WAL mode a commit is appended to the -wal file; syncing that file is what synchronous=FULL would
      // have done inside the commit, only here on a worker thread.
      return { result, onDisk: syncFile(`${file}-wal`) };
    },
    integrityCheck: () =>
      integrityCheck
        .all()
        .map((row) => row.integrity_check)
        .join('\n'),
    close() {
      if (db.open) db.close();
    },
  };
}
