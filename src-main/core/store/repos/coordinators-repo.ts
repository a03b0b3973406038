import type { Database } from '../sqlite.js';

export const COORDINATOR_KINDS = ['batch-api', 'donation', 'succinct', 'aztec', 'practice'] as const;
export type CoordinatorKind = (typeof COORDINATOR_KINDS)[number];

/** Coordinator config is plain JSON without secrets: a secret lives in the keychain, the config names its account. */
export type CoordinatorConfig = Record<string, unknown>;

export interface Coordinator {
  id: string;
  kind: CoordinatorKind;
  name: string;
  config: CoordinatorConfig;
  enabled: boolean;
  pausedReason: string | null;
  createdAtMs: number;
  updatedAtMs: number;
}

/** What `upsert` takes; an omitted `pausedReason` keeps the stored one (none for a new coordinator). */
export interface CoordinatorInput {
  id: string;
  kind: CoordinatorKind;
  name: string;
  config: CoordinatorConfig;
  enabled: boolean;
  pausedReason?: string | null;
}

export interface CoordinatorsRepo {
  list(): Coordinator[];
  get(id: string): Coordinator | undefined;
  upsert(coordinator: CoordinatorInput): Coordinator;
  /** Pauses with a reason shown to the user, or resumes with null. Throws for an unknown id. */
  setPaused(id: string, reason: string | null): Coordinator;
  /** Returns whether it existed. Refuses while jobs still refer to it: disable it instead. */
  remove(id: string): boolean;
  /** How many jobs refer to it (in any state). */
  countJobs(id: string): number;
  /** Every coordinator's jobs counted by their state now. */
  jobCountsByState(): { coordinatorId: string; state: string; jobs: number }[];
}

interface CoordinatorRow {
  id: string;
  kind: CoordinatorKind;
  name: string;
  config_json: string;
  enabled: number;
  paused_reason: string | null;
  created_at_ms: number;
  updated_at_ms: number;
}

const COLUMNS = 'id, kind, name, config_json, enabled, paused_reason, created_at_ms, updated_at_ms';

export function createCoordinatorsRepo(db: Database, now: () => number): CoordinatorsRepo {
  const selectAll = db.prepare<CoordinatorRow>(`SELECT ${COLUMNS} FROM coordinators ORDER BY created_at_ms, id`);
  const selectOne = db.prepare<CoordinatorRow>(`SELECT ${COLUMNS} FROM coordinators WHERE id = ?`);
  const upsertRow = db.prepare(
    `INSERT INTO coordinators (${COLUMNS}) VALUES (@id, @kind, @name, @config_json, @enabled, @paused_reason, @now, @now)
     ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name, config_json = excluded.config_json,
       enabled = excluded.enabled, paused_reason = iif(@keep_paused_reason, paused_reason, excluded.paused_reason),
       updated_at_ms = excluded.updated_at_ms`,
  );
  const updatePaused = db.prepare('UPDATE coordinators SET paused_reason = ?, updated_at_ms = ? WHERE id = ?');
  const countJobs = db.prepare<{ n: number }>('SELECT count(*) AS n FROM jobs WHERE coordinator_id = ?');
  const deleteRow = db.prepare('DELETE FROM coordinators WHERE id = ?');
  const countByState = db.prepare<{ coordinator_id: string; state: string; n: number }>(
    'SELECT coordinator_id, state, count(*) AS n FROM jobs GROUP BY coordinator_id, state',
  );

  const getOrThrow = (id: string): Coordinator => {
    const row = selectOne.get(id);
    if (row === undefined) throw new Error(`no coordinator with id ${id}`);
    return fromRow(row);
  };

  return {
    list: () => selectAll.all().map(fromRow),
    get(id) {
      const row = selectOne.get(id);
      return row === undefined ? undefined : fromRow(row);
    },
    upsert: db.transaction((coordinator: CoordinatorInput): Coordinator => {
      validate(coordinator);
      upsertRow.run({
        id: coordinator.id,
        kind: coordinator.kind,
        name: coordinator.name,
        config_json: JSON.stringify(coordinator.config),
        enabled: coordinator.enabled ? 1 : 0,
        paused_reason: coordinator.pausedReason ?? null,
        keep_paused_reason: coordinator.pausedReason === undefined ? 1 : 0,
        now: now(),
      });
      return getOrThrow(coordinator.id);
    }),
    setPaused: db.transaction((id: string, reason: string | null): Coordinator => {
      if (reason !== null && (typeof reason !== 'string' || reason.trim() === '')) {
        throw new Error(`coordinator ${id}: a pause reason must be a non-empty string, or null to resume`);
      }
      if (updatePaused.run(reason, now(), id).changes === 0) throw new Error(`no coordinator with id ${id}`);
      return getOrThrow(id);
    }),
    remove: db.transaction((id: string): boolean => {
      const jobs = countJobs.get(id)?.n ?? 0;
      if (jobs > 0) throw new Error(`cannot remove coordinator ${id}: ${jobs} job(s) refer to it; disable it instead`);
      return deleteRow.run(id).changes > 0;
    }),
    countJobs: (id) => countJobs.get(id)?.n ?? 0,
    jobCountsByState: () => countByState.all().map((row) => ({ coordinatorId: row.coordinator_id, state: row.state, jobs: row.n })),
  };
}

function fromRow(row: CoordinatorRow): Coordinator {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    config: JSON.parse(row.config_json) as CoordinatorConfig,
    enabled: row.enabled === 1,
    pausedReason: row.paused_reason,
    createdAtMs: row.created_at_ms,
    updatedAtMs: row.updated_at_ms,
  };
}

function validate(c: CoordinatorInput): void {
  const label = `coordinator ${String(c.id)}`;
  if (typeof c.id !== 'string' || c.id.trim() === '') throw new Error('coordinator id must be a non-empty string');
  if (!(COORDINATOR_KINDS as readonly string[]).includes(c.kind)) {
    throw new Error(`${label}: unknown kind ${JSON.stringify(c.kind)} (expected one of ${COORDINATOR_KINDS.join(', ')})`);
  }
  if (typeof c.name !== 'string' || c.name.trim() === '') throw new Error(`${label}: name must be a non-empty string`);
  if (typeof c.enabled !== 'boolean') throw new Error(`${label}: enabled must be true or false`);
  if (!isPlainObject(c.config)) throw new Error(`${label}: config must be a JSON object`);
  const secretPath = findSecretLookingKey(c.config, 'config');
  if (secretPath !== undefined) {
    throw new Error(
      `${label}: ${secretPath} looks like a secret, and secrets must not be stored in the database; ` +
        'keep it in the keychain and put the keychain account name in the config (e.g. "apiKeyAccount")',
    );
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

// Judged by the last words of a key, so `accessToken` is refused but `tokenAddress` or `apiKeyAccount` is not.
const SECRET_LAST_WORDS = new Set(['secret', 'password', 'passphrase', 'passwd', 'mnemonic', 'token', 'credentials', 'privkey']);
const SECRET_LAST_TWO_WORDS = new Set(['private key', 'api key', 'secret key', 'signing key', 'seed phrase']);

function findSecretLookingKey(value: unknown, path: string): string | undefined {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findSecretLookingKey(item, `${path}[${index}]`);
      if (found !== undefined) return found;
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (looksLikeSecretName(key)) return `${path}.${key}`;
      const found = findSecretLookingKey(item, `${path}.${key}`);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function looksLikeSecretName(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
  const last = words.at(-1) ?? '';
  return SECRET_LAST_WORDS.has(last) || SECRET_LAST_TWO_WORDS.has(words.slice(-2).join(' '));
}
