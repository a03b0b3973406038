import { Fragment, useEffect } from 'react';
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
          {view.gpus.length > 0 && (
            <dl className="facts" aria-label="GPU speeds">
              {view.gpus.map((gpu) => (
                <Fragment key={gpu.device}>
                  <dt>{gpu.name}</dt>
                  <dd data-testid="gpu-speed">
                    {gpu.calibration === null
                      ? 'not measured yet: jobs stay on the CPU until it is'
                      : `${Math.round(gpu.calibration.constraintsPerSecond).toLocaleString('en')} constraints/s plus ${Math.round(gpu.calibration.fixedMs)} ms per job`}
                  </dd>
                </Fragment>
              ))}
            </dl>
          )}
          <table className="data-table" aria-label="Predicted proving times">
            <thead>
              <tr>
                <th scope="col">Constraints</th>
                <th scope="col">{view.gpus.length > 0 ? 'CPU' : 'Predicted time'}</th>
                {view.gpus.map((gpu) => (
                  <th scope="col" key={gpu.device}>
                    {gpu.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.predictions.map((p, row) => (
                <tr key={p.constraints}>
                  <td>{p.constraints.toLocaleString('en')}</td>
                  <td>{predictedText(p.ms)}</td>
                  {view.gpus.map((gpu) => {
                    const predicted = gpu.predictions[row];
                    return <td key={gpu.device}>{predicted === undefined ? '–' : predictedText(predicted.ms)}</td>;
                  })}
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
        <span className="muted">
          Proves the practice circuits for a few seconds{view !== null && view.gpus.length > 0 ? ', on the CPU and on each GPU' : ''}; a job running
          meanwhile makes it read slow.
        </span>
      </p>
    </Card>
  );
}

/** A GPU's predictions can be well under a second: those in milliseconds. */
const predictedText = (ms: number): string => (ms < 1000 ? `${Math.round(ms)} ms` : formatSeconds(Math.round(ms)));
