import { useEffect } from 'react';
import { useBridge } from '../../bridge/context.js';
import { Card } from '../../components/Card.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { formatSeconds } from '../../format.js';
import { useCalibrationStore } from '../../stores/calibration.js';

/** This machine's measured proving speed, which costs and deadlines are predicted from. */
export function CalibrationCard() {
  const bridge = useBridge();
  const { view, measuring, error, load, measure } = useCalibrationStore();

  useEffect(() => {
    void load(bridge);
  }, [bridge, load]);

  const calibration = view?.calibration ?? null;
  return (
    <Card title="This machine's speed" className="wide">
      {error !== null && <ErrorNotice message={error} />}
      {view === null ? (
        error === null && <p className="muted">Loading…</p>
      ) : (
        <>
          {calibration === null ? (
            <p className="muted">Not measured yet: predictions are deliberately slow until it is.</p>
          ) : (
            <dl className="facts">
              <dt>Speed</dt>
              <dd data-testid="constraints-per-second">{Math.round(calibration.constraintsPerSecond).toLocaleString('en')} constraints/s</dd>
              <dt>Fixed cost per job</dt>
              <dd>{Math.round(calibration.fixedMs)} ms</dd>
              <dt>Threads</dt>
              <dd>{calibration.threads}</dd>
              <dt>Recent jobs against the measurement</dt>
              <dd>{calibration.correction.toFixed(2)}×</dd>
              <dt>Measured</dt>
              <dd data-testid="measured-at">{new Date(calibration.measuredAtMs).toLocaleString()}</dd>
            </dl>
          )}
          <table className="data-table" aria-label="Predicted proving times">
            <thead>
              <tr>
                <th scope="col">Constraints</th>
                <th scope="col">Predicted time</th>
              </tr>
            </thead>
            <tbody>
              {view.predictions.map((p) => (
                <tr key={p.constraints}>
                  <td>{p.constraints.toLocaleString('en')}</td>
                  <td>{formatSeconds(Math.round(p.ms))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <p>
        <button type="button" disabled={measuring} onClick={() => void measure(bridge)}>
          {measuring ? 'Measuring…' : 'Measure again'}
        </button>{' '}
        <span className="muted">Proves the practice circuits for a few seconds; a job running meanwhile makes it read slow.</span>
      </p>
    </Card>
  );
}
