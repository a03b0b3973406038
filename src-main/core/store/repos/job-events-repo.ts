import type { Database } from '../sqlite.js';

export interface JobEvent {
  id: number;
  jobId: string;
  atMs: number;
  kind: string;
  message: string;
  /** Any JSON value, or null when the event carries none. */
  data: unknown;
}

/** A job's first and newest event of one kind (the same event when it has only one). */
export interface JobEventSpan {
  jobId: string;
  kind: string;
  first: JobEvent;
  latest: JobEvent;
}

/** An event as a caller describes it; the store adds the job, the id and (unless given) the time. */
export interface JobEventInput {
  kind: string;
  message: string;
  data?: unknown;
  atMs?: number;
}

export interface JobEventsRepo {
  append(jobId: string, event: JobEventInput): JobEvent;
  /** Oldest first. */
  listForJob(jobId: string): JobEvent[];
  /** Events of these kinds at or after sinceMs, oldest first (at most 10 000). */
  listByKinds(kinds: readonly string[], sinceMs: number): JobEvent[];
  /** The newest `limit` events of these kinds, newest first. */
  listRecentByKinds(kinds: readonly string[], limit: number): JobEvent[];
  /** The newest event of these kinds among one coordinator's jobs. */
  latestForCoordinator(coordinatorId: string, kinds: readonly string[]): JobEvent | undefined;
  /**
   * For each of these jobs and each of these kinds it has events of: the first and the newest such event (in
   * the order they were stored). One query for a whole page of jobs.
   */
  spansForJobs(jobIds: readonly string[], kinds: readonly string[]): JobEventSpan[];
}

interface JobEventRow {
  id: number;
  job_id: string;
  at_ms: number;
  kind: string;
  message: string;
  data_json: string | null;
}

export function createJobEventsRepo(db: Database, now: () => number): JobEventsRepo {
  const insert = db.prepare('INSERT INTO job_events (job_id, at_ms, kind, message, data_json) VALUES (?, ?, ?, ?, ?)');
  const selectForJob = db.prepare<JobEventRow>(
    'SELECT id, job_id, at_ms, kind, message, data_json FROM job_events WHERE job_id = ? ORDER BY id',
  );
  const jobExists = db.prepare('SELECT 1 FROM jobs WHERE id = ?');
  const selectByKinds = db.prepare<JobEventRow>(
    `SELECT id, job_id, at_ms, kind, message, data_json FROM job_events
     WHERE kind IN (SELECT value FROM json_each(?)) AND at_ms >= ? ORDER BY at_ms, id LIMIT 10000`,
  );
  const selectRecentByKinds = db.prepare<JobEventRow>(
    `SELECT id, job_id, at_ms, kind, message, data_json FROM job_events
     WHERE kind IN (SELECT value FROM json_each(?)) ORDER BY at_ms DESC, id DESC LIMIT ?`,
  );
  const selectLatestForCoordinator = db.prepare<JobEventRow>(
    `SELECT e.id, e.job_id, e.at_ms, e.kind, e.message, e.data_json FROM job_events e JOIN jobs j ON j.id = e.job_id
     WHERE j.coordinator_id = ? AND e.kind IN (SELECT value FROM json_each(?)) ORDER BY e.at_ms DESC, e.id DESC LIMIT 1`,
  );
  const selectSpans = db.prepare<JobEventRow>(
    `WITH picked AS (
       SELECT MIN(id) AS first_id, MAX(id) AS latest_id FROM job_events
       WHERE job_id IN (SELECT value FROM json_each(?)) AND kind IN (SELECT value FROM json_each(?))
       GROUP BY job_id, kind
     )
     SELECT id, job_id, at_ms, kind, message, data_json FROM job_events
     WHERE id IN (SELECT first_id FROM picked UNION SELECT latest_id FROM picked) ORDER BY id`,
  );

  return {
    append(jobId, event) {
      validate(jobId, event);
      if (jobExists.get(jobId) === undefined) throw new Error(`cannot add event to job ${jobId}: no such job`);
      const atMs = event.atMs ?? now();
      const dataJson = event.data === undefined ? null : serialiseData(jobId, event.data);
      const id = Number(insert.run(jobId, atMs, event.kind, event.message, dataJson).lastInsertRowid);
      return { id, jobId, atMs, kind: event.kind, message: event.message, data: event.data ?? null };
    },
    listForJob: (jobId) => selectForJob.all(jobId).map(fromRow),
    listByKinds: (kinds, sinceMs) => selectByKinds.all(JSON.stringify(kinds), sinceMs).map(fromRow),
    listRecentByKinds: (kinds, limit) => selectRecentByKinds.all(JSON.stringify(kinds), limit).map(fromRow),
    latestForCoordinator(coordinatorId, kinds) {
      const row = selectLatestForCoordinator.get(coordinatorId, JSON.stringify(kinds));
      return row === undefined ? undefined : fromRow(row);
    },
    spansForJobs(jobIds, kinds) {
      if (jobIds.length === 0 || kinds.length === 0) return [];
      const spans = new Map<string, JobEventSpan>();
      // Rows come oldest first: a span's first row is its first event, its last row its newest.
      for (const event of selectSpans.all(JSON.stringify(jobIds), JSON.stringify(kinds)).map(fromRow)) {
        const key = JSON.stringify([event.jobId, event.kind]);
        const span = spans.get(key);
        if (span) span.latest = event;
        else spans.set(key, { jobId: event.jobId, kind: event.kind, first: event, latest: event });
      }
      return [...spans.values()];
    },
  };
}

function fromRow(row: JobEventRow): JobEvent {
  return {
    id: row.id,
    jobId: row.job_id,
    atMs: row.at_ms,
    kind: row.kind,
    message: row.message,
    data: row.data_json === null ? null : (JSON.parse(row.data_json) as unknown),
  };
}

function validate(jobId: string, event: JobEventInput): void {
  if (typeof event.kind !== 'string' || event.kind === '') {
    throw new Error(`event for job ${jobId}: kind must be a non-empty string`);
  }
  if (typeof event.message !== 'string') throw new Error(`event for job ${jobId}: message must be a string`);
  if (event.atMs !== undefined && !Number.isSafeInteger(event.atMs)) {
    throw new Error(`event for job ${jobId}: atMs must be an integer number of milliseconds`);
  }
}

function serialiseData(jobId: string, data: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(data);
  } catch (error) {
    throw new Error(`event for job ${jobId}: data cannot be stored as JSON (${(error as Error).message})`, { cause: error });
  }
  if (json === undefined) throw new Error(`event for job ${jobId}: data cannot be stored as JSON (it is ${typeof data})`);
  return json;
}
