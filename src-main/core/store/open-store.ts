import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LATEST_SCHEMA_VERSION, MigrationError, applyMigrations, schemaVersion } from './migrations.js';
import { openDatabase, sqliteErrorCode, type Database } from './sqlite.js';
import { createStore, type Store } from './store.js';

export interface OpenStoreOptions {
  /** Open without writing anything: no folder creation, no migrations, writes fail. */
  readonly?: boolean;
  /** A better_sqlite3.node other than the one in node_modules (the Electron build). */
  nativeBinding?: string;
}

/** Why the database could not be opened, in plain words with a hint; `file` is the absolute path. */
export class StoreOpenError extends Error {
  constructor(
    readonly file: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`cannot open database ${file}: ${reason}`, options);
    this.name = 'StoreOpenError';
  }
}

const READ_ONLY =
  'the file or its folder is read-only (ProverDesk needs write access to it and its folder for -wal/-shm files)';
const NOT_A_DATABASE =
  'file is not a database (it may be corrupted; move it aside to start fresh, or restore a backup)';
const CORRUPTED =
  'the database is corrupted, e.g. truncated or damaged (move it aside to start fresh, or restore a backup)';

export function openStore(filePath: string, options: OpenStoreOptions = {}): Store {
  const file = resolve(filePath);
  const readonly = options.readonly ?? false;
  if (readonly) {
    if (!existsSync(file)) throw new StoreOpenError(file, 'the file does not exist');
  } else {
    createFolder(file);
    assertWritable(file);
  }

  let db: Database;
  try {
    db = openDatabase(file, {
      readonly,
      fileMustExist: readonly,
      ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }),
    });
  } catch (error) {
    throw toStoreOpenError(file, error);
  }
  try {
    return setUp(db, file, readonly);
  } catch (error) {
    closeQuietly(db);
    throw error instanceof StoreOpenError ? error : toStoreOpenError(file, error);
  }
}

function setUp(db: Database, file: string, readonly: boolean): Store {
  db.pragma('busy_timeout = 5000');
  // Reading the header and the schema proves it is a database before anything is written to it.
  const version = schemaVersion(db);
  db.prepare('SELECT count(*) FROM sqlite_master').get();
  if (version > LATEST_SCHEMA_VERSION) {
    throw new StoreOpenError(
      file,
      `it was written by a newer ProverDesk (schema version ${version}; this version knows up to ${LATEST_SCHEMA_VERSION}). ` +
        'Update ProverDesk, or move the file aside to start fresh',
    );
  }
  if (readonly && version < LATEST_SCHEMA_VERSION) {
    throw new StoreOpenError(
      file,
      `it needs upgrading from schema version ${version} to ${LATEST_SCHEMA_VERSION}, which cannot happen read-only; ` +
        'open it once with write access',
    );
  }
  if (!readonly) {
    db.pragma('journal_mode = WAL');
    // WAL with NORMAL keeps every commit through a process crash (it sits in the OS cache) without an fsync
    // per commit (3.5 ms each here, a tenth of a small job). Commits that must also survive a power loss
    // (a job's outcome and its ledger line) go through Store.durably.
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  if (!readonly) applyMigrations(db);
  return createStore(db, file);
}

function createFolder(file: string): void {
  const folder = dirname(file);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw new StoreOpenError(file, `its folder ${folder} cannot be created (${describeFsError(error)})`, {
      cause: error,
    });
  }
}

/** Refuses a file it may not write before SQLite touches it, which would otherwise leave -wal/-shm files beside it. */
function assertWritable(file: string): void {
  const folder = dirname(file);
  if (!canAccess(folder, constants.W_OK | constants.X_OK)) throw new StoreOpenError(file, READ_ONLY);
  if (!existsSync(file)) return;
  if (statSync(file).isDirectory()) throw new StoreOpenError(file, 'the path is a folder, not a database file');
  if (!canAccess(file, constants.R_OK)) {
    throw new StoreOpenError(file, 'permission denied: ProverDesk cannot read it (check its owner and permissions)');
  }
  if (!canAccess(file, constants.W_OK)) throw new StoreOpenError(file, READ_ONLY);
}

function canAccess(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}

function toStoreOpenError(file: string, error: unknown): StoreOpenError {
  if (error instanceof MigrationError) {
    const reason = `migration ${error.migration.version} (${error.migration.name}) failed: ${describeSqliteError(file, error.cause)}`;
    return new StoreOpenError(file, `${reason}; the database was left at schema version ${error.leftAtVersion}`, {
      cause: error,
    });
  }
  return new StoreOpenError(file, describeSqliteError(file, error), { cause: error });
}

function describeSqliteError(file: string, error: unknown): string {
  const code = sqliteErrorCode(error) ?? '';
  if (code === 'SQLITE_NOTADB') return NOT_A_DATABASE;
  if (code.startsWith('SQLITE_CORRUPT')) return CORRUPTED;
  if (code.startsWith('SQLITE_READONLY')) return READ_ONLY;
  if (code.startsWith('SQLITE_CANTOPEN')) return cantOpenReason(file);
  if (code === 'SQLITE_PERM') return 'permission denied (check the owner and permissions of the file and its folder)';
  if (code.startsWith('SQLITE_IOERR')) return `a disk I/O error occurred (${code}); check the disk, then try again`;
  if (code === 'SQLITE_FULL') return 'the disk is full (free some space, then try again)';
  if (code.startsWith('SQLITE_BUSY')) return 'another program holds a lock on it (is another ProverDesk running?)';
  return error instanceof Error ? error.message : String(error);
}

function cantOpenReason(file: string): string {
  if (!existsSync(file)) return 'the file does not exist';
  if (statSync(file).isDirectory()) return 'the path is a folder, not a database file';
  return 'the file cannot be opened (check the permissions of the file and its folder, where ProverDesk also keeps -wal/-shm files)';
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'the file system is read-only';
  if (code === 'ENOTDIR' || code === 'EEXIST') return 'part of the path is a file, not a folder';
  return error instanceof Error ? error.message : String(error);
}

function closeQuietly(db: Database): void {
  try {
    db.close();
  } catch {
    // The open already failed; that error is the one worth reporting.
  }
}
