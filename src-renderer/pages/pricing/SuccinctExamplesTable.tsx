// What a few request sizes cost this machine and what it bids for them, per billion PGU, at its measured speed
// and the saved bid settings; until the speed is measured, says so and offers to measure it.
import type { SuccinctPricingView } from '../../../src-main/core/api/bidding-schemas.js';
import { useBridge } from '../../bridge/context.js';
import { formatPgus, formatProvePerBpgu } from '../../amounts.js';
import { useCalibrationStore } from '../../stores/calibration.js';
import { formatDuration } from '../jobs/job-text.js';

const WEI_PER_PGU_TIP = 'PROVE per billion PGU: wei per PGU ÷ 10⁹';

/** A new measurement comes back as an `engine.calibrated` event, which reloads the examples. */
export function SuccinctExamplesTable({ view, unsaved }: { view: SuccinctPricingView; unsaved: boolean }) {
  const bridge = useBridge();
  const measuring = useCalibrationStore((store) => store.measuring);
  const measure = useCalibrationStore((store) => store.measure);

  return (
    <>
      <h3>Example bids at this machine&apos;s speed</h3>
      {!view.calibrated && (
        <p className="notice notice-info" role="note">
          <span>This machine&apos;s speed is not measured yet, so these use a deliberately slow guess and bid high.</span>
          <button type="button" disabled={measuring} onClick={() => void measure(bridge)}>
            {measuring ? 'Measuring…' : 'Measure now'}
          </button>
        </p>
      )}
      <p className="muted">{unsaved ? 'At the saved settings: save to see your changes here. ' : ''}A request of each size on the practice network, proven at full speed here.</p>
      <table className="data-table" aria-label="Example bids">
        <thead>
          <tr>
            <th scope="col" className="number">
              Request size (PGU)
            </th>
            <th scope="col" className="number">
              Proving time
            </th>
            <th scope="col" className="number" title={WEI_PER_PGU_TIP}>
              Break-even (PROVE/bPGU)
            </th>
            <th scope="col" className="number" title={WEI_PER_PGU_TIP}>
              Bid (PROVE/bPGU)
            </th>
          </tr>
        </thead>
        <tbody>
          {view.examples.map((example) => (
            <tr key={example.gasLimit}>
              <td className="number">{formatPgus(example.gasLimit)}</td>
              <td className="number">{formatDuration(example.provingMs)}</td>
              <td className="number" title={`${example.breakEvenWeiPerPgu} wei per PGU`}>
                {formatProvePerBpgu(example.breakEvenWeiPerPgu)}
              </td>
              <td className="number" title={`${example.bidWeiPerPgu} wei per PGU`}>
                {formatProvePerBpgu(example.bidWeiPerPgu)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
