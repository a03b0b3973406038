// Desktop notifications: follows the core's events, and every 30 s reads what it says of the markets, the running
// job and the day; NotificationPolicy decides, and what it returns is shown as Electron Notifications.
import { Notification } from 'electron';
import type { QueryInput, QueryName } from '../../core/api/contract.js';
import type { Core } from '../../core/core.js';
import { estimateProvingMs } from '../../core/engine/calibration.js';
import type { Logger } from '../../core/log/logger.js';
import { isCoreEvent, queryCore } from '../core-calls.js';
import { localClock, NotificationPolicy, reachOf, type EndedJob, type ShellNotification } from './notification-policy.js';

/** How often held-back job endings are looked at (the policy's burst quiet time is 10 s). */
const FLUSH_INTERVAL_MS = 5_000;
/** How often markets, the running job's deadline and the daily summary are checked. */
const CHECK_INTERVAL_MS = 30_000;
/** Enough rows of jobs.list to find a job that just changed (newest first). */
const JOBS_LOOKED_AT = 200;
/** Notifications kept referenced so their click handler is not garbage-collected before a click. */
const KEPT_NOTIFICATIONS = 20;

export interface NotificationsOptions {
  core: Pick<Core, 'dispatch' | 'subscribe'>;
  /** The date of the last daily summary (kept by the shell across restarts), and how to keep a new one. */
  summary: { shownOn: string | null; remember(date: string): void };
  /** Brings the window up on a page of the app (e.g. "jobs"). */
  showWindow(page: ShellNotification['page']): void;
  log: Logger;
}

/** Starts the notifications; returns the function that stops them. */
export function installNotifications({ core, summary, showWindow, log }: NotificationsOptions): () => void {
  if (!Notification.isSupported()) {
    log.warn('this desktop shows no notifications; ProverDesk will not send any');
    return () => undefined;
  }
  const policy = new NotificationPolicy({ summaryShownOn: summary.shownOn });
  const query = <N extends QueryName>(name: N, input: QueryInput<N>) => queryCore(core, name, input);
  const kept = new Set<Notification>();

  const show = (notices: ShellNotification[]) => {
    for (const notice of notices) {
      const notification = new Notification({ title: notice.title, body: notice.body });
      const forget = () => kept.delete(notification);
      notification.on('click', () => {
        forget();
        showWindow(notice.page);
      });
      notification.on('close', forget);
      notification.on('failed', (_event, error) => {
        forget();
        log.warn(`a notification could not be shown: ${error}`);
      });
      kept.add(notification);
      if (kept.size > KEPT_NOTIFICATIONS) kept.delete(kept.values().next().value!);
      notification.show();
    }
  };
  const warn = (what: string) => (error: unknown) => log.warn(`notifications: ${what}: ${error instanceof Error ? error.message : String(error)}`);

  query('desktop.get', {})
    .then((view) => policy.setSwitches(view.settings.notifications))
    .catch(warn('reading the settings failed'));

  const jobEnded = async (jobId: string, outcome: EndedJob['outcome']) => {
    const { jobs } = await query('jobs.list', { limit: JOBS_LOOKED_AT });
    const job = jobs.find((row) => row.id === jobId);
    policy.jobEnded({ jobId, outcome, coordinatorName: job?.coordinatorName ?? 'A market', error: job?.error ?? null, atMs: Date.now() });
  };

  const stopEvents = core.subscribe((event) => {
    if (isCoreEvent(event, 'desktop.changed')) policy.setSwitches(event.payload.notifications);
    else if (isCoreEvent(event, 'scheduler.progress')) policy.progress(event.payload.jobId, event.payload.phase, Date.now());
    else if (isCoreEvent(event, 'jobs.changed')) {
      const { jobId, state } = event.payload;
      if (state === 'failed' || state === 'expired' || state === 'rejected') jobEnded(jobId, state).catch(warn(`reading job ${jobId} failed`));
    }
  });

  const checkDeadline = async (jobId: string) => {
    const [{ jobs }, { calibration }, governor] = await Promise.all([
      query('jobs.list', { limit: JOBS_LOOKED_AT }),
      query('engine.calibration', {}),
      query('governor.status', {}),
    ]);
    const job = jobs.find((row) => row.id === jobId);
    // External provers have no size to predict from, and jobs without a deadline cannot miss one.
    if (job === undefined || job.deadlineAtMs === null || job.constraints === null) return;
    show(
      policy.runningJob({
        jobId,
        coordinatorName: job.coordinatorName,
        externalId: job.externalId,
        deadlineAtMs: job.deadlineAtMs,
        estimatedMs: estimateProvingMs(calibration ?? undefined, job.constraints),
        cpuPct: governor.cpuPct,
        atMs: Date.now(),
      }),
    );
  };

  let checking = false;
  const check = async () => {
    if (checking) return;
    checking = true;
    try {
      const status = await query('scheduler.status', {});
      show(policy.coordinators(status.coordinators.map((c) => ({ id: c.id, name: c.name, reach: reachOf(c), reason: c.idleReason })), Date.now()));
      if (status.current !== null && policy.wantsDeadlineCheck(status.current.jobId)) await checkDeadline(status.current.jobId);
      const clock = localClock(new Date());
      if (policy.summaryDue(clock)) {
        show(policy.dailySummary(clock.date, await query('jobs.stats', { sinceMs: clock.dayStartMs })));
        summary.remember(clock.date);
      }
    } catch (error) {
      warn('checking markets, deadline and summary failed')(error);
    } finally {
      checking = false;
    }
  };

  const flushTimer = setInterval(() => show(policy.flush(Date.now())), FLUSH_INTERVAL_MS);
  const checkTimer = setInterval(() => void check(), CHECK_INTERVAL_MS);
  return () => {
    stopEvents();
    clearInterval(flushTimer);
    clearInterval(checkTimer);
  };
}
