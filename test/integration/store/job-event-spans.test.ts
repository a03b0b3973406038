// jobEvents.spansForJobs: a page of jobs' first and newest events of some kinds, in one query (the Jobs table's
// circuit, timings and prices come from it).
import { describe, expect, it } from 'vitest';
import type { Store } from '../../../src-main/core/store/store.js';
import { useTempStores } from './fixtures/temp-store.js';

function withJobs(store: Store, ids: string[]): Store {
  store.coordinators.upsert({ id: 'practice', kind: 'practice', name: 'Practice', config: {}, enabled: true });
  for (const id of ids) store.jobs.create({ id, coordinatorId: 'practice', externalId: `ext-${id}`, state: 'claimed' });
  return store;
}

describe('job event spans', () => {
  const stores = useTempStores();

  it("gives each asked job's first and newest event of each asked kind, and nothing for other jobs or kinds", () => {
    const { jobEvents } = withJobs(stores.open(), ['a', 'b', 'c']);
    const firstDownload = jobEvents.append('a', { kind: 'downloading', message: 'try 1', atMs: 1_000 });
    jobEvents.append('a', { kind: 'backend-log', message: 'noise', atMs: 1_100 });
    const onlyProved = jobEvents.append('a', { kind: 'proved', message: 'proof ready', data: { provingTimeMs: 40 }, atMs: 1_200 });
    jobEvents.append('a', { kind: 'downloading', message: 'try 2', atMs: 2_000 });
    const lastDownload = jobEvents.append('a', { kind: 'downloading', message: 'try 3', atMs: 3_000 });
    const bDownload = jobEvents.append('b', { kind: 'downloading', message: 'b only', atMs: 1_500 });
    jobEvents.append('c', { kind: 'downloading', message: 'not asked', atMs: 1_600 });

    const spans = jobEvents.spansForJobs(['a', 'b', 'missing'], ['downloading', 'proved']);
    const byKey = new Map(spans.map((span) => [`${span.jobId}/${span.kind}`, span]));
    expect([...byKey.keys()].sort()).toEqual(['a/downloading', 'a/proved', 'b/downloading']);
    expect(byKey.get('a/downloading')).toEqual({ jobId: 'a', kind: 'downloading', first: firstDownload, latest: lastDownload });
    expect(byKey.get('a/proved')).toEqual({ jobId: 'a', kind: 'proved', first: onlyProved, latest: onlyProved });
    expect(byKey.get('b/downloading')).toEqual({ jobId: 'b', kind: 'downloading', first: bDownload, latest: bDownload });
  });

  it('answers nothing for no jobs or no kinds', () => {
    const { jobEvents } = withJobs(stores.open(), ['a']);
    jobEvents.append('a', { kind: 'downloading', message: 'x' });
    expect(jobEvents.spansForJobs([], ['downloading'])).toEqual([]);
    expect(jobEvents.spansForJobs(['a'], [])).toEqual([]);
  });
});
