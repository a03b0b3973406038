import { useEffect } from 'react';
import { useBridge } from '../bridge/context.js';
import { Card } from '../components/Card.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { GovernorBanner } from '../components/GovernorBanner.js';
import { formatCents } from '../format.js';
import { pageHref } from '../routing.js';
import { useDashboardStore } from '../stores/dashboard.js';
import { useJobsStore } from '../stores/jobs.js';

export function DashboardPage() {
  const bridge = useBridge();
  const { stats, coordinators, error, load } = useDashboardStore();
  const current = useJobsStore((store) => store.current);
  const loadJobs = useJobsStore((store) => store.load);
  const jobs = useJobsStore((store) => store.jobs);

  useEffect(() => {
    void load(bridge);
    void loadJobs(bridge);
  }, [bridge, load, loadJobs]);

  const ended = stats ? stats.accepted + stats.rejected + stats.failed : 0;
  const currentJob = current ? jobs?.find((job) => job.id === current.jobId) : undefined;
  return (
    <div className="page">
      <h1>Dashboard</h1>
      <GovernorBanner />
      {error && <ErrorNotice message={error} />}
      <div className="card-grid">
        <Card title="Now">
          {current ? (
            <>
              <p className="figure">{Math.round(current.fraction * 100)} %</p>
              <p className="figure-caption">
                {current.phase} · {currentJob ? `${currentJob.coordinatorName} job ${currentJob.externalId}` : 'a job'}
              </p>
              <progress max={1} value={current.fraction} aria-label="Progress of the current job" />
            </>
          ) : (
            <p className="muted">Not proving right now.</p>
          )}
        </Card>
        <Card title="Today">
          {stats === null ? (
            <p className="muted">Loading…</p>
          ) : (
            <dl className="facts">
              <dt>Proofs accepted</dt>
              <dd data-testid="accepted-today">{stats.accepted}</dd>
              <dt>Rejected or failed</dt>
              <dd>{stats.rejected + stats.failed}</dd>
              <dt>Acceptance</dt>
              <dd>{ended === 0 ? '–' : `${Math.round((100 * stats.accepted) / ended)} %`}</dd>
              <dt>Cost</dt>
              <dd>{formatCents(stats.costCents)}</dd>
              <dt>Price asked</dt>
              <dd>{formatCents(stats.priceCents)}</dd>
            </dl>
          )}
        </Card>
      </div>
      <Card title="Coordinators" className="wide">
        {coordinators === null ? (
          <p className="muted">Loading…</p>
        ) : coordinators.length === 0 ? (
          <p className="muted">
            No coordinators yet. Add one in <a href={pageHref('markets')}>Markets</a>.
          </p>
        ) : (
          <ul className="coordinator-list">
            {coordinators.map((c) => (
              <li key={c.id}>
                <strong>{c.name}</strong> ({c.kind}):{' '}
                {!c.enabled ? 'disabled' : c.pausedReason ? `paused: ${c.pausedReason}` : c.idleReason ? `waiting: ${c.idleReason}` : 'active'}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
