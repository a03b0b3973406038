import { describe, expect, it } from 'vitest';
import { defaultDesktopSettings } from '../../../src-main/core/api/desktop-schemas.js';
import {
  formatDuration,
  localClock,
  NotificationPolicy,
  predictEndMs,
  reachOf,
  type CoordinatorReach,
  type EndedJob,
  type RunningJob,
} from '../../../src-main/electron/notifications/notification-policy.js';

const T0 = 1_700_000_000_000;
const SECOND = 1000;
const MINUTE = 60 * SECOND;

const allOn = { ...defaultDesktopSettings().notifications, dailySummary: true };

function policy(): NotificationPolicy {
  const p = new NotificationPolicy();
  p.setSwitches(allOn);
  return p;
}

const failed = (jobId: string, atMs: number, overrides: Partial<EndedJob> = {}): EndedJob => ({
  jobId,
  outcome: 'failed',
  coordinatorName: 'Practice market',
  error: 'the engine ran out of memory',
  atMs,
  ...overrides,
});

describe('job endings', () => {
  it('shows one failure after a quiet moment, with its market and error', () => {
    const p = policy();
    p.jobEnded(failed('j1', T0));
    expect(p.flush(T0 + 5 * SECOND)).toEqual([]);
    expect(p.flush(T0 + 10 * SECOND)).toEqual([
      { kind: 'jobFailed', title: 'Job failed', body: 'Practice market: the engine ran out of memory', page: 'jobs' },
    ]);
    expect(p.flush(T0 + 20 * SECOND)).toEqual([]);
  });

  it('says "rejected" and "expired" for those endings', () => {
    const p = policy();
    p.jobEnded(failed('j1', T0, { outcome: 'rejected', coordinatorName: 'zkSync', error: 'proof does not verify' }));
    p.jobEnded(failed('j2', T0, { outcome: 'expired', error: null }));
    expect(p.flush(T0 + MINUTE)).toEqual([
      { kind: 'jobRejected', title: 'Proof rejected', body: 'zkSync: proof does not verify', page: 'jobs' },
      { kind: 'jobFailed', title: 'Job expired', body: 'Practice market', page: 'jobs' },
    ]);
  });

  it('makes a burst of failures one "5 jobs failed" notice', () => {
    const p = policy();
    for (let i = 0; i < 5; i++) p.jobEnded(failed(`j${i}`, T0 + i * 2 * SECOND, i === 4 ? { coordinatorName: 'Aztec', error: 'timed out' } : {}));
    expect(p.flush(T0 + 9 * SECOND)).toEqual([]);
    expect(p.flush(T0 + 18 * SECOND)).toEqual([
      { kind: 'jobFailed', title: '5 jobs failed', body: 'From Practice market, Aztec. Latest: Aztec: timed out', page: 'jobs' },
    ]);
  });

  it('does not hold a steady stream of failures back for ever', () => {
    const p = policy();
    const notices = [];
    for (let t = 0; t <= 70 * SECOND; t += 5 * SECOND) {
      p.jobEnded(failed(`j${t}`, T0 + t));
      notices.push(...p.flush(T0 + t));
    }
    expect(notices).toEqual([expect.objectContaining({ title: '13 jobs failed', body: expect.stringMatching(/^All from Practice market\. /) })]);
  });

  it('tells of each job and kind once, however often it ends', () => {
    const p = policy();
    p.jobEnded(failed('j1', T0));
    expect(p.flush(T0 + MINUTE)).toHaveLength(1);
    p.jobEnded(failed('j1', T0 + 2 * MINUTE)); // tried again, failed again
    p.jobEnded(failed('j1', T0 + 2 * MINUTE, { outcome: 'expired' }));
    expect(p.flush(T0 + 3 * MINUTE)).toEqual([]);
    p.jobEnded(failed('j1', T0 + 3 * MINUTE, { outcome: 'rejected' }));
    expect(p.flush(T0 + 4 * MINUTE)).toEqual([expect.objectContaining({ kind: 'jobRejected' })]);
  });

  it('shows nothing of a kind that is switched off, even if it was switched off while held', () => {
    const p = policy();
    p.setSwitches({ ...allOn, jobRejected: false });
    p.jobEnded(failed('j1', T0, { outcome: 'rejected' }));
    p.jobEnded(failed('j2', T0));
    p.setSwitches({ ...allOn, jobFailed: false });
    expect(p.flush(T0 + MINUTE)).toEqual([]);
  });

  it('clips a long error', () => {
    const p = policy();
    p.jobEnded(failed('j1', T0, { error: 'x'.repeat(1000) }));
    const [notice] = p.flush(T0 + MINUTE);
    expect(notice!.body.length).toBeLessThan(250);
    expect(notice!.body.endsWith('…')).toBe(true);
  });
});

describe('deadline at risk', () => {
  const running = (overrides: Partial<RunningJob> = {}): RunningJob => ({
    jobId: 'j1',
    coordinatorName: 'Succinct',
    externalId: '0xabc',
    deadlineAtMs: T0 + 10 * MINUTE,
    estimatedMs: 8 * MINUTE,
    cpuPct: 100,
    atMs: T0 + MINUTE,
    ...overrides,
  });

  it('is quiet while the job should finish in time', () => {
    const p = policy();
    p.progress('j1', 'downloading', T0 - MINUTE);
    p.progress('j1', 'witness', T0);
    expect(p.wantsDeadlineCheck('j1')).toBe(true);
    expect(p.runningJob(running())).toEqual([]);
  });

  it('warns once when, at the current speed, the predicted end is past the deadline', () => {
    const p = policy();
    p.progress('j1', 'witness', T0);
    p.progress('j1', 'msm-a', T0 + 30 * SECOND); // later phases keep the job's clock
    // 1 min in, 7 min of full-speed work left; at 50 % that is 14 min: ends at T0 + 15 min, 5 min late
    expect(p.runningJob(running({ cpuPct: 50 }))).toEqual([
      { kind: 'deadlineAtRisk', title: 'Deadline at risk', body: 'Succinct job 0xabc may miss its deadline: at the current speed it ends about 5 min after it.', page: 'jobs' },
    ]);
    expect(p.wantsDeadlineCheck('j1')).toBe(false);
    expect(p.runningJob(running({ cpuPct: 10 }))).toEqual([]);
  });

  it('warns when proving is paused with the deadline ahead', () => {
    const p = policy();
    p.progress('j1', 'ntt', T0);
    expect(p.runningJob(running({ cpuPct: 0 }))).toEqual([expect.objectContaining({ body: 'Succinct job 0xabc may miss its deadline: proving is paused.' })]);
  });

  it('starts the clock at the first proving phase of the job being checked, and stops it when it submits', () => {
    const p = policy();
    expect(p.wantsDeadlineCheck('j1')).toBe(false); // no proving phase seen
    expect(p.runningJob(running({ cpuPct: 0 }))).toEqual([]);
    p.progress('j1', 'downloading', T0);
    expect(p.wantsDeadlineCheck('j1')).toBe(false);
    p.progress('j1', 'witness', T0 + 5 * MINUTE);
    // measured from the witness phase: 8 min from T0 + 5 min is past the deadline by 3 min
    expect(p.runningJob(running({ atMs: T0 + 5 * MINUTE }))).toEqual([expect.objectContaining({ body: expect.stringContaining('about 3 min after it') })]);
    p.progress('j2', 'witness', T0 + 6 * MINUTE);
    expect(p.wantsDeadlineCheck('j1')).toBe(false);
    p.progress('j2', 'submitting', T0 + 7 * MINUTE);
    expect(p.wantsDeadlineCheck('j2')).toBe(false);
  });

  it('restarts the clock when the same job is tried again', () => {
    const p = policy();
    p.progress('j1', 'witness', T0 - 60 * MINUTE);
    p.progress('j1', 'downloading', T0);
    p.progress('j1', 'witness', T0 + 30 * SECOND);
    expect(p.runningJob(running())).toEqual([]);
  });

  it('is quiet when switched off', () => {
    const p = policy();
    p.setSwitches({ ...allOn, deadlineAtRisk: false });
    p.progress('j1', 'witness', T0);
    expect(p.wantsDeadlineCheck('j1')).toBe(false);
    expect(p.runningJob(running({ cpuPct: 0 }))).toEqual([]);
  });
});

describe('predictEndMs', () => {
  it('is what is left of the estimate at the allowed CPU share', () => {
    expect(predictEndMs({ atMs: 60_000, provingSinceMs: 0, estimatedMs: 100_000, cpuPct: 100 })).toBe(100_000);
    expect(predictEndMs({ atMs: 60_000, provingSinceMs: 0, estimatedMs: 100_000, cpuPct: 40 })).toBe(160_000);
  });

  it('assumes a quarter of the estimate is left once a job runs past it', () => {
    expect(predictEndMs({ atMs: 200_000, provingSinceMs: 0, estimatedMs: 100_000, cpuPct: 100 })).toBe(225_000);
  });

  it('never ends while paused', () => {
    expect(predictEndMs({ atMs: 0, provingSinceMs: 0, estimatedMs: 1, cpuPct: 0 })).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('market disconnected', () => {
  const market = (reach: CoordinatorReach['reach'], id = 'c1'): CoordinatorReach => ({
    id,
    name: id === 'c1' ? 'Practice market' : 'Aztec',
    reach,
    reason: reach === 'unreachable' ? 'cannot reach Practice market: connect ECONNREFUSED 127.0.0.1:4000' : null,
  });

  it('tells once, after the market has been unreachable for 10 minutes', () => {
    const p = policy();
    expect(p.coordinators([market('unreachable')], T0)).toEqual([]);
    expect(p.coordinators([market('unreachable')], T0 + 9 * MINUTE)).toEqual([]);
    expect(p.coordinators([market('unreachable')], T0 + 10 * MINUTE)).toEqual([
      {
        kind: 'marketDisconnected',
        title: 'Practice market cannot be reached',
        body: 'For 10 min (cannot reach Practice market: connect ECONNREFUSED 127.0.0.1:4000). No work comes from it meanwhile; ProverDesk keeps trying.',
        page: 'markets',
      },
    ]);
    expect(p.coordinators([market('unreachable')], T0 + 60 * MINUTE)).toEqual([]);
  });

  it('tells again of a new outage after the market recovered', () => {
    const p = policy();
    p.coordinators([market('unreachable')], T0);
    expect(p.coordinators([market('unreachable')], T0 + 10 * MINUTE)).toHaveLength(1);
    p.coordinators([market('reachable')], T0 + 11 * MINUTE);
    expect(p.coordinators([market('unreachable')], T0 + 12 * MINUTE)).toEqual([]);
    expect(p.coordinators([market('unreachable')], T0 + 22 * MINUTE)).toHaveLength(1);
  });

  it('does not count a short outage', () => {
    const p = policy();
    p.coordinators([market('unreachable')], T0);
    p.coordinators([market('reachable')], T0 + 5 * MINUTE);
    expect(p.coordinators([market('unreachable')], T0 + 12 * MINUTE)).toEqual([]);
    expect(p.coordinators([market('unreachable')], T0 + 22 * MINUTE)).toHaveLength(1);
  });

  it('forgets a market that was paused, disabled or removed', () => {
    const p = policy();
    p.coordinators([market('unreachable'), market('unreachable', 'c2')], T0);
    p.coordinators([market('off')], T0 + 5 * MINUTE);
    expect(p.coordinators([market('unreachable'), market('unreachable', 'c2')], T0 + 10 * MINUTE)).toEqual([]);
    expect(p.coordinators([market('unreachable'), market('unreachable', 'c2')], T0 + 20 * MINUTE).map((n) => n.title)).toEqual([
      'Practice market cannot be reached',
      'Aztec cannot be reached',
    ]);
  });

  it('tells of an outage that is still going on when the switch is turned on', () => {
    const p = policy();
    p.setSwitches({ ...allOn, marketDisconnected: false });
    p.coordinators([market('unreachable')], T0);
    expect(p.coordinators([market('unreachable')], T0 + 10 * MINUTE)).toEqual([]);
    p.setSwitches(allOn);
    expect(p.coordinators([market('unreachable')], T0 + 11 * MINUTE)).toEqual([expect.objectContaining({ body: expect.stringMatching(/^For 11 min/) })]);
  });
});

describe('reachOf', () => {
  const status = (unreachableSinceMs: number | null, extra: { enabled?: boolean; pausedReason?: string | null } = {}) => ({ enabled: true, pausedReason: null, unreachableSinceMs, ...extra });
  it('reads what the scheduler says of a market', () => {
    expect(reachOf(status(null))).toBe('reachable');
    expect(reachOf(status(T0))).toBe('unreachable');
    expect(reachOf(status(T0, { enabled: false }))).toBe('off');
    expect(reachOf(status(T0, { pausedReason: 'paused by you' }))).toBe('off');
  });
});

describe('daily summary', () => {
  const figures = { accepted: 12, rejected: 1, failed: 2, costCents: 80, priceCents: 340 };
  const at = (date: string, hh: number, mm = 0) => ({ date, minutes: hh * 60 + mm });

  it('is not shown again on a day it was already shown before a restart', () => {
    const p = new NotificationPolicy({ summaryShownOn: '2025-03-01' });
    p.setSwitches({ jobFailed: true, jobRejected: true, deadlineAtRisk: true, marketDisconnected: true, dailySummary: true });
    expect(p.summaryDue(at('2025-03-01', 21))).toBe(false);
    expect(p.summaryDue(at('2025-03-02', 21))).toBe(true);
  });

  it('is due from 20:00 local time, once a day', () => {
    const p = policy();
    expect(p.summaryDue(at('2025-03-01', 19, 59))).toBe(false);
    expect(p.summaryDue(at('2025-03-01', 20))).toBe(true);
    expect(p.dailySummary('2025-03-01', figures)).toEqual([
      { kind: 'dailySummary', title: 'Today: 12 proofs accepted', body: '1 rejected, 2 failed · $3.40 asked, $0.80 cost', page: 'dashboard' },
    ]);
    expect(p.summaryDue(at('2025-03-01', 23))).toBe(false);
    expect(p.dailySummary('2025-03-01', figures)).toEqual([]);
    expect(p.summaryDue(at('2025-03-02', 8))).toBe(false);
    expect(p.summaryDue(at('2025-03-02', 20, 30))).toBe(true);
  });

  it('says nothing on a day without proofs, and is not due again that day', () => {
    const p = policy();
    expect(p.dailySummary('2025-03-01', { accepted: 0, rejected: 0, failed: 3, costCents: 0, priceCents: 0 })).toEqual([]);
    expect(p.summaryDue(at('2025-03-01', 21))).toBe(false);
  });

  it('reads one accepted proof and no other endings plainly', () => {
    expect(policy().dailySummary('2025-03-01', { accepted: 1, rejected: 0, failed: 0, costCents: 5, priceCents: 12 })).toEqual([
      expect.objectContaining({ title: 'Today: 1 proof accepted', body: '$0.12 asked, $0.05 cost' }),
    ]);
  });

  it('is never due while switched off (the default)', () => {
    const p = new NotificationPolicy();
    expect(p.summaryDue(at('2025-03-01', 21))).toBe(false);
  });

  it('honours another time of day', () => {
    const p = new NotificationPolicy({ dailySummaryAtMinutes: 18 * 60 });
    p.setSwitches(allOn);
    expect(p.summaryDue(at('2025-03-01', 18))).toBe(true);
  });
});

describe('localClock', () => {
  it('gives the local date, the minutes since midnight and midnight itself', () => {
    const clock = localClock(new Date(2025, 0, 5, 20, 7, 30));
    expect(clock).toEqual({ date: '2025-01-05', minutes: 20 * 60 + 7, dayStartMs: new Date(2025, 0, 5).getTime() });
  });
});

describe('formatDuration', () => {
  it('reads as people say it', () => {
    expect(formatDuration(45 * SECOND)).toBe('45 s');
    expect(formatDuration(12 * MINUTE)).toBe('12 min');
    expect(formatDuration(125 * MINUTE)).toBe('2 h 5 min');
    expect(formatDuration(120 * MINUTE)).toBe('2 h');
    expect(formatDuration(-5)).toBe('0 s');
  });
});
