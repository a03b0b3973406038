import { useEffect, useId } from 'react';
import { useBridge } from '../bridge/context.js';
import { Card } from '../components/Card.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { GovernorBanner } from '../components/GovernorBanner.js';
import { useJobsStore, type Job, type JobEvent } from '../stores/jobs.js';
import { useNow } from '../use-now.js';
import { circuitText, costPriceText, deadlineText, isActive, provingTimeText, shortJobId, totalTimeText } from './jobs/job-text.js';

const time = (ms: number) => new Date(ms).toLocaleString();

export function JobsPage() {
  const bridge = useBridge();
  const { jobs, current, selectedId, events, error, load, select, cancel } = useJobsStore();
  // The clock the deadline column counts down against: ticks only while some running job has a deadline.
  const now = useNow(jobs?.some((job) => isActive(job.state) && job.deadlineAtMs !== null) ?? false);

  useEffect(() => {
    void load(bridge);
  }, [bridge, load]);

  const selected = jobs?.find((job) => job.id === selectedId) ?? null;
  return (
    <div className="page">
      <h1>Jobs</h1>
      {error && <ErrorNotice message={error} />}
      {current && (
        <p className="job-progress" role="status">
          Working on {jobs?.find((j) => j.id === current.jobId)?.coordinatorName ?? 'a job'}: {current.phase}{' '}
          {Math.round(current.fraction * 100)} %
        </p>
      )}
      <GovernorBanner />
      <Card title="History" className="wide">
        {jobs === null ? (
          <p className="muted">Loading…</p>
        ) : jobs.length === 0 ? (
          <p className="muted">No jobs yet. Work appears here as soon as a coordinator hands some out.</p>
        ) : (
          <div className="table-scroll">
            <table className="jobs-table">
              <thead>
                <tr>
                  <th>Updated</th>
                  <th>Coordinator</th>
                  <th>Job</th>
                  <th>State</th>
                  <th>Circuit</th>
                  <th>Device</th>
                  <th>Proving time</th>
                  <th>Total time</th>
                  <th>Cost / price</th>
                  <th>Deadline</th>
                  <th>Tries</th>
                  <th>Error</th>
                </tr>
              </thead>
              <tbody>
                {jobs.map((job) => (
                  <JobRow key={job.id} job={job} nowMs={now} selected={job.id === selectedId} onSelect={() => void select(bridge, job.id === selectedId ? null : job.id)} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {selected && (
        <Card title={`Job ${selected.externalId} · ${selected.coordinatorName}`} className="wide">
          {isActive(selected.state) && (
            <button type="button" onClick={() => void cancel(bridge, selected.id)}>
              Cancel this job
            </button>
          )}
          <JobHistory events={events} />
        </Card>
      )}
    </div>
  );
}

function JobRow({ job, nowMs, selected, onSelect }: { job: Job; nowMs: number; selected: boolean; onSelect: () => void }) {
  return (
    <tr className={selected ? 'selected' : undefined} aria-selected={selected}>
      <td>{time(job.updatedAtMs)}</td>
      <td>{job.coordinatorName}</td>
      <td>
        <button type="button" className="link" onClick={onSelect} aria-expanded={selected} title={job.externalId}>
          {shortJobId(job.externalId)}
        </button>
      </td>
      <td>
        <span className={`state state-${job.state}`}>{job.state}</span>
      </td>
      <td className="circuit">{circuitText(job)}</td>
      <td data-testid="job-device">{job.deviceName ?? (job.backend === 'external' ? 'external prover' : '')}</td>
      <td className="number">{provingTimeText(job)}</td>
      <td className="number">{totalTimeText(job)}</td>
      <td className="number">{costPriceText(job)}</td>
      <td title={job.deadlineAtMs === null ? undefined : time(job.deadlineAtMs)}>{deadlineText(job, nowMs)}</td>
      <td>{job.attempts}</td>
      <td className="error-cell">{job.error ?? ''}</td>
    </tr>
  );
}

function JobHistory({ events }: { events: JobEvent[] | null }) {
  const logHeading = useId();
  if (events === null) return <p className="muted">Loading the history…</p>;
  const log = events.filter((e) => e.kind === 'backend-log');
  return (
    <>
      <h3>History</h3>
      <ol className="job-events" aria-label="Events">
        {events
          .filter((e) => e.kind !== 'backend-log')
          .map((event, index) => (
            <li key={index}>
              <time>{time(event.atMs)}</time> <strong>{event.kind}</strong> {event.message}
            </li>
          ))}
      </ol>
      <section aria-labelledby={logHeading}>
        <h3 id={logHeading}>Backend log</h3>
        {log.length === 0 ? (
          <p className="muted">No backend output.</p>
        ) : (
          // Focusable so that a keyboard can scroll it.
          <pre className="backend-log" tabIndex={0}>
            {log.map((e) => e.message).join('\n')}
          </pre>
        )}
      </section>
    </>
  );
}
