import type { Database } from '../sqlite.js';
import type { JobEventInput, JobEventsRepo } from './job-events-repo.js';

/** A job as stored. `state` is the scheduler's state machine; the store only persists it. */
export interface Job {
  id: string;
  coordinatorId: string;
  externalId: string;
  state: string;
  inputRef: string | null;
  resultRef: string | null;
  error: string | null;
  attempts: number;
  deadlineAtMs: number | null;
  createdAtMs: number;
  updatedAtMs: number;
}

export interface NewJob {
  id: string;
  coordinatorId: string;
  externalId: string;
  state: string;
  inputRef?: string | null;
  resultRef?: string | null;
  deadlineAtMs?: number | null;
}

/** Fields a transition may change alongside the state; omitted ones keep their value. */
export type JobPatch = Partial<Pick<Job, 'inputRef' | 'resultRef' | 'error' | 'attempts' | 'deadlineAtMs'>>;

export interface JobsRepo {
  /** Inserts the job and, when given, its first event, in one transaction. */
  create(job: NewJob, event?: JobEventInput): Job;
  get(id: string): Job | undefined;
  findByExternal(coordinatorId: string, externalId: string): Job | undefined;
  /** Oldest first. */
  listByState(states: readonly string[]): Job[];
  /** Newest first. */
  list(page: { limit: number; offset?: number }): Job[];
  /**
   * Moves a job to `toState` if its current state is one of `fromStates`, applies `patch` and appends
   * `event`, all in one transaction. Otherwise throws JobTransitionError and changes nothing.
   */
  transition(id: string, fromStates: readonly string[], toState: string, patch: JobPatch, event: JobEventInput): Job;
}

export class JobTransitionError extends Error {
  constructor(
    readonly jobId: string,
    readonly currentState: string | undefined,
    readonly expectedStates: readonly string[],
    readonly toState: string,
  ) {
    super(
      currentState === undefined
        ? `cannot move job ${jobId} to '${toState}': no such job`
        : `cannot move job ${jobId} to '${toState}': it is in state '${currentState}', ` +
            `expected ${expectedStates.map((s) => `'${s}'`).join(' or ')}`,
    );
    this.name = 'JobTransitionError';
  }
}

interface JobRow {
  id: string;
  coordinator_id: string;
  external_id: string;
  state: string;
  input_ref: string | null;
  result_ref: string | null;
  error: string | null;
  attempts: number;
  deadline_at_ms: number | null;
  created_at_ms: number;
  updated_at_ms: number;
}

const COLUMNS =
  'id, coordinator_id, external_id, state, input_ref, result_ref, error, attempts, deadline_at_ms, created_at_ms, updated_at_ms';

export const MAX_JOBS_PAGE = 1000;

export function createJobsRepo(db: Database, events: JobEventsRepo, now: () => number): JobsRepo {
  const insert = db.prepare(
    `INSERT INTO jobs (${COLUMNS})
     VALUES (@id, @coordinator_id, @external_id, @state, @input_ref, @result_ref, NULL, 0, @deadline_at_ms, @now, @now)`,
  );
  const selectOne = db.prepare<JobRow>(`SELECT ${COLUMNS} FROM jobs WHERE id = ?`);
  const selectByExternal = db.prepare<JobRow>(
    `SELECT ${COLUMNS} FROM jobs WHERE coordinator_id = ? AND external_id = ?`,
  );
  const selectByStates = db.prepare<JobRow>(
    `SELECT ${COLUMNS} FROM jobs WHERE state IN (SELECT value FROM json_each(?)) ORDER BY created_at_ms, id`,
  );
  const selectPage = db.prepare<JobRow>(
    `SELECT ${COLUMNS} FROM jobs ORDER BY created_at_ms DESC, id DESC LIMIT ? OFFSET ?`,
  );
  const coordinatorExists = db.prepare('SELECT 1 FROM coordinators WHERE id = ?');
  const update = db.prepare(
    `UPDATE jobs SET state = @state, input_ref = @input_ref, result_ref = @result_ref, error = @error,
       attempts = @attempts, deadline_at_ms = @deadline_at_ms, updated_at_ms = @updated_at_ms
     WHERE id = @id`,
  );

  const create = db.transaction((job: NewJob, event?: JobEventInput): Job => {
    validateNewJob(job);
    if (selectOne.get(job.id) !== undefined) throw new Error(`job ${job.id} already exists`);
    if (coordinatorExists.get(job.coordinatorId) === undefined) {
      throw new Error(`cannot create job ${job.id}: no coordinator with id ${job.coordinatorId}`);
    }
    const existing = selectByExternal.get(job.coordinatorId, job.externalId);
    if (existing !== undefined) {
      throw new Error(
        `cannot create job ${job.id}: coordinator ${job.coordinatorId} job ${job.externalId} is already stored as job ${existing.id}`,
      );
    }
    insert.run({
      id: job.id,
      coordinator_id: job.coordinatorId,
      external_id: job.externalId,
      state: job.state,
      input_ref: job.inputRef ?? null,
      result_ref: job.resultRef ?? null,
      deadline_at_ms: job.deadlineAtMs ?? null,
      now: now(),
    });
    if (event !== undefined) events.append(job.id, event);
    return fromRow(selectOne.get(job.id) as JobRow);
  });

  const transition = db.transaction(
    (id: string, fromStates: readonly string[], toState: string, patch: JobPatch, event: JobEventInput): Job => {
      validateState(toState, `job ${id}: target state`);
      const row = selectOne.get(id);
      if (row === undefined || !fromStates.includes(row.state)) {
        throw new JobTransitionError(id, row?.state, fromStates, toState);
      }
      const next = { ...fromRow(row), ...definedFields(patch), state: toState, updatedAtMs: now() };
      validatePatched(next);
      update.run({
        id,
        state: next.state,
        input_ref: next.inputRef,
        result_ref: next.resultRef,
        error: next.error,
        attempts: next.attempts,
        deadline_at_ms: next.deadlineAtMs,
        updated_at_ms: next.updatedAtMs,
      });
      events.append(id, event);
      return next;
    },
  );

  return {
    create: (job, event) => create.immediate(job, event),
    get(id) {
      const row = selectOne.get(id);
      return row === undefined ? undefined : fromRow(row);
    },
    findByExternal(coordinatorId, externalId) {
      const row = selectByExternal.get(coordinatorId, externalId);
      return row === undefined ? undefined : fromRow(row);
    },
    listByState: (states) => selectByStates.all(JSON.stringify(states)).map(fromRow),
    list({ limit, offset = 0 }) {
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_JOBS_PAGE) {
        throw new Error(`jobs page limit must be an integer from 1 to ${MAX_JOBS_PAGE} (got ${limit})`);
      }
      if (!Number.isSafeInteger(offset) || offset < 0) {
        throw new Error(`jobs page offset must be a non-negative integer (got ${offset})`);
      }
      return selectPage.all(limit, offset).map(fromRow);
    },
    transition: (id, fromStates, toState, patch, event) => transition.immediate(id, fromStates, toState, patch, event),
  };
}

function fromRow(row: JobRow): Job {
  return {
    id: row.id,
    coordinatorId: row.coordinator_id,
    externalId: row.external_id,
    state: row.state,
    inputRef: row.input_ref,
    resultRef: row.result_ref,
    error: row.error,
    attempts: row.attempts,
    deadlineAtMs: row.deadline_at_ms,
    createdAtMs: row.created_at_ms,
    updatedAtMs: row.updated_at_ms,
  };
}

const PATCHABLE_FIELDS = ['inputRef', 'resultRef', 'error', 'attempts', 'deadlineAtMs'] as const;

/** Only the patchable fields, without undefined ones, so `{ error: undefined }` keeps the stored error. */
function definedFields(patch: JobPatch): JobPatch {
  return Object.fromEntries(
    PATCHABLE_FIELDS.filter((field) => patch[field] !== undefined).map((field) => [field, patch[field]]),
  ) as JobPatch;
}

function validateState(state: unknown, label: string): void {
  if (typeof state !== 'string' || state === '') throw new Error(`${label} must be a non-empty string`);
}

function validateNewJob(job: NewJob): void {
  for (const field of ['id', 'coordinatorId', 'externalId'] as const) {
    if (typeof job[field] !== 'string' || job[field] === '') throw new Error(`new job: ${field} must be a non-empty string`);
  }
  validateState(job.state, `job ${job.id}: state`);
  if (job.deadlineAtMs != null && !Number.isSafeInteger(job.deadlineAtMs)) {
    throw new Error(`job ${job.id}: deadlineAtMs must be an integer number of milliseconds`);
  }
}

function validatePatched(job: Job): void {
  if (!Number.isSafeInteger(job.attempts) || job.attempts < 0) {
    throw new Error(`job ${job.id}: attempts must be a non-negative integer (got ${job.attempts})`);
  }
  if (job.deadlineAtMs !== null && !Number.isSafeInteger(job.deadlineAtMs)) {
    throw new Error(`job ${job.id}: deadlineAtMs must be an integer number of milliseconds`);
  }
  for (const field of ['inputRef', 'resultRef', 'error'] as const) {
    if (job[field] !== null && typeof job[field] !== 'string') throw new Error(`job ${job.id}: ${field} must be a string or null`);
  }
}
