// Numbered schema migrations. A database records the last one applied in `PRAGMA user_version`.
// Never edit a migration that has shipped: add a new one with the next number.
import type { Database } from './sqlite.js';

export interface Migration {
  version: number;
  name: string;
  up: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    up: `
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value_json TEXT NOT NULL,
        updated_at_ms INTEGER NOT NULL
      );

      CREATE TABLE coordinators (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('batch-api', 'donation', 'succinct', 'aztec', 'practice')),
        name TEXT NOT NULL,
        config_json TEXT NOT NULL,
        enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
        paused_reason TEXT,
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL
      );

      CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        coordinator_id TEXT NOT NULL REFERENCES coordinators (id),
        external_id TEXT NOT NULL,
        state TEXT NOT NULL,
        input_ref TEXT,
        result_ref TEXT,
        error TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        deadline_at_ms INTEGER,
        created_at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL,
        UNIQUE (coordinator_id, external_id)
      );
      CREATE INDEX jobs_by_state ON jobs (state);

      CREATE TABLE job_events (
        id INTEGER PRIMARY KEY,
        job_id TEXT NOT NULL REFERENCES jobs (id),
        at_ms INTEGER NOT NULL,
        kind TEXT NOT NULL,
        message TEXT NOT NULL,
        data_json TEXT
      );
      CREATE INDEX job_events_by_job ON job_events (job_id, id);

      -- amount_minor is a decimal integer string: wei amounts overflow 64-bit integers.
      CREATE TABLE earnings (
        id INTEGER PRIMARY KEY,
        at_ms INTEGER NOT NULL,
        coordinator_id TEXT,
        job_id TEXT,
        kind TEXT NOT NULL CHECK (kind IN ('reward', 'cost', 'fee', 'slash', 'adjustment')),
        amount_minor TEXT NOT NULL CHECK (
          (amount_minor GLOB '[0-9]*' OR amount_minor GLOB '-[0-9]*')
          AND substr(amount_minor, 2) NOT GLOB '*[^0-9]*'
        ),
        currency TEXT NOT NULL,
        note TEXT
      );
      CREATE INDEX earnings_by_time ON earnings (at_ms);

      CREATE TABLE metric_buckets (
        metric TEXT NOT NULL,
        bucket_start_ms INTEGER NOT NULL,
        min REAL NOT NULL,
        avg REAL NOT NULL,
        max REAL NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (metric, bucket_start_ms)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: 'market bids',
    up: `
      CREATE TABLE market_bids (
        id INTEGER PRIMARY KEY,
        coordinator_id TEXT NOT NULL,
        request_id TEXT NOT NULL,
        at_ms INTEGER NOT NULL,
        updated_at_ms INTEGER NOT NULL,
        program TEXT,
        gas_limit TEXT NOT NULL CHECK (gas_limit GLOB '[0-9]*' AND gas_limit NOT GLOB '*[^0-9]*'),
        deadline_ms INTEGER NOT NULL,
        max_price_wei_per_pgu TEXT,
        amount_wei_per_pgu TEXT,
        outcome TEXT NOT NULL CHECK (outcome IN ('skipped', 'placed', 'refused', 'won', 'lost')),
        reason TEXT,
        UNIQUE (coordinator_id, request_id)
      );
      CREATE INDEX market_bids_by_time ON market_bids (at_ms);
    `,
  },
  {
    version: 3,
    name: 'aztec quotes',
    up: `
      -- One row per quote request the app's Aztec quote provider answered, and what became of it on L1.
      -- Wei amounts, epochs and slots are decimal strings (they overflow 64-bit integers). A refused request
      -- (not a quote request) has no epoch: NULL epochs are distinct in SQLite, so UNIQUE leaves those alone.
      CREATE TABLE aztec_quotes (
        id INTEGER PRIMARY KEY,
        coordinator_id TEXT NOT NULL,
        at_ms INTEGER NOT NULL,
        epoch TEXT CHECK (epoch GLOB '[0-9]*' AND epoch NOT GLOB '*[^0-9]*'),
        from_block INTEGER,
        to_block INTEGER,
        tx_count INTEGER,
        total_fees_wei TEXT CHECK (total_fees_wei GLOB '[0-9]*' AND total_fees_wei NOT GLOB '*[^0-9]*'),
        outcome TEXT NOT NULL CHECK (outcome IN ('quoted', 'declined', 'refused', 'failed')),
        basis_point_fee INTEGER CHECK (basis_point_fee BETWEEN 1 AND 10000),
        bond_wei TEXT CHECK (bond_wei GLOB '[0-9]*' AND bond_wei NOT GLOB '*[^0-9]*'),
        valid_until_slot TEXT CHECK (valid_until_slot GLOB '[0-9]*' AND valid_until_slot NOT GLOB '*[^0-9]*'),
        -- 'not-configured', 'sent', or the error the node gave.
        submitted TEXT,
        reason TEXT,
        claimed_at_ms INTEGER,
        claim_l1_block INTEGER,
        payout_wei TEXT CHECK (payout_wei GLOB '[0-9]*' AND payout_wei NOT GLOB '*[^0-9]*'),
        paid_at_ms INTEGER,
        paid_l1_block INTEGER,
        CHECK ((epoch IS NULL) = (outcome = 'refused')),
        UNIQUE (coordinator_id, epoch)
      );
      CREATE INDEX aztec_quotes_by_time ON aztec_quotes (at_ms);
    `,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export class MigrationError extends Error {
  constructor(
    readonly migration: Migration,
    readonly leftAtVersion: number,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`migration ${migration.version} (${migration.name}) failed: ${reason}`, { cause });
    this.name = 'MigrationError';
  }
}

/**
 * Applies the migrations newer than the database's version, each in its own transaction together with
 * its `user_version` bump, so a failure leaves the database at the last version that fully applied.
 * Returns the versions applied.
 */
export function applyMigrations(db: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`migrations must be numbered 1, 2, 3, ... in order; found ${migration.version} at position ${index + 1}`);
    }
  });
  const applied: number[] = [];
  for (const migration of migrations.slice(schemaVersion(db))) {
    try {
      db.transaction(() => {
        db.exec(migration.up);
        db.pragma(`user_version = ${migration.version}`);
      }).immediate();
    } catch (error) {
      throw new MigrationError(migration, schemaVersion(db), error);
    }
    applied.push(migration.version);
  }
  return applied;
}
