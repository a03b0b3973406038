import { useEffect } from 'react';
import { useBridge } from '../bridge/context.js';
import { Card } from '../components/Card.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { useJobsStore, type Job, type JobEvent } from '../stores/jobs.js';

const ACTIVE = new Set(['discovered', 'claimed', 'downloading', 'proving', 'submitting']);
const time = (ms: number) => new Date(ms).toLocaleString();

export function JobsPage() {
  const bridge = useBridge();
  const { jobs, current, selectedId, events, error, load, select, cancel } = useJobsStore();

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
      <Card title="History" className="wide">
        {jobs === null ? (
          <p className="muted">Loading…</p>
        ) : jobs.length === 0 ? (
          <p className="muted">No jobs yet. Work appears here as soon as a coordinator hands some out.</p>
        ) : (
          <table className="jobs-table">
            <thead>
              <tr>
                <th>Updated</th>
                <th>Coordinator</th>
                <th>Job</th>
                <th>State</th>
                <th>Tries</th>
                <th>Error</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((job) => (
                <JobRow key={job.id} job={job} selected={job.id === selectedId} onSelect={() => void select(bridge, job.id === selectedId ? null : job.id)} />
              ))}
            </tbody>
          </table>
        )}
      </Card>
      {selected && (
        <Card title={`Job ${selected.externalId} · ${selected.coordinatorName}`} className="wide">
          {ACTIVE.has(selected.state) && (
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

function JobRow({ job, selected, onSelect }: { job: Job; selected: boolean; onSelect: () => void }) {
  return (
    <tr className={selected ? 'selected' : undefined} aria-selected={selected}>
      <td>{time(job.updatedAtMs)}</td>
      <td>{job.coordinatorName}</td>
      <td>
        <button type="button" className="link" onClick={onSelect} aria-expanded={selected}>
          {job.externalId}
        </button>
      </td>
      <td>
        <span className={`state state-${job.state}`}>{job.state}</span>
      </td>
      <td>{job.attempts}</td>
      <td className="error-cell">{job.error ?? ''}</td>
    </tr>
  );
}

function JobHistory({ events }: { events: JobEvent[] | null }) {
  if (events === null) return <p className="muted">Loading the history…</p>;
  const log = events.filter((e) => e.kind === 'backend-log');
  return (
    <>
      <ol className="job-events" aria-label="Events">
        {events
          .filter((e) => e.kind !== 'backend-log')
          .map((event, index) => (
            <li key={index}>
              <time>{time(event.atMs)}</time> <strong>{event.kind}</strong> {event.message}
            </li>
          ))}
      </ol>
      {log.length > 0 && (
        <>
          <h3>Backend log</h3>
          <pre className="backend-log">{log.map((e) => e.message).join('\n')}</pre>
        </>
      )}
    </>
  );
}
