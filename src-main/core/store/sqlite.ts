// The slice of better-sqlite3 the store uses, typed here because the package ships no type declarations.
import { createRequire } from 'node:module';

export interface RunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

export interface Statement<Row = unknown> {
  run(...params: unknown[]): RunResult;
  get(...params: unknown[]): Row | undefined;
  all(...params: unknown[]): Row[];
}

/** A function wrapped by `db.transaction`: plain calls use BEGIN, `.immediate` takes the write lock first. */
export interface Transaction<Args extends unknown[], Result> {
  (...args: Args): Result;
  immediate(...args: Args): Result;
}

export interface Database {
  readonly name: string;
  readonly open: boolean;
  readonly inTransaction: boolean;
  prepare<Row = unknown>(sql: string): Statement<Row>;
  exec(sql: string): this;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  transaction<Args extends unknown[], Result>(fn: (...args: Args) => Result): Transaction<Args, Result>;
  close(): this;
}

export interface OpenDatabaseOptions {
  readonly?: boolean;
  fileMustExist?: boolean;
  /** Path of a better_sqlite3.node built for this runtime (Electron needs its own build; see electron-natives). */
  nativeBinding?: string;
}

type DatabaseConstructor = new (file: string, options?: OpenDatabaseOptions) => Database;

const require = createRequire(import.meta.url);
const BetterSqlite3 = require('better-sqlite3') as DatabaseConstructor;

export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database {
  return new BetterSqlite3(file, options);
}

/** The SQLite result code name of an error thrown by better-sqlite3 (e.g. `SQLITE_NOTADB`), if it has one. */
export function sqliteErrorCode(error: unknown): string | undefined {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('SQLITE_')) {
    return error.code;
  }
  return undefined;
}
