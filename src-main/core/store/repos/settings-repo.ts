import type { Database } from '../sqlite.js';

export interface SettingsRepo {
  /** The stored value, or undefined when the key was never set. The caller vouches for `T`. */
  get<T = unknown>(key: string): T | undefined;
  set(key: string, value: unknown): void;
  /** Returns whether the key existed. */
  delete(key: string): boolean;
  all(): Record<string, unknown>;
}

interface SettingRow {
  key: string;
  value_json: string;
}

export function createSettingsRepo(db: Database, now: () => number): SettingsRepo {
  const selectOne = db.prepare<SettingRow>('SELECT key, value_json FROM settings WHERE key = ?');
  const selectAll = db.prepare<SettingRow>('SELECT key, value_json FROM settings ORDER BY key');
  const upsert = db.prepare(
    `INSERT INTO settings (key, value_json, updated_at_ms) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json, updated_at_ms = excluded.updated_at_ms`,
  );
  const remove = db.prepare('DELETE FROM settings WHERE key = ?');

  return {
    get<T>(key: string): T | undefined {
      const row = selectOne.get(key);
      return row === undefined ? undefined : (parseValue(row) as T);
    },
    set(key, value) {
      assertKey(key);
      upsert.run(key, serialiseValue(key, value), now());
    },
    delete(key) {
      return remove.run(key).changes > 0;
    },
    all() {
      const settings: Record<string, unknown> = {};
      for (const row of selectAll.all()) settings[row.key] = parseValue(row);
      return settings;
    },
  };
}

function assertKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0) throw new Error('setting key must be a non-empty string');
}

function serialiseValue(key: string, value: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new Error(`setting ${key}: value cannot be stored as JSON (${(error as Error).message})`, { cause: error });
  }
  if (json === undefined) throw new Error(`setting ${key}: value cannot be stored as JSON (it is ${typeof value})`);
  return json;
}

function parseValue(row: SettingRow): unknown {
  try {
    return JSON.parse(row.value_json);
  } catch (error) {
    throw new Error(`setting ${row.key} holds invalid JSON in the database`, { cause: error });
  }
}
