import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  LATEST_SCHEMA_VERSION,
  MIGRATIONS,
  MigrationError,
  applyMigrations,
  schemaVersion,
  type Migration,
} from '../../../src-main/core/store/migrations.js';
import { StoreOpenError, openStore } from '../../../src-main/core/store/open-store.js';
import { openDatabase } from '../../../src-main/core/store/sqlite.js';
import { useTempStores } from './fixtures/temp-store.js';

const TABLES = ['aztec_quotes', 'coordinators', 'earnings', 'job_events', 'jobs', 'market_bids', 'metric_buckets', 'settings'];

describe('store migrations', () => {
  const stores = useTempStores();

  it('are numbered 1, 2, 3, ... in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, index) => index + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('bring a fresh file to the latest version with every table, in WAL mode with foreign keys on', () => {
    const store = stores.open('fresh/nested/proverdesk.db');
    store.close();
    const db = openDatabase(join(stores.dir(), 'fresh/nested/proverdesk.db'));
    try {
      expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
      const tables = db.prepare<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
      expect(tables.map((t) => t.name)).toEqual(TABLES);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it('enforce foreign keys on the connection the store uses', () => {
    const store = stores.open();
    expect(() =>
      store.jobs.create({ id: 'j1', coordinatorId: 'nobody', externalId: 'e1', state: 'queued' }),
    ).toThrow(/no coordinator with id nobody/);
    expect(store.jobs.get('j1')).toBeUndefined();
  });

  it('run nothing again on reopen and keep the data', () => {
    stores.open().settings.set('theme', 'dark');
    const reopened = stores.open();
    expect(reopened.settings.get('theme')).toBe('dark');
    reopened.close();

    const db = openDatabase(join(stores.dir(), 'proverdesk.db'));
    try {
      expect(applyMigrations(db)).toEqual([]);
      expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    } finally {
      db.close();
    }
  });

  it('refuse a file written by a newer ProverDesk, naming the file and leaving it untouched', () => {
    const file = join(stores.dir(), 'newer.db');
    const db = openDatabase(file);
    db.exec('CREATE TABLE future (x)');
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    const before = readFileSync(file);

    let thrown: unknown;
    try {
      openStore(file);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StoreOpenError);
    expect((thrown as StoreOpenError).file).toBe(file);
    expect((thrown as StoreOpenError).message).toContain(file);
    expect((thrown as StoreOpenError).message).toMatch(/written by a newer ProverDesk/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('roll a failed migration back whole and keep the version of the last one that applied', () => {
    const broken: Migration[] = [
      { version: 1, name: 'first', up: 'CREATE TABLE a (x)' },
      { version: 2, name: 'broken', up: 'CREATE TABLE b (x); INSERT INTO missing VALUES (1);' },
    ];
    const db = openDatabase(join(stores.dir(), 'partial.db'));
    try {
      expect(() => applyMigrations(db, broken)).toThrow(MigrationError);
      expect(() => applyMigrations(db, broken)).toThrow(/migration 2 \(broken\) failed: no such table: missing/);
      expect(schemaVersion(db)).toBe(1);
      const tables = db.prepare<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all();
      expect(tables.map((t) => t.name)).toEqual(['a']);
    } finally {
      db.close();
    }
  });

  it('refuse migrations that are out of order', () => {
    const db = openDatabase(join(stores.dir(), 'order.db'));
    try {
      expect(() => applyMigrations(db, [{ version: 2, name: 'skips one', up: 'SELECT 1' }])).toThrow(
        /numbered 1, 2, 3/,
      );
      expect(schemaVersion(db)).toBe(0);
    } finally {
      db.close();
    }
  });

  it('cannot upgrade an old file opened read-only, and say so', () => {
    const file = join(stores.dir(), 'old.db');
    openDatabase(file).exec('CREATE TABLE legacy (x)').close();
    expect(() => openStore(file, { readonly: true })).toThrow(/needs upgrading from schema version 0/);
    const db = openDatabase(file, { readonly: true });
    try {
      expect(schemaVersion(db)).toBe(0);
    } finally {
      db.close();
    }
  });
});
