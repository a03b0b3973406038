// Recent Aztec epochs quoted under the settings in the form, saved or not: each epoch's txs and fees, the fee this
// machine asked then, the fee these settings would ask (or why they would decline the epoch), and what that fee
// would earn against the epoch's cost, with the total over the epochs quoted.
import type { AztecPreview } from '../../../src-main/core/api/aztec-schemas.js';
import { formatFee } from '../../amounts.js';
import { basisPointsText } from '../markets/quote-text.js';
import { whatIfTotalText } from './aztec-what-if.js';

const time = (ms: number) => new Date(ms).toLocaleString();
const fee = (wei: string | null) => (wei === null ? '–' : formatFee(wei));

interface WhatIfProps {
  whatIf: AztecPreview | null;
  /** The form has errors: the table shows the last valid settings. */
  stale: boolean;
  /** The fee token's price in the form, for the dollar estimate. */
  feeTokenUsdMicros: number | null;
}

export function AztecWhatIfTable({ whatIf, stale, feeTokenUsdMicros }: WhatIfProps) {
  return (
    <>
      <h3>What if: recent epochs under these settings</h3>
      {whatIf === null ? (
        <p className="muted">{stale ? 'Fix the fields above to see the what-if.' : 'Loading…'}</p>
      ) : whatIf.epochs.length === 0 ? (
        <p className="muted">No epochs asked about yet. Once an Aztec market is on (the practice one is in Markets), this shows how its epochs would be quoted.</p>
      ) : (
        <>
          <p className="muted">
            {stale ? 'Fix the fields above to update the what-if. ' : ''}The fee this machine asked for each epoch at the time, then the fee it would ask with
            the settings above (saved or not), and what that fee earns if the epoch is claimed and proven, against the epoch&apos;s cost.
          </p>
          <div className="table-scroll">
            <table className="data-table nowrap" aria-label="What-if on recent epochs">
              <thead>
                <tr>
                  <th scope="col">Asked</th>
                  <th scope="col" className="number">
                    Epoch
                  </th>
                  <th scope="col" className="number">
                    Txs
                  </th>
                  <th scope="col" className="number">
                    Fees
                  </th>
                  <th scope="col" className="number">
                    Fee at the time
                  </th>
                  <th scope="col" className="number">
                    Fee with these settings
                  </th>
                  <th scope="col" className="number">
                    Expected revenue
                  </th>
                  <th scope="col" className="number">
                    Cost
                  </th>
                </tr>
              </thead>
              <tbody>
                {whatIf.epochs.map((epoch) => (
                  <tr key={`${epoch.coordinatorId}-${epoch.epoch}`} data-epoch={epoch.epoch}>
                    <td>{time(epoch.atMs)}</td>
                    <td className="number">{epoch.epoch}</td>
                    <td className="number">{epoch.txCount}</td>
                    <td className="number">{formatFee(epoch.totalFeesWei)}</td>
                    <td className="number">{epoch.recordedBasisPointFee === null ? epoch.outcome : basisPointsText(epoch.recordedBasisPointFee)}</td>
                    {epoch.basisPointFee === null ? (
                      <td className="error-cell" data-testid="aztec-what-if-fee">
                        declined: {epoch.declineReason}
                      </td>
                    ) : (
                      <td className="number" data-testid="aztec-what-if-fee" data-basis-points={epoch.basisPointFee}>
                        {basisPointsText(epoch.basisPointFee)}
                      </td>
                    )}
                    <td className="number">{fee(epoch.expectedRevenueWei)}</td>
                    <td className="number">{fee(epoch.costWei)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p data-testid="aztec-what-if-total">{whatIfTotalText(whatIf, feeTokenUsdMicros)}</p>
        </>
      )}
    </>
  );
}
