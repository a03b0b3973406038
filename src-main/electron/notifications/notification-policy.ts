// Which desktop notifications to show, decided from facts the glue (notifications.ts) reads from the core:
// jobs that ended badly, the running job against its deadline, markets that cannot be reached, and the clock for
// the daily summary. At most one notice per job and kind; a burst of endings becomes one "5 jobs failed"; a
// market's outage is reported once (again after it recovered); the summary once a day, none on a day without proofs.
import { defaultDesktopSettings, type DesktopSettings, type NotificationKind } from '../../core/api/desktop-schemas.js';

export type NotificationSwitches = DesktopSettings['notifications'];

export interface ShellNotification {
  kind: NotificationKind;
  title: string;
  body: string;
  /** The page a click opens. */
  page: 'jobs' | 'markets' | 'dashboard';
}

export interface EndedJob {
  jobId: string;
  outcome: 'failed' | 'expired' | 'rejected';
  coordinatorName: string;
  error: string | null;
  atMs: number;
}

export interface RunningJob {
  jobId: string;
  coordinatorName: string;
  externalId: string;
  deadlineAtMs: number;
  /** Predicted full-speed proving time (calibration). */
  estimatedMs: number;
  /** The CPU share the governor allows proving now (0 = paused). */
  cpuPct: number;
  atMs: number;
}

export type Reach = 'reachable' | 'unreachable' | 'off';

export interface CoordinatorReach {
  id: string;
  name: string;
  reach: Reach;
  /** What the scheduler says of it ("cannot reach …: connect ECONNREFUSED …"). */
  reason: string | null;
}

export interface DayFigures {
  accepted: number;
  rejected: number;
  failed: number;
  costCents: number;
  priceCents: number;
}

export interface LocalClock {
  /** Local calendar date, YYYY-MM-DD. */
  date: string;
  /** Minutes since local midnight. */
  minutes: number;
  /** Local midnight, ms since the epoch (for jobs.stats). */
  dayStartMs: number;
}

export interface NotificationPolicyOptions {
  /** How long a market stays unreachable before it is reported (default 10 min). */
  disconnectedAfterMs?: number;
  /** Local time of the daily summary in minutes after midnight (default 20:00). */
  dailySummaryAtMinutes?: number;
  /** Job endings closer than this to each other make one notice … (default 10 s) */
  burstQuietMs?: number;
  /** … held back at most this long (default 60 s). */
  burstMaxHoldMs?: number;
  /** The local date (YYYY-MM-DD) a summary was last shown on, kept across restarts by the glue. */
  summaryShownOn?: string | null;
}

/** A job still running past its prediction is assumed to have this share of it left (as the governor does). */
const OVERRUN_REMAINING_SHARE = 0.25;
/** Jobs and kinds remembered for "one notice each": a long-running tray app must not grow without end. */
const REMEMBERED_NOTICES = 2_000;
const MAX_DETAIL_CHARS = 200;
/** Phases that are not proving: the deadline prediction starts at the first other phase. */
const NOT_PROVING = new Set(['downloading', 'submitting']);

interface Burst {
  jobs: EndedJob[];
  firstAtMs: number;
  lastAtMs: number;
}

type EndingKind = 'jobFailed' | 'jobRejected';

export class NotificationPolicy {
  private switches: NotificationSwitches = defaultDesktopSettings().notifications;
  private readonly noticed = new Set<string>();
  private readonly bursts = new Map<EndingKind, Burst>();
  private proving: { jobId: string; sinceMs: number } | null = null;
  private readonly outages = new Map<string, { sinceMs: number; reported: boolean }>();
  private summaryDate: string | null = null;
  private readonly disconnectedAfterMs: number;
  private readonly dailySummaryAtMinutes: number;
  private readonly burstQuietMs: number;
  private readonly burstMaxHoldMs: number;

  constructor(options: NotificationPolicyOptions = {}) {
    this.disconnectedAfterMs = options.disconnectedAfterMs ?? 10 * 60_000;
    this.dailySummaryAtMinutes = options.dailySummaryAtMinutes ?? 20 * 60;
    this.burstQuietMs = options.burstQuietMs ?? 10_000;
    this.burstMaxHoldMs = options.burstMaxHoldMs ?? 60_000;
    this.summaryDate = options.summaryShownOn ?? null;
  }

  setSwitches(switches: NotificationSwitches): void {
    this.switches = { ...switches };
  }

  /** A job ended failed, expired or rejected; its notice waits in case more follow (see flush). */
  jobEnded(job: EndedJob): void {
    const kind: EndingKind = job.outcome === 'rejected' ? 'jobRejected' : 'jobFailed';
    if (!this.switches[kind] || !this.firstNotice(kind, job.jobId)) return;
    const burst = this.bursts.get(kind);
    if (burst) {
      burst.jobs.push(job);
      burst.lastAtMs = job.atMs;
    } else {
      this.bursts.set(kind, { jobs: [job], firstAtMs: job.atMs, lastAtMs: job.atMs });
    }
  }

  /** The job endings whose burst is over (quiet long enough, or held long enough), one notice per kind. */
  flush(atMs: number): ShellNotification[] {
    const notices: ShellNotification[] = [];
    for (const [kind, burst] of this.bursts) {
      if (atMs - burst.lastAtMs < this.burstQuietMs && atMs - burst.firstAtMs < this.burstMaxHoldMs) continue;
      this.bursts.delete(kind);
      if (this.switches[kind]) notices.push(endingNotice(kind, burst.jobs));
    }
    return notices;
  }

  /**
   * Progress of the running job: its first proving phase starts the clock of the deadline prediction; downloading
   * (a new try) or submitting (the proof is made) stops it.
   */
  progress(jobId: string, phase: string, atMs: number): void {
    if (NOT_PROVING.has(phase)) {
      if (this.proving?.jobId === jobId) this.proving = null;
    } else if (this.proving?.jobId !== jobId) {
      this.proving = { jobId, sinceMs: atMs };
    }
  }

  /** Whether runningJob could still say something of this job (so the glue can skip its queries). */
  wantsDeadlineCheck(jobId: string): boolean {
    return this.switches.deadlineAtRisk && this.proving?.jobId === jobId && !this.noticed.has(noticeKey('deadlineAtRisk', jobId));
  }

  /** The running job, checked against its deadline: a notice once, when its predicted end is past it. */
  runningJob(job: RunningJob): ShellNotification[] {
    if (!this.wantsDeadlineCheck(job.jobId) || this.proving === null) return [];
    const endMs = predictEndMs({ atMs: job.atMs, provingSinceMs: this.proving.sinceMs, estimatedMs: job.estimatedMs, cpuPct: job.cpuPct });
    if (endMs <= job.deadlineAtMs || !this.firstNotice('deadlineAtRisk', job.jobId)) return [];
    const why = Number.isFinite(endMs) ? `at the current speed it ends about ${formatDuration(endMs - job.deadlineAtMs)} after it` : 'proving is paused';
    return [
      {
        kind: 'deadlineAtRisk',
        title: 'Deadline at risk',
        body: `${job.coordinatorName} job ${job.externalId} may miss its deadline: ${why}.`,
        page: 'jobs',
      },
    ];
  }

  /** What the scheduler says of each market now; a market unreachable for long enough is reported once per outage. */
  coordinators(list: readonly CoordinatorReach[], atMs: number): ShellNotification[] {
    const notices: ShellNotification[] = [];
    const present = new Set(list.map((c) => c.id));
    for (const id of this.outages.keys()) if (!present.has(id)) this.outages.delete(id);
    for (const coordinator of list) {
      if (coordinator.reach !== 'unreachable') {
        this.outages.delete(coordinator.id);
        continue;
      }
      const outage = this.outages.get(coordinator.id) ?? { sinceMs: atMs, reported: false };
      this.outages.set(coordinator.id, outage);
      if (outage.reported || !this.switches.marketDisconnected || atMs - outage.sinceMs < this.disconnectedAfterMs) continue;
      outage.reported = true;
      notices.push({
        kind: 'marketDisconnected',
        title: `${coordinator.name} cannot be reached`,
        body: `For ${formatDuration(atMs - outage.sinceMs)}${coordinator.reason ? ` (${clip(coordinator.reason)})` : ''}. No work comes from it meanwhile; ProverDesk keeps trying.`,
        page: 'markets',
      });
    }
    return notices;
  }

  /** Whether today's summary is due (the glue then reads today's figures and calls dailySummary). */
  summaryDue(clock: Pick<LocalClock, 'date' | 'minutes'>): boolean {
    return this.switches.dailySummary && clock.minutes >= this.dailySummaryAtMinutes && this.summaryDate !== clock.date;
  }

  /** Today's summary, once per date; nothing on a day without proofs. */
  dailySummary(date: string, figures: DayFigures): ShellNotification[] {
    if (this.summaryDate === date) return [];
    this.summaryDate = date;
    if (!this.switches.dailySummary || figures.accepted + figures.rejected === 0) return [];
    const others = [figures.rejected > 0 ? `${figures.rejected} rejected` : '', figures.failed > 0 ? `${figures.failed} failed` : ''].filter((part) => part !== '');
    return [
      {
        kind: 'dailySummary',
        title: `Today: ${plural(figures.accepted, 'proof')} accepted`,
        body: [...(others.length > 0 ? [others.join(', ')] : []), `${formatCents(figures.priceCents)} asked, ${formatCents(figures.costCents)} cost`].join(' · '),
        page: 'dashboard',
      },
    ];
  }

  /** True the first time a job gets a notice of this kind. */
  private firstNotice(kind: NotificationKind, jobId: string): boolean {
    const key = noticeKey(kind, jobId);
    if (this.noticed.has(key)) return false;
    this.noticed.add(key);
    if (this.noticed.size > REMEMBERED_NOTICES) this.noticed.delete(this.noticed.values().next().value!);
    return true;
  }
}

/**
 * When the running job should end: what is left of its estimate (time spent so far counted as full speed, so
 * the notice comes only when it is really late), at the CPU share the governor allows now; Infinity while paused.
 */
export function predictEndMs({ atMs, provingSinceMs, estimatedMs, cpuPct }: { atMs: number; provingSinceMs: number; estimatedMs: number; cpuPct: number }): number {
  if (cpuPct <= 0) return Number.POSITIVE_INFINITY;
  const elapsedMs = atMs - provingSinceMs;
  const remainingMs = elapsedMs < estimatedMs ? estimatedMs - elapsedMs : estimatedMs * OVERRUN_REMAINING_SHARE;
  return atMs + (remainingMs * 100) / cpuPct;
}

/**
 * A market's reachability from scheduler.status. The scheduler says so only in words (scheduler.ts): "cannot
 * reach …" after a failed poll, "waiting: …" while the governor holds all work (so nothing was asked).
 */
/** A market the scheduler cannot reach (it keeps saying so while the governor holds work, when nothing is asked). */
export function reachOf(status: { enabled: boolean; pausedReason: string | null; unreachableSinceMs: number | null }): Reach {
  if (!status.enabled || status.pausedReason !== null) return 'off';
  return status.unreachableSinceMs !== null ? 'unreachable' : 'reachable';
}

export function localClock(now: Date): LocalClock {
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`,
    minutes: now.getHours() * 60 + now.getMinutes(),
    dayStartMs: new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime(),
  };
}

function endingNotice(kind: EndingKind, jobs: EndedJob[]): ShellNotification {
  const latest = jobs.at(-1)!;
  const detail = `${latest.coordinatorName}${latest.error ? `: ${clip(latest.error)}` : ''}`;
  if (jobs.length === 1) {
    const title = kind === 'jobRejected' ? 'Proof rejected' : latest.outcome === 'expired' ? 'Job expired' : 'Job failed';
    return { kind, title, body: detail, page: 'jobs' };
  }
  const names = [...new Set(jobs.map((job) => job.coordinatorName))];
  return {
    kind,
    title: kind === 'jobRejected' ? `${jobs.length} proofs rejected` : `${jobs.length} jobs failed`,
    body: `${names.length === 1 ? `All from ${names[0]}` : `From ${names.join(', ')}`}. Latest: ${detail}`,
    page: 'jobs',
  };
}

const noticeKey = (kind: NotificationKind, jobId: string): string => `${kind}:${jobId}`;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

const clip = (text: string): string => (text.length <= MAX_DETAIL_CHARS ? text : `${text.slice(0, MAX_DETAIL_CHARS - 1)}…`);

/** Integer US cents as dollars, as the UI shows them ("$12.34"). */
const formatCents = (cents: number): string => `${cents < 0 ? '−' : ''}$${(Math.abs(cents) / 100).toFixed(2)}`;

/** "45 s", "12 min", "2 h 5 min". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}
