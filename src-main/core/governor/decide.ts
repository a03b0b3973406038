// From the rules' verdicts to one decision: how much CPU proving may use, whether GPUs may work, whether new
// work may be taken, and a one-line summary. A job with a deadline may be kept going despite the verdicts, at
// the least speed that still finishes it in time, rather than be lost.
import type { GovernorStatus } from '../api/resource-schemas.js';
import type { RuleVerdict } from './governor-types.js';

export interface DeadlineJob {
  jobId: string;
  deadlineAtMs: number;
  /** full-speed proving time still needed */
  remainingMs: number;
}

export type Decision = Omit<GovernorStatus, 'atMs' | 'snooze'>;

/** Time kept in hand before a deadline: at least this … */
const MIN_SAFETY_MS = 30_000;
/** … or this share of the work still to do, whichever is more. */
const SAFETY_SHARE = 0.1;
/** The share asked for is this much above the bare need, so a job that runs longer than estimated still finishes. */
const DEADLINE_HEADROOM = 1.25;
const JOB_ID_SHOWN_CHARS = 8;

export function decide(verdicts: RuleVerdict[], atMs: number, job?: DeadlineJob): Decision {
  const reasons = [...verdicts].sort((a, b) => effectOrder(a) - effectOrder(b));
  const allPauses = reasons.filter((r) => r.scope === 'all' && r.effect === 'pause');
  const allThrottles = reasons.filter((r) => r.scope === 'all' && r.effect === 'throttle');
  const gpuPauses = reasons.filter((r) => r.scope === 'gpu' && r.effect === 'pause');
  const gpuSuffix = gpuPauses.length > 0 ? ` (GPU paused: ${texts(gpuPauses)})` : '';

  let cpuPct = allPauses.length > 0 ? 0 : Math.min(100, ...allThrottles.map((r) => r.cpuPct ?? 100));
  let takeNewWork = allPauses.length === 0;
  let finishing: Decision['finishing'] = null;
  let summary: string;

  const requiredPct = job ? deadlineCpuPct(job, atMs) : 0;
  if (job && requiredPct > cpuPct) {
    cpuPct = requiredPct;
    takeNewWork = false;
    const despite = [...allPauses, ...allThrottles].map((r) => r.text);
    finishing = { jobId: job.jobId, cpuPct, despite };
    const speed = cpuPct < 100 ? `, at ${cpuPct} %` : '';
    summary = `Finishing job ${job.jobId.slice(0, JOB_ID_SHOWN_CHARS)} before its deadline despite: ${despite.join('; ')}${speed}${gpuSuffix}`;
  } else if (cpuPct === 0) {
    summary = `Paused: ${texts(allPauses)}`;
  } else if (cpuPct < 100) {
    summary = `Throttled to ${cpuPct} %: ${texts(allThrottles)}${gpuSuffix}`;
  } else {
    summary = `Running at full speed${gpuSuffix}`;
  }

  return {
    state: cpuPct === 0 ? 'paused' : cpuPct < 100 ? 'throttled' : 'running',
    cpuPct,
    // A job kept going for its deadline keeps the GPUs too, unless a GPU-only reason (heat, a GPU snooze) holds them.
    gpuAllowed: finishing !== null ? gpuPauses.length === 0 : reasons.every((r) => r.effect !== 'pause'),
    takeNewWork,
    reasons,
    finishing,
    summary,
  };
}

/** The CPU share that still finishes the job before its deadline, with time and speed in hand. */
function deadlineCpuPct(job: DeadlineJob, atMs: number): number {
  const safetyMs = Math.max(MIN_SAFETY_MS, SAFETY_SHARE * job.remainingMs);
  const availableMs = job.deadlineAtMs - atMs - safetyMs;
  if (availableMs <= 0) return 100;
  // Multiplied out before dividing, so an exact share (40 %) does not round up on float noise.
  return Math.min(100, Math.ceil((job.remainingMs * 100 * DEADLINE_HEADROOM) / availableMs));
}

function effectOrder(reason: RuleVerdict): number {
  return reason.effect === 'pause' ? 0 : 1;
}

function texts(reasons: RuleVerdict[]): string {
  return reasons.map((r) => r.text).join('; ');
}
