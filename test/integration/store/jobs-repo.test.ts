import { describe, expect, it } from 'vitest';
import { JobTransitionError } from '../../../src-main/core/store/repos/jobs-repo.js';
import type { Store } from '../../../src-main/core/store/store.js';
import { useTempStores } from './fixtures/temp-store.js';

function withCoordinator(store: Store): Store {
  store.coordinators.upsert({ id: 'practice', kind: 'practice', name: 'Practice', config: {}, enabled: true });
  return store;
}

describe('jobs repository', () => {
  const stores = useTempStores();

  it('creates a job with its first event, and finds it by id, external id and state', () => {
    const { jobs, jobEvents } = withCoordinator(stores.open());
    const job = jobs.create(
      { id: 'j1', coordinatorId: 'practice', externalId: 'ext-1', state: 'queued', inputRef: 'inputs/1.json', deadlineAtMs: 1_900_000_000_000 },
      { kind: 'created', message: 'taken from the practice market', data: { reward: '100' } },
    );
    expect(job).toMatchObject({
      id: 'j1',
      coordinatorId: 'practice',
      externalId: 'ext-1',
      state: 'queued',
      inputRef: 'inputs/1.json',
      resultRef: null,
      error: null,
      attempts: 0,
      deadlineAtMs: 1_900_000_000_000,
    });
    jobs.create({ id: 'j2', coordinatorId: 'practice', externalId: 'ext-2', state: 'proving' });

    const reopened = stores.open();
    expect(reopened.jobs.get('j1')).toEqual(job);
    expect(reopened.jobs.findByExternal('practice', 'ext-1')).toEqual(job);
    expect(reopened.jobs.findByExternal('practice', 'ext-9')).toBeUndefined();
    expect(reopened.jobs.listByState(['queued']).map((j) => j.id)).toEqual(['j1']);
    expect(reopened.jobs.listByState(['queued', 'proving']).map((j) => j.id)).toEqual(['j1', 'j2']);
    expect(reopened.jobs.listByState([])).toEqual([]);
    expect(jobEvents.listForJob('j1')).toMatchObject([{ jobId: 'j1', kind: 'created', data: { reward: '100' } }]);
    expect(jobEvents.listForJob('j2')).toEqual([]);
  });

  it('refuses a duplicate job, an unknown coordinator and bad fields, storing nothing', () => {
    const { jobs, jobEvents } = withCoordinator(stores.open());
    jobs.create({ id: 'j1', coordinatorId: 'practice', externalId: 'ext-1', state: 'queued' });
    expect(() => jobs.create({ id: 'j2', coordinatorId: 'practice', externalId: 'ext-1', state: 'queued' })).toThrow(
      'cannot create job j2: coordinator practice job ext-1 is already stored as job j1',
    );
    expect(() => jobs.create({ id: 'j1', coordinatorId: 'practice', externalId: 'ext-2', state: 'queued' })).toThrow(
      'job j1 already exists',
    );
    expect(() => jobs.create({ id: 'j3', coordinatorId: 'gone', externalId: 'ext-3', state: 'queued' })).toThrow(
      'cannot create job j3: no coordinator with id gone',
    );
    expect(() => jobs.create({ id: 'j4', coordinatorId: 'practice', externalId: 'ext-4', state: '' })).toThrow(
      /state must be a non-empty string/,
    );
    // A bad first event rolls the job back too.
    expect(() =>
      jobs.create({ id: 'j5', coordinatorId: 'practice', externalId: 'ext-5', state: 'queued' }, { kind: '', message: 'x' }),
    ).toThrow(/kind must be a non-empty string/);
    expect(jobs.list({ limit: 10 }).map((j) => j.id)).toEqual(['j1']);
    expect(jobEvents.listForJob('j5')).toEqual([]);
  });

  it('pages newest first', () => {
    const { jobs } = withCoordinator(stores.open());
    for (const n of [1, 2, 3, 4, 5]) jobs.create({ id: `j${n}`, coordinatorId: 'practice', externalId: `e${n}`, state: 'queued' });
    expect(jobs.list({ limit: 2 }).map((j) => j.id)).toEqual(['j5', 'j4']);
    expect(jobs.list({ limit: 2, offset: 2 }).map((j) => j.id)).toEqual(['j3', 'j2']);
    expect(jobs.list({ limit: 2, offset: 4 }).map((j) => j.id)).toEqual(['j1']);
    expect(() => jobs.list({ limit: 0 })).toThrow(/limit must be an integer from 1 to 1000 \(got 0\)/);
    expect(() => jobs.list({ limit: 10, offset: -1 })).toThrow(/offset must be a non-negative integer/);
  });

  it('transitions: new state, patch and event persisted together', () => {
    const { jobs } = withCoordinator(stores.open());
    jobs.create({ id: 'j1', coordinatorId: 'practice', externalId: 'ext-1', state: 'queued', inputRef: 'in/1' });
    const proving = jobs.transition('j1', ['queued', 'assigned'], 'proving', { attempts: 1 }, { kind: 'state', message: 'proving started' });
    expect(proving).toMatchObject({ state: 'proving', attempts: 1, inputRef: 'in/1' });
    jobs.transition(
      'j1',
      ['proving'],
      'proved',
      { resultRef: 'out/1.proof', error: undefined },
      { kind: 'state', message: 'proof ready', data: { ms: 1234 } },
    );

    const reopened = stores.open();
    expect(reopened.jobs.get('j1')).toMatchObject({ state: 'proved', attempts: 1, inputRef: 'in/1', resultRef: 'out/1.proof', error: null });
    expect(reopened.jobEvents.listForJob('j1').map((e) => [e.kind, e.message, e.data])).toEqual([
      ['state', 'proving started', null],
      ['state', 'proof ready', { ms: 1234 }],
    ]);
  });

  it('refuses a transition from the wrong state, changing nothing and adding no event', () => {
    const { jobs, jobEvents } = withCoordinator(stores.open());
    jobs.create({ id: 'j1', coordinatorId: 'practice', externalId: 'ext-1', state: 'submitted' }, { kind: 'created', message: 'x' });
    const before = jobs.get('j1');

    let thrown: unknown;
    try {
      jobs.transition('j1', ['queued', 'proving'], 'proved', { resultRef: 'out/1' }, { kind: 'state', message: 'proof ready' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(JobTransitionError);
    expect((thrown as Error).message).toBe(
      "cannot move job j1 to 'proved': it is in state 'submitted', expected 'queued' or 'proving'",
    );
    expect(thrown).toMatchObject({ jobId: 'j1', currentState: 'submitted', expectedStates: ['queued', 'proving'], toState: 'proved' });
    expect(jobs.get('j1')).toEqual(before);
    expect(jobEvents.listForJob('j1')).toHaveLength(1);

    expect(() => jobs.transition('nope', ['queued'], 'proving', {}, { kind: 'state', message: 'x' })).toThrow(
      "cannot move job nope to 'proving': no such job",
    );
  });

  it('rolls a transition back when its patch or event is invalid', () => {
    const { jobs, jobEvents } = withCoordinator(stores.open());
    jobs.create({ id: 'j1', coordinatorId: 'practice', externalId: 'ext-1', state: 'queued' });
    const before = jobs.get('j1');
    expect(() => jobs.transition('j1', ['queued'], 'proving', {}, { kind: 'state', message: 'x', data: 1n })).toThrow(
      /event for job j1: data cannot be stored as JSON/,
    );
    expect(() => jobs.transition('j1', ['queued'], 'proving', { attempts: -1 }, { kind: 'state', message: 'x' })).toThrow(
      /attempts must be a non-negative integer/,
    );
    expect(jobs.get('j1')).toEqual(before);
    expect(jobEvents.listForJob('j1')).toEqual([]);
  });
});

describe('job events repository', () => {
  const stores = useTempStores();

  it('appends in order with explicit or current times, and refuses unknown jobs', () => {
    const { jobs, jobEvents } = withCoordinator(stores.open());
    jobs.create({ id: 'j1', coordinatorId: 'practice', externalId: 'ext-1', state: 'queued' });
    const first = jobEvents.append('j1', { kind: 'note', message: 'first', atMs: 1000 });
    const before = Date.now();
    const second = jobEvents.append('j1', { kind: 'progress', message: 'half way', data: { pct: 50 } });
    expect(first).toEqual({ id: first.id, jobId: 'j1', atMs: 1000, kind: 'note', message: 'first', data: null });
    expect(second.atMs).toBeGreaterThanOrEqual(before);
    expect(second.id).toBeGreaterThan(first.id);
    expect(stores.open().jobEvents.listForJob('j1')).toEqual([first, second]);

    expect(() => jobEvents.append('missing', { kind: 'note', message: 'x' })).toThrow(
      'cannot add event to job missing: no such job',
    );
    expect(() => jobEvents.append('j1', { kind: 'note', message: 'x', atMs: 1.5 })).toThrow(/atMs must be an integer/);
    expect(jobEvents.listForJob('j1')).toHaveLength(2);
  });
});
