// Recent proofs priced under the model in the form, next to what they cost and asked when they were made.
import { Card } from '../../components/Card.js';
import { formatCents, formatSeconds } from '../../format.js';
import type { PricingPreview } from '../../../src-main/core/api/pricing-schemas.js';

const time = (ms: number) => new Date(ms).toLocaleString();

export function PricingPreviewCard({ preview, stale }: { preview: PricingPreview | null; stale: boolean }) {
  return (
    <Card title="Preview on recent proofs" className="wide">
      {preview === null ? (
        <p className="muted">{stale ? 'Fix the fields above to see the preview.' : 'Loading…'}</p>
      ) : preview.proofs.length === 0 ? (
        <p className="muted">No proofs yet. Once this machine has proven jobs, this shows what they would cost and ask under the model above.</p>
      ) : (
        <>
          <p className="muted">
            {stale ? 'Fix the fields above to update the preview. ' : ''}“Then”: what each proof cost and asked when it was made. The last two columns use the model above, saved or not.
          </p>
          <table className="data-table" aria-label="Preview on recent proofs">
            <thead>
              <tr>
                <th>Proved</th>
                <th>Coordinator</th>
                <th>Job</th>
                <th>State</th>
                <th className="number">Proving time</th>
                <th className="number">Cost then</th>
                <th className="number">Price then</th>
                <th className="number">Cost</th>
                <th className="number">Price</th>
              </tr>
            </thead>
            <tbody>
              {preview.proofs.map((proof) => (
                <tr key={`${proof.jobId}-${proof.provedAtMs}`}>
                  <td>{time(proof.provedAtMs)}</td>
                  <td>{proof.coordinatorName}</td>
                  <td>{proof.externalId}</td>
                  <td>
                    <span className={`state state-${proof.state}`}>{proof.state}</span>
                  </td>
                  <td className="number">{formatSeconds(proof.provingTimeMs)}</td>
                  <td className="number">{formatCents(proof.recordedCostCents)}</td>
                  <td className="number">{formatCents(proof.recordedPriceCents)}</td>
                  <td className="number">{formatCents(proof.costCents)}</td>
                  <td className="number">{formatCents(proof.priceCents)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={5}>
                  Total
                </th>
                <td className="number">{formatCents(preview.totals.recordedCostCents)}</td>
                <td className="number">{formatCents(preview.totals.recordedPriceCents)}</td>
                <td className="number" data-testid="preview-total-cost">
                  {formatCents(preview.totals.costCents)}
                </td>
                <td className="number" data-testid="preview-total-price">
                  {formatCents(preview.totals.priceCents)}
                </td>
              </tr>
            </tfoot>
          </table>
        </>
      )}
    </Card>
  );
}
